// Small helpers shared by scripts/demo.mjs and scripts/test.mjs. Plain Node, no dependencies: these run before
// `npm install` has populated node_modules.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the embedded services and the demo keep their files: .data/, or OCOP_DATA_DIR (a test's own directory). */
export const DATA_DIR = process.env.OCOP_DATA_DIR
  ? path.resolve(process.env.OCOP_DATA_DIR)
  : path.join(ROOT, '.data');

/** Requires a package from the project's node_modules (only after ensureDependencies()). */
export const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = (text) => paint('1', text);

export function log(scope, message) {
  process.stdout.write(`${paint('36', `[${scope}]`)} ${message}\n`);
}

export function fail(scope, message) {
  process.stderr.write(`${paint('31', `[${scope}]`)} ${message}\n`);
}

/** Runs a command to completion with inherited stdio (or captured stdout); resolves its exit code. */
export function run(command, args, options = {}) {
  const { capture = false, env = process.env, cwd = ROOT } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; resolves the value or undefined. */
export async function waitFor(probe, { timeoutMs, intervalMs = 250 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    await sleep(intervalMs);
  }
  return undefined;
}

/** Replaces the database name (path) of a postgres URL. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A URL with its password hidden, for logs. */
export function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
