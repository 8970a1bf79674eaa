// What the benchmarks share: the child processes they own (stopped on exit and on a signal),
// a fresh migrated (and optionally seeded) database per run, the built api and worker started from dist/ exactly
// as production runs them, a small HTTP client, access tokens minted with the api's secret, and percentiles.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_REDIS_URL, ensurePostgres, ensureRedis } from '../../../scripts/lib/services.mjs';
import { freePort, requireFromRoot, ROOT, withDatabase } from '../../../scripts/lib/util.mjs';

export { ROOT, requireFromRoot };
export const REGISTER = ['-r', './scripts/register-paths.cjs'];
export const now = () => performance.timeOrigin + performance.now();

export const percentile = (sorted, p) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
    : null;
export const round = (value, digits = 2) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));
/**
 * Reads whole-number options: `positive('requests', 'BENCH_REQUESTS', 500)` is the --requests flag of `flags` (the
 * values of node:util's parseArgs), else that environment variable, else the fallback; it throws unless the value is
 * a positive integer.
 */
export const positiveIntegers = (flags) => (flag, env, fallback) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`--${flag} / ${env} must be a positive integer`);
  return value;
};
/** p50 / p99 / max of a list of milliseconds, rounded. */
export function latencySummary(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; 0 if it is unreadable. */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}

/** Idle and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineTicks() {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu.trim().split(/\s+/).slice(1).map(Number);
  return { idle: values[3] + (values[4] ?? 0), total: values.reduce((a, b) => a + b, 0) };
}
/** Busy share (%) of the whole machine between two readings of machineTicks(). */
export const busyPct = (a, b) => round(100 * (1 - (b.idle - a.idle) / Math.max(1, b.total - a.total)), 1);
/** Busy share of the whole machine over the next `ms` milliseconds: anything above a few % is someone else's load. */
export async function machineBusyOver(ms) {
  const a = machineTicks();
  await sleep(ms);
  return busyPct(a, machineTicks());
}

/**
 * The machine's busy share just before a measurement, waiting up to BENCH_WAIT_QUIET seconds (default 0) for it to
 * drop under 20 %: on a shared 2-core machine another process's load halves the figures. Logs a warning when busy.
 */
export async function quietMachine(log) {
  const deadline = Date.now() + Number(process.env.BENCH_WAIT_QUIET ?? 0) * 1000;
  let busy = await machineBusyOver(2000);
  while (busy > 20 && Date.now() < deadline) busy = await machineBusyOver(2000);
  if (busy > 20)
    log(`warning: the machine is ${busy} % busy before measuring: something else runs; figures will suffer`);
  return busy;
}

/**
 * The processes and resources of one benchmark run. Every child spawned through it is stopped (SIGTERM, then SIGKILL)
 * at shutdown, on SIGINT/SIGTERM/SIGHUP and on failure; then the cleanups run, last registered first.
 */
