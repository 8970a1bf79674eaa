#!/usr/bin/env node
// `npm run bench -- <name> [args...]`: runs the benchmark in test/bench/<name>/run.mjs with the remaining
// arguments. Benchmarks are not tests: each is bounded in time, talks to loopback only, measures a bare baseline in
// the same run, and prints one JSON object as its last line (see docs/benchmarks.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = path.join(ROOT, 'test', 'bench');
const available = fs
  .readdirSync(BENCH_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(BENCH_DIR, entry.name, 'run.mjs')))
  .map((entry) => entry.name);

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${available.join(' | ')}> [args]\n`);
  process.exit(2);
}

const child = spawn(process.execPath, [path.join(BENCH_DIR, name, 'run.mjs'), ...args], {
  cwd: ROOT,
  stdio: 'inherit',
});
// The benchmark owns its children and stops them on a signal; forward ours to it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
