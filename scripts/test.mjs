#!/usr/bin/env node
// `npm test`: the whole suite. Installs dependencies when needed, finds or starts PostgreSQL and Redis (like the
// demo), then runs lint beside typecheck and the build, then Jest (all tiers), stopping at the first failure.
// Arguments after `npm test --` go to Jest. Jest's JSON results land in .jest-results.json (read by .ci/run).
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, ensureSystemTools } from './lib/deps.mjs';
import { exitOnSignals, Supervisor } from './lib/processes.mjs';
import { DEFAULT_REDIS_URL, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { fail, log, ROOT, withDatabase } from './lib/util.mjs';

const SCOPE = 'test';
const supervisor = new Supervisor();
const started = Date.now();

async function stopAndExit(code) {
  await supervisor.shutdown();
  process.exit(code);
}

exitOnSignals(supervisor, () => void stopAndExit(130));

async function main() {
  process.chdir(ROOT);
  await ensureDependencies(SCOPE);
  await ensureSystemTools(SCOPE); // Chromium for the web e2e journey, ffmpeg for live video, pdftoppm for PDFs
  fs.rmSync(path.join(ROOT, '.jest-results.json'), { force: true });

  // The tests connect as admin to the `postgres` database and create a database per run and per Jest worker.
  const adminUrl =
    process.env.TEST_DATABASE_URL ||
    (process.env.DATABASE_URL
      ? withDatabase(process.env.DATABASE_URL, 'postgres')
      : 'postgres://postgres@127.0.0.1:5432/postgres');
  const postgres = await ensurePostgres(SCOPE, { url: adminUrl, fast: true });
  supervisor.defer(postgres.stop);
  const redis = await ensureRedis(SCOPE, {
    url: process.env.TEST_REDIS_URL || process.env.REDIS_URL || DEFAULT_REDIS_URL,
  });
  supervisor.defer(redis.stop);
  if (supervisor.stopping) return;

  const env = { ...process.env, TEST_DATABASE_URL: postgres.url, TEST_REDIS_URL: redis.url };
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
  const lint = ['lint', 'npm', ['run', 'lint', '--silent']];
  const typecheck = ['typecheck', 'npm', ['run', 'typecheck', '--silent']];
  // The production build (dist/) is what the e2e tier starts as separate api processes.
  const build = ['build', 'npm', ['run', 'build', '--silent']];
  // The web app's REST client is generated from the api's OpenAPI document: the committed one must match.
  const webClient = [process.execPath, ['scripts/web-api.mjs', '--check']];
  // --forceExit: a test that leaks a handle must not hang the run (and CI) after the results are in.
  const jest = [
    bin('jest'),
    ['--json', '--outputFile=.jest-results.json', '--forceExit', ...process.argv.slice(2)],
  ];
  // Stages run one after the other; within a stage, its lanes run side by side (lint beside the compiler: each
  // keeps one core busy), each lane's steps in order. The first failure stops the run.
  const stages = [[[lint], [typecheck, build]], [[['web client', ...webClient]]], [[['jest', ...jest]]]];
  for (const lanes of stages) {
    const results = await Promise.all(
      lanes.map(async (lane) => {
        for (const [name, command, args] of lane) {
          log(SCOPE, `${name}...`);
          const { code } = await supervisor.run(command, args, { env });
          if (code !== 0) return { name, code };
          if (supervisor.stopping) return null;
        }
        return null;
      }),
    );
    if (supervisor.stopping) return;
    const failed = results.find((r) => r !== null);
    if (failed) {
      fail(
        SCOPE,
        `${failed.name} failed (exit ${failed.code}) after ${Math.round((Date.now() - started) / 1000)} s.`,
      );
      await stopAndExit(failed.code);
    }
  }
  log(SCOPE, `lint, typecheck, build and jest passed in ${Math.round((Date.now() - started) / 1000)} s`);
  await stopAndExit(0);
}

main().catch(async (error) => {
  fail(SCOPE, error instanceof Error ? error.message : String(error));
  await stopAndExit(1);
});