/** The port a forked server reports with `process.send({ type: 'listening', port })`, or an error after `timeoutMs`. */
export function listeningPort(child, what, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start`)), timeoutMs);
    child.on('message', (m) => {
      if (m?.type !== 'listening') return;
      clearTimeout(timer);
      resolve(m.port);
    });
  });
}

export function createHarness(scope) {
  const owned = new Set();
  const cleanups = [];
  let stopping;
  const log = (message) => process.stdout.write(`[${scope}] ${message}\n`);

  function own(child) {
    owned.add(child);
    child.once('exit', () => owned.delete(child));
    return child;
  }

  function stopChild(child, graceMs = 8000) {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  function shutdown() {
    stopping ??= (async () => {
      await Promise.all([...owned].map((child) => stopChild(child)));
      for (const cleanup of cleanups.reverse())
        await cleanup().catch((e) => log(`cleanup failed: ${e.message}`));
    })();
    return stopping;
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      log(`${signal}: stopping`);
      void shutdown().then(() => process.exit(130));
    });
  }

  /** Runs a command to its end; resolves its stdout, rejects with it on a non-zero exit. */
  function runToEnd(command, args, env) {
    return new Promise((resolve, reject) => {
      const child = own(spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }));
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve(output)
          : reject(new Error(`${path.basename(command)} ${args.join(' ')}: exit ${code}\n${output}`)),
      );
    });
  }

  /**
   * PostgreSQL and Redis (the configured or local ones, else the embedded ones of `npm run demo`), then a fresh
   * database `database` migrated (and seeded when asked) with the cli. Returns the environment the api
   * and worker run with; the database and the Redis keys of the run are dropped at shutdown.
   */
  async function prepare({ database, seed = false, extraEnv = {} }) {
    const adminUrl =
      process.env.BENCH_DATABASE_URL ||
      (process.env.DATABASE_URL
        ? withDatabase(process.env.DATABASE_URL, 'postgres')
        : 'postgres://postgres@127.0.0.1:5432/postgres');
    const postgres = await ensurePostgres(scope, { url: adminUrl });
    cleanups.push(postgres.stop);
    const redis = await ensureRedis(scope, { url: process.env.REDIS_URL || DEFAULT_REDIS_URL });
    cleanups.push(redis.stop);

    const prefix = `bench${process.pid}`;
    const secret = crypto.randomBytes(48).toString('base64');
    const databaseUrl = withDatabase(postgres.url, database);
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      JWT_ACCESS_SECRET: secret,
      JWT_ACCESS_TTL_SECONDS: '3600',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
      LOG_PRETTY: 'false',
      ...extraEnv,
    };

    assertBuilt(log);

    const { Client } = requireFromRoot('pg');
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
    cleanups.push(async () => {
      if (process.env.BENCH_KEEP_DATABASE === '1') log(`kept database ${database} (BENCH_KEEP_DATABASE=1)`);
      else await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
      const Redis = requireFromRoot('ioredis');
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await client.unlink(...keys);
      } while (cursor !== '0');
      client.disconnect();
      log(`dropped database ${database} and Redis keys ${prefix}*`);
    });
    log(`database ${database}: migrating${seed ? ' and seeding' : ''} (cli)...`);
    await runToEnd(process.execPath, [...REGISTER, 'dist/apps/cli/src/main.js', 'migrate'], env);
    if (seed) await runToEnd(process.execPath, [...REGISTER, 'dist/apps/cli/src/main.js', 'seed'], env);
    return { env, databaseUrl, redisUrl: redis.url, secret, prefix };
  }

  /**
   * Starts the built api on a free port and waits for /health. `preload` modules are required before main (the CPU
   * profiler); with `stdinPipe` the child's stdin is a pipe the caller can write to.
   */
  async function startApi(env, { preload = [], stdinPipe = false, extraEnv = {} } = {}) {
    const port = await freePort();
    const args = [...REGISTER, ...preload.flatMap((file) => ['-r', file]), 'dist/apps/api/src/main.js'];
    const child = own(
      spawn(process.execPath, args, {
        cwd: ROOT,
        env: { ...env, ...extraEnv, PORT: String(port) },
        stdio: [stdinPipe ? 'pipe' : 'ignore', 'ignore', 'inherit'],
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the api exited (${child.exitCode}) while starting`);
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`the api at ${url} did not become healthy within 60 s`);
      await sleep(250);
    }
    log(`api healthy at ${url} (pid ${child.pid})`);
    return { child, url };
  }

  /**
   * Starts a built app (`main`, under dist/) and waits up to 60 s for `startedText` on its stdout; `name` is what the
   * errors call it. Resolves its child process.
   */
  async function startBuilt(name, main, env, startedText) {
    const child = own(
      spawn(process.execPath, [...REGISTER, main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] }),
    );
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${name} did not start within 60 s`)), 60_000);
      let seen = '';
      child.stdout.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes(startedText)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the ${name} exited (${code}) while starting`));
      });
    });
    child.stdout.resume();
    return child;
  }

  /** Starts the built worker and waits for its start-up line. */
  async function startWorker(env) {
    const child = await startBuilt('worker', 'dist/apps/worker/src/main.js', env, 'worker started');
    log(`worker started (pid ${child.pid})`);
    return { child };
  }

  return { log, own, stopChild, shutdown, runToEnd, prepare, startApi, startBuilt, startWorker, cleanups };
}

