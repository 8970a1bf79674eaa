#!/usr/bin/env node
// `npm run demo`: the whole platform with the Hanoi demo data, from a fresh clone, in one command.
// Installs dependencies when needed, finds or starts PostgreSQL and Redis (embedded under .data/ when none
// answers), builds, migrates, seeds, then runs the api, the worker and the media app until Ctrl-C, starting again
// (with backoff) any of them that crashes. Ctrl-C stops the apps first and the services they use last. See README.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ensureDependencies, ensureSystemTools } from './lib/deps.mjs';
import { liveSessionOf, startDemoStream } from './lib/demo-stream.mjs';
import { exitOnSignals, Supervisor } from './lib/processes.mjs';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { bold, DATA_DIR, fail, log, ROOT, sleep, waitFor } from './lib/util.mjs';

const SCOPE = 'demo';
const require = createRequire(import.meta.url);
const supervisor = new Supervisor();
let exitCode = 0;

async function stopAndExit(code) {
  exitCode = Math.max(exitCode, code);
  if (!supervisor.stopping) log(SCOPE, 'stopping: the apps first, then the services they use...');
  await supervisor.shutdown((step) => log(SCOPE, step));
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

/**
 * The demo's Web Push (VAPID) key pair, made once and kept in .data/ like the JWT secret: browsers subscribed with
 * the public key keep receiving pushes across restarts. A P-256 pair in base64url, as web-push expects.
 */
function demoVapidKeys() {
  const file = path.join(DATA_DIR, 'vapid-keys.json');
  try {
    const existing = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (existing.publicKey && existing.privateKey) return existing;
  } catch {
    // first run
  }
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const d = ecdh.getPrivateKey();
  const keys = {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: Buffer.concat([Buffer.alloc(32 - d.length), d]).toString('base64url'),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
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
    ...(process.env.VAPID_PUBLIC_KEY
      ? {}
      : (({ publicKey, privateKey }) => ({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }))(
          demoVapidKeys(),
        )),
    LOG_PRETTY: process.env.LOG_PRETTY || 'true',
    // Uploaded photos and documents (the seed's pictures too), kept with the rest of the demo's data.
    ASSETS_DIR: process.env.ASSETS_DIR || path.join(DATA_DIR, 'assets'),
    // Where browsers and OBS reach the media app: follow its ports unless given.
    MEDIA_PUBLIC_URL:
      process.env.MEDIA_PUBLIC_URL || `http://localhost:${process.env.MEDIA_HTTP_PORT || 8000}`,
    MEDIA_RTMP_PUBLIC_URL:
      process.env.MEDIA_RTMP_PUBLIC_URL || `rtmp://localhost:${process.env.MEDIA_RTMP_PORT || 1935}/live`,
  };
  // VietQR: without real payOS keys, a local payOS stub with demo-only keys, whose "simulated bank" pays an order and
  // posts the webhook signed as payOS does. The app offers it to shoppers marked as a simulated bank.
  let payosNote = `  vietqr:  payOS at ${env.PAYOS_API_URL || 'https://api-merchant.payos.vn'} (your PAYOS_* keys)`;
  if (!env.PAYOS_CLIENT_ID && env.DEMO_PAYOS !== '0') {
    const { startPayosStub } = require('./lib/payos-stub.cjs');
    const keys = {
      clientId: 'demo-client-ocop',
      apiKey: 'demo-api-key-ocop',
      checksumKey: 'demo_checksum_key_not_secret_0123456789',
    };
    const stubPort = Number(process.env.PAYOS_STUB_PORT || 0);
    // payOS's payout channel has keys of its own; the demo's payouts succeed a few seconds after they are made.
    const payoutKeys = {
      payoutClientId: 'demo-payout-client-ocop',
      payoutApiKey: 'demo-payout-api-key-ocop',
      payoutChecksumKey: 'demo_payout_checksum_key_not_secret_0123',
    };
    const stub = await startPayosStub({
      ...keys,
      ...payoutKeys,
      payoutAutoSettleMs: 4_000,
      port: stubPort,
      host: '127.0.0.1',
      webhookUrl: `http://127.0.0.1:${port}/api/payments/payos/webhook`,
      // How browsers reach the simulated bank (payOS's checkout URL points there): given when not on this machine.
      publicUrl: process.env.PAYOS_STUB_PUBLIC_URL,
    });
    const stubPublic = (process.env.PAYOS_STUB_PUBLIC_URL || stub.url).replace(/\/$/, '');
    supervisor.defer(() => stub.close());
    Object.assign(env, {
      PAYOS_CLIENT_ID: keys.clientId,
      PAYOS_API_KEY: keys.apiKey,
      PAYOS_CHECKSUM_KEY: keys.checksumKey,
      PAYOS_PAYOUT_CLIENT_ID: payoutKeys.payoutClientId,
      PAYOS_PAYOUT_API_KEY: payoutKeys.payoutApiKey,
      PAYOS_PAYOUT_CHECKSUM_KEY: payoutKeys.payoutChecksumKey,
      PAYOS_API_URL: stub.url,
      PAYOS_SIMULATED_BANK_URL: `${stubPublic}/bank`,
    });
    payosNote = `  vietqr:  ${stubPublic}/bank   (simulated bank: a local payOS stub, no real money; DEMO_PAYOS=0 turns it off)`;
    log(SCOPE, `payOS stub (simulated bank) on ${stub.url}`);
  }

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
  // Certificate PDFs get their first-page preview from pdftoppm (poppler-utils); photos need nothing else.
  await ensureSystemTools(SCOPE, ['poppler-utils'], 'certificate PDFs are not processed (photos are)');
  await step('migrating the database (cli migrate)...', node, [...cli, 'migrate'], env);
  const seedOutput = await step('seeding the Hanoi demo data (cli seed)...', node, [...cli, 'seed'], env, {
    capture: true,
  });

  // Live video needs ffmpeg (installed with apt-get when running as root); without it the rest of the demo runs.
  const video = await ensureSystemTools(SCOPE, ['ffmpeg'], 'live video (RTMP and camera streams) stays off');
  const apps = video ? ['api', 'worker', 'media'] : ['api', 'worker'];
  // Each app is kept up on its own: one that crashes is logged and started again with backoff, and the others keep
  // serving. Only Ctrl-C (or a service dying) stops the demo.
  for (const app of apps) {
    supervisor.keep(app, process.execPath, [...register, `dist/apps/${app}/src/main.js`], {
      env,
      log: (message) => fail(SCOPE, message),
      onStart: (pid, restarts) =>
        log(SCOPE, restarts === 0 ? `starting ${app} (pid ${pid})...` : `${app} started again (pid ${pid})`),
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

  // The seeded live session's video: a looping clip through the real RTMP ingest, started beside the banner (its
  // first run makes the clip, a few seconds of ffmpeg).
  if (video) void startDemoStream({ scope: SCOPE, supervisor, base, seedOutput, env });
  const liveSession = liveSessionOf(seedOutput);

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
      payosNote,
      ...(liveSession
        ? [
            `  live:    ${url}/sessions/${liveSession.id}   ${
              video && env.DEMO_STREAM !== '0'
                ? '(its video is a looping clip pushed through RTMP; DEMO_STREAM=0 turns it off)'
                : '(no video: stream to it from OBS with the studio key)'
            }`,
          ]
        : []),
      '',
      signIns.startsWith('Demo sign-ins') ? signIns : '(the seed printed no sign-ins)',
      '',
      'A crashed app is started again by itself. Press Ctrl-C to stop everything this demo started.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error) => {
  fail(SCOPE, error instanceof Error ? error.message : String(error));
  await stopAndExit(1);
});
