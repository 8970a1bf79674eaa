import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { adminDatabaseUrl, testRedisUrl, withDatabase } from '@ocop/testing';
import { freePort, ROOT } from '../../support/replicas';
import { ARTIFACTS } from './artifacts';

/**
 * The app the way `npm run demo` starts it: `node scripts/demo.mjs` itself (migrate, seed the Hanoi demo, api and
 * worker serving the built web app), on a free port, against a fresh database of its own and the test Redis under
 * a queue prefix of its own. The demo skips its build (DEMO_SKIP_BUILD=1) only when dist/ is newer than every
 * source; otherwise it builds as it always does.
 */

const BANNER = 'OCOP Live demo is running';

export interface Demo {
  /** http://127.0.0.1:PORT, what the browsers open. */
  url: string;
  /** The demo's own database, for the test's look-ups (branch ids). */
  databaseUrl: string;
  /** The session the seed puts on air. */
  liveSessionId: string;
  /** The demo's output so far (the last 200,000 characters). */
  output: () => string;
  /** SIGINT to the demo's process group (like Ctrl-C), waits for it to exit, drops its database and keys. */
  stop: () => Promise<void>;
}

function newest(dir: string, include: (file: string) => boolean): number {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') latest = Math.max(latest, newest(full, include));
    } else if (include(full)) {
      latest = Math.max(latest, fs.statSync(full).mtimeMs);
    }
  }
  return latest;
}

function mtime(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** Whether dist/ (the server's tsc output and the web app's Vite output) is newer than every source it comes from. */
export function buildIsCurrent(): boolean {
  const isSource = (file: string) =>
    /\.(ts|tsx|css|json|html|svg)$/.test(file) && !/\.(spec|int-spec|e2e-spec)\.tsx?$/.test(file);
  const web = path.join(ROOT, 'apps', 'web');
  const serverSources = Math.max(
    newest(path.join(ROOT, 'libs'), (f) => f.endsWith('.ts') && isSource(f)),
    newest(path.join(ROOT, 'apps'), (f) => !f.startsWith(web) && f.endsWith('.ts') && isSource(f)),
  );
  const webSources = newest(web, isSource);
  // tsc rewrites its build info on every build that emits; without the api's entry point there is no build.
  const serverBuilt = fs.existsSync(path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'))
    ? mtime(path.join(ROOT, 'dist', '.tsbuildinfo'))
    : 0;
  const webBuilt = mtime(path.join(ROOT, 'dist', 'web', 'index.html'));
  return serverBuilt >= serverSources && webBuilt >= webSources;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-(child.pid as number), signal);
  } catch {
    // the group has gone already
  }
}

export interface DemoOptions {
  /**
   * The demo starts a redis-server of its own (REDIS_URL points where nothing answers), keeping its files in a
   * temporary OCOP_DATA_DIR: to watch it stop the services it started after its apps.
   */
  ownRedis?: boolean;
  /** More of the apps' settings (Stripe's, say). */
  env?: Record<string, string>;
}

let demosStarted = 0;

export async function startDemo(timeoutMs = 240_000, options: DemoOptions = {}): Promise<Demo> {
  // Named after this Jest worker's database, so the run's global teardown drops it even if the test never gets to.
  const workerDb = new URL(process.env['DATABASE_URL'] ?? 'postgres://x/ocop_web').pathname.slice(1);
  const database = `${workerDb}_web`;
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`unexpected database name ${database}`);
  await dropDatabase(database);
  const databaseUrl = withDatabase(adminDatabaseUrl(), database);
  const dataDir = options.ownRedis ? fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-demo-data-')) : undefined;
  const redisUrl = options.ownRedis ? `redis://127.0.0.1:${await freePort()}` : testRedisUrl();
  // A prefix of its own for each demo a worker starts: nothing an earlier spec's demo left in Redis (its jobs, the
  // sign-in limiter's counts per address, all from 127.0.0.1) reaches this one.
  const queuePrefix = `${process.env['QUEUE_PREFIX'] ?? `web${process.pid}`}web${++demosStarted}`;
  const [port, mediaHttpPort, mediaRtmpPort] = [await freePort(), await freePort(), await freePort()];
  const skipBuild = buildIsCurrent();
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocop-web-e2e-media-'));

  const env: NodeJS.ProcessEnv = { ...process.env };
  // The Jest worker's own settings are not the demo's: it runs as `npm run demo` does (development, info logs).
  delete env['NODE_ENV'];
  delete env['LOG_LEVEL'];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    LOG_PRETTY: 'false',
    JWT_ACCESS_SECRET: `web-e2e-${process.pid}-secret-that-is-long-enough-0123456789`,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Should the demo also run the media app, keep it off the ports a developer's own demo may hold.
    MEDIA_HOST: '127.0.0.1',
    MEDIA_HTTP_PORT: String(mediaHttpPort),
    MEDIA_RTMP_PORT: String(mediaRtmpPort),
    MEDIA_PUBLIC_URL: `http://127.0.0.1:${mediaHttpPort}`,
    MEDIA_RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${mediaRtmpPort}/live`,
    MEDIA_DATA_DIR: mediaDir,
    ...(skipBuild ? { DEMO_SKIP_BUILD: '1' } : {}),
    // Without the demo's past (the grown catalogue, eight weeks of sessions and orders): each spec starts its own
    // demo, and the past would add about a minute to each. history.e2e-spec.ts asks for it.
    DEMO_HISTORY: '0',
    ...(dataDir ? { OCOP_DATA_DIR: dataDir } : {}),
    ...options.env,
  });

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = path.join(ARTIFACTS, 'demo.log');
  const log = fs.createWriteStream(logFile);
  // Its own process group (detached): stopping it reaches the demo and everything it started, as Ctrl-C does.
  const child = spawn(process.execPath, ['scripts/demo.mjs'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const done = exited(child);
  const url = `http://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      killGroup(child, 'SIGINT');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30_000);
      await done;
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // anything of the group still around (it should all be gone)
      await new Promise<void>((resolve) => log.end(() => resolve()));
      await dropDatabase(database).catch(() => undefined);
      await deleteKeys(redisUrl, queuePrefix).catch(() => undefined);
      fs.rmSync(mediaDir, { recursive: true, force: true });
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `the demo exited (${child.exitCode ?? child.signalCode}) while starting:\n${output.slice(-5000)}`,
      );
    }
    if (output.includes(BANNER)) {
      const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
        (res) => res.ok,
        () => false,
      );
      if (healthy) break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the demo did not print "${BANNER}" within ${timeoutMs} ms:\n${output.slice(-5000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const live = /Live now: .*\n\s+session id: ([0-9a-f-]{36})/.exec(output);
  if (!live?.[1]) {
    await stop();
    throw new Error(`the demo printed no live session id:\n${output.slice(-3000)}`);
  }
  return { url, databaseUrl, liveSessionId: live[1], output: () => output, stop };
}

/** Runs one query on the demo's database (ids the UI does not show, such as a branch's). */
export async function queryDemo<T extends object>(
  demo: Demo,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: demo.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