/**
 * The benchmarks run what `npm run build` left in dist/ and build nothing themselves: refuse to start without it, and
 * say so when a source file is newer than the last build.
 */
function assertBuilt(log) {
  const marker = path.join(ROOT, 'dist', '.tsbuildinfo');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js')) || !fs.existsSync(marker))
    throw new Error('dist/ is missing: run `npm run build` first');
  const built = fs.statSync(marker).mtimeMs;
  const newer = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(entry.name)) {
        if (fs.statSync(file).mtimeMs > built) newer.push(path.relative(ROOT, file));
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const unit of fs.readdirSync(path.join(ROOT, top)).filter((name) => name !== 'testing')) {
      const src = path.join(ROOT, top, unit, 'src');
      if (fs.existsSync(src)) walk(src);
    }
  }
  if (newer.length)
    log(
      `warning: dist/ is older than ${newer.length} source file(s) (${newer[0]}...): run \`npm run build\` first`,
    );
}

/**
 * Access tokens exactly as AccessTokenService signs them (HS256, issuer ocop-live, typ access, the user's token
 * version: 0 for a user row just inserted). The user must exist: the api refuses tokens of unknown users.
 */
export function accessTokenMinter(secret) {
  const jwt = requireFromRoot('jsonwebtoken');
  return (userId, roles = ['shopper'], tokenVersion = 0) =>
    jwt.sign({ sub: userId, roles, ver: tokenVersion, typ: 'access' }, secret, {
      algorithm: 'HS256',
      issuer: 'ocop-live',
      expiresIn: 3600,
    });
}

/**
 * A live session of the seed: scheduled with `lineup` and started over HTTP by the first seeded streamer that can (from
 * the end of the list: the seed puts some streamers on air already). Resolves { sessionId, streamer } (an email).
 */
export async function startSeededSession(base, { title, lineup }) {
  const { DEMO_PASSWORD, SEED_STREAMERS } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  const refusals = [];
  for (const streamer of [...SEED_STREAMERS].reverse()) {
    try {
      const { accessToken } = await api(base, 'POST', '/api/auth/sign-in', {
        identifier: streamer.email,
        password: DEMO_PASSWORD,
      });
      const session = await api(
        base,
        'POST',
        '/api/sessions',
        { title, scheduledStartAt: new Date(Date.now() + 3600_000).toISOString(), lineup },
        accessToken,
      );
      await api(base, 'POST', `/api/sessions/${session.id}/go-live`, undefined, accessToken);
      return { sessionId: session.id, streamer: streamer.email };
    } catch (error) {
      refusals.push(`${streamer.email}: ${error.message}`);
    }
  }
  throw new Error(`no seeded streamer could start a session:\n${refusals.join('\n')}`);
}

/** Whether the cpu profiler (cpu-profile.cjs) wrote `file`, waiting up to 10 s for it after the window stopped. */
export async function profileWritten(file) {
  for (let i = 0; i < 50 && !fs.existsSync(file); i++) await sleep(200);
  return fs.existsSync(file);
}

/** JSON over HTTP for the setup steps; throws on a non-2xx answer. */
export async function api(base, method, route, body, token) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
  return json;
}

/**
 * A raw keep-alive HTTP client for the measured requests (less client CPU than fetch on a 2-core machine). Resolves
 * { status, body, ms } where ms runs from the call to the last byte of the answer; never rejects (status 0 and
 * `error` on a transport failure).
 */
export function rawClient(baseUrl, { maxSockets = Infinity } = {}) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function request(method, route, { headers = {}, body } = {}) {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const started = now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: hostname,
          port,
          method,
          path: route,
          agent,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers }
            : headers,
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: now() - started,
            }),
          );
          res.on('error', (error) =>
            resolve({ status: 0, error: error.message, body: '', ms: now() - started }),
          );
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => resolve({ status: 0, error: error.message, body: '', ms: now() - started }));
      if (payload) req.write(payload);
      req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}

/** The error code of a JSON error answer ({ code, message, ... }), or undefined. */
export function answerCode(body) {
  try {
    return JSON.parse(body)?.code;
  } catch {
    return undefined;
  }
}
