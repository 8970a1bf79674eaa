#!/usr/bin/env node
// `npm run demo`: the whole platform with the Hanoi demo data, from a fresh clone, in one command.
// Installs dependencies when needed, finds or starts PostgreSQL and Redis (embedded under .data/ when none
// answers), builds, migrates, seeds, then runs the api and the worker until Ctrl-C. See README.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureDependencies, ensureSystemTools } from './lib/deps.mjs';
import { exitOnSignals, Supervisor } from './lib/processes.mjs';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { bold, DATA_DIR, fail, log, ROOT, sleep, waitFor } from './lib/util.mjs';

const SCOPE = 'demo';
const supervisor = new Supervisor();
let exitCode = 0;

async function stopAndExit(code) {
  exitCode = Math.max(exitCode, code);
  if (!supervisor.stopping) log(SCOPE, 'stopping...');
  await supervisor.shutdown();
  log(SCOPE, 'stopped');
  process.exit(exitCode);
}

exitOnSignals(supervisor, () => void stopAndExit(0));

/** A random secret kept in .data/ so that restarting the demo keeps issued tokens valid. */
function demoJwtSecret() {
  const file = path.join(DATA_DIR, 'jwt-access-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first run
  }
  const secret = crypto.randomBytes(48).toString('base64');
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function step(title, command, args, env, options = {}) {
  log(SCOPE, title);
  const { code, output } = await supervisor.run(command, args, { env, ...options });
  if (supervisor.stopping) return new Promise(() => undefined); // shutting down: let the signal handler exit
  if (code !== 0) {
    fail(SCOPE, `${title.replace(/\.\.\.$/, '')} failed (exit ${code}).`);
    await stopAndExit(code);
  }
  return output;
}

async function main() {
  process.chdir(ROOT);
  await ensureDependencies(SCOPE);

  const port = Number(process.env.PORT || 3000);
  if (!(await portIsFree(port))) {
    fail(SCOPE, `port ${port} is already in use: stop what uses it, or run \`PORT=3001 npm run demo\`.`);
    process.exit(1);
  }

  const postgres = await ensurePostgres(SCOPE, {
    url: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    ensureDatabase: true,
  });
  supervisor.defer(postgres.stop);
  if (supervisor.stopping) return;
  const redis = await ensureRedis(SCOPE, { url: process.env.REDIS_URL || DEFAULT_REDIS_URL, persist: true });
  supervisor.defer(redis.stop);
  if (supervisor.stopping) return;
  // A service started here that dies takes the demo down with it.
  for (const service of [postgres, redis]) {
    service.child?.on('exit', () => {
      if (!supervisor.stopping) {
        fail(SCOPE, `${service === postgres ? 'PostgreSQL' : 'redis-server'} stopped unexpectedly.`);
        void stopAndExit(1);
      }
    });
  }

  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    PORT: String(port),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    JWT_ACCESS_SECRET: process.env.JWT_ACCESS_SECRET || demoJwtSecret(),
    LOG_PRETTY: process.env.LOG_PRETTY || 'true',
    // Where browsers and OBS reach the media app: follow its ports unless given.
    MEDIA_PUBLIC_URL:
      process.env.MEDIA_PUBLIC_URL || `http://localhost:${process.env.MEDIA_HTTP_PORT || 8000}`,
    MEDIA_RTMP_PUBLIC_URL:
      process.env.MEDIA_RTMP_PUBLIC_URL || `rtmp://localhost:${process.env.MEDIA_RTMP_PORT || 1935}/live`,
  };
  const register = ['-r', './scripts/register-paths.cjs'];
  const cli = [...register, 'dist/apps/cli/src/main.js'];

  const node = process.execPath;
  // DEMO_SKIP_BUILD=1 (the web e2e test, right after `npm test` has built everything) reuses an existing build.
  const built = ['dist/apps/api/src/main.js', 'dist/web/index.html'].every((f) =>
    fs.existsSync(path.join(ROOT, f)),
  );
  if (process.env.DEMO_SKIP_BUILD === '1' && built)
    log(SCOPE, 'skipping the build (DEMO_SKIP_BUILD=1, dist/ exists)');
  else await step('building (npm run build)...', 'npm', ['run', 'build', '--silent'], env);
  await step('migrating the database (cli migrate)...', node, [...cli, 'migrate'], env);
  const seedOutput = await step('seeding the Hanoi demo data (cli seed)...', node, [...cli, 'seed'], env, {
    capture: true,
  });

  // Live video needs ffmpeg (installed with apt-get when running as root); without it the rest of the demo runs.
  const video = await ensureSystemTools(SCOPE, ['ffmpeg'], 'live video (RTMP and camera streams) stays off');
  const apps = video ? ['api', 'worker', 'media'] : ['api', 'worker'];
  for (const app of apps) {
    log(SCOPE, `starting ${app}...`);
    supervisor.spawn(process.execPath, [...register, `dist/apps/${app}/src/main.js`], {
      env,
      onExit: (code, signal) => {
        if (supervisor.stopping) return;
        fail(SCOPE, `${app} exited (${signal ?? `code ${code}`}); stopping the demo.`);
        void stopAndExit(code || 1);
      },
    });
  }

  const base = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(
    async () => (await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).ok,
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  if (supervisor.stopping) return;
  if (!healthy) {
    fail(SCOPE, `the api did not become healthy at ${base}/health within 120 s.`);
    await stopAndExit(1);
  }

  const url = (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  const signIns = seedOutput.slice(Math.max(0, seedOutput.indexOf('Demo sign-ins'))).trim();
  await sleep(300); // let the apps' start-up logs land before the banner
  process.stdout.write(
    [
      '',
      bold('OCOP Live demo is running'),
      `  web:     ${url}/   (open it on a phone-sized window; Vietnamese, EN toggle)`,
      `  api:     ${url}/api`,
      `  health:  ${url}/health`,
      `  docs:    ${url}/api/docs   (OpenAPI JSON: ${url}/api/docs-json)`,
      video
        ? `  rtmp:    ${env.MEDIA_RTMP_PUBLIC_URL}   (OBS server; the stream key is in the studio's session page)`
        : '  video:   off (install ffmpeg for RTMP and camera streams)',
      '',
      signIns.startsWith('Demo sign-ins') ? signIns : '(the seed printed no sign-ins)',
      '',
      'Press Ctrl-C to stop everything this demo started.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  fail(SCOPE, error instanceof Error ? error.message : String(error));
  await stopAndExit(1);
});
