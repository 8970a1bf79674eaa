#!/usr/bin/env node
// `npm run bench -- chat-fanout`: how fast and how cheaply one live-session room fans chat out to its viewers.
//
// Workload (same for both targets): BENCH_VIEWERS sockets (websocket transport) spread over BENCH_CLIENTS forked
// client processes, all joined to one session; BENCH_RATE messages per second posted for BENCH_SECONDS by
// BENCH_POSTERS signed-in users (round robin, so each stays within the per-user chat limit), each message
// carrying its send time. Measured per delivery: send-to-receipt latency; per run: deliveries / (messages x
// viewers), and the CPU (utime+stime from /proc) that the server process(es) spent in the posting window.
//
// Targets, in one run:
//   baseline: a bare socket.io server (baseline-server.mjs): no adapter, auth, validation, rate limit or storage.
//   ours:     the built api (dist/) on a fresh database ocop_bench_<pid> (migrated and seeded with the cli, then
//             dropped), Redis adapter on, the real gateway (auth, validation, flood guard, rate limit, storage).
//
// Prints progress lines, then ONE JSON object as the last line. Flags (or env):
//   --viewers N (BENCH_VIEWERS, 2000)     --seconds N (BENCH_SECONDS, 30)   --rate N (BENCH_RATE, 10 msg/s)
//   --warmup N (BENCH_WARMUP, 3 s of the same traffic before measuring)     --clients N (BENCH_CLIENTS, 4)
//   --posters N (BENCH_POSTERS, 10)       --replicas N (BENCH_REPLICAS, 1)  --viewer-auth token|guest (token)
//   --only baseline|ours                  --cpu-prof (profile the api during the measured window, print top frames)
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../../../scripts/lib/util.mjs';
import {
  accessTokenMinter,
  api,
  cpuMs,
  createHarness,
  now,
  percentile,
  profileWritten,
  requireFromRoot,
  ROOT,
  round,
  startSeededSession,
} from '../support/harness.mjs';
import { summariseProfile } from './profile-summary.mjs';

const SCOPE = 'bench:chat-fanout';
const HERE = path.join(ROOT, 'test', 'bench', 'chat-fanout');

// ------------------------------------------------------------------------------------------------- options

const { values: flags } = parseArgs({
  options: {
    viewers: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    rate: { type: 'string' },
    clients: { type: 'string' },
    posters: { type: 'string' },
    replicas: { type: 'string' },
    'viewer-auth': { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
  },
});
const num = (flag, env, fallback) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} / ${env} must be a positive number`);
  return value;
};
const opts = {
  viewers: num('viewers', 'BENCH_VIEWERS', 2000),
  seconds: num('seconds', 'BENCH_SECONDS', 30),
  warmup: Number(flags.warmup ?? process.env.BENCH_WARMUP ?? 3),
  rate: num('rate', 'BENCH_RATE', 10),
  clients: num('clients', 'BENCH_CLIENTS', 4),
  posters: num('posters', 'BENCH_POSTERS', 10),
  replicas: num('replicas', 'BENCH_REPLICAS', 1),
  viewerAuth: flags['viewer-auth'] ?? process.env.BENCH_VIEWER_AUTH ?? 'token',
  only: flags.only ?? process.env.BENCH_ONLY ?? 'both',
  cpuProf: Boolean(flags['cpu-prof'] ?? process.env.BENCH_CPU_PROF === '1'),
};

// Child processes, signals, the database and Redis keys of the run: the harness the other benchmarks share.
const { log, own, stopChild, shutdown, runToEnd, prepare, startApi } = createHarness(SCOPE);

const sumCpu = (pids) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);

// ------------------------------------------------------------------------------------------------ the load

function onceMessage(child, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no '${type}' from client ${child.pid} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const listener = (message) => {
      if (message?.type !== type) return;
      clearTimeout(timer);
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
}

/**
 * Runs the workload against `target`: { name, urls[], sessionId, viewerTokens|null, posterTokens|null, serverPids[],
 * extraPids?: {label: () => pid[]}, onWindow?: {start, stop} }. Resolves the figures.
 */
async function runLoad(target) {
  const { viewers, clients: clientCount, rate, seconds, posters: posterCount } = opts;
  const clientTotal = Math.min(clientCount, viewers);
  log(`${target.name}: connecting ${viewers} viewers from ${clientTotal} client processes...`);
  const connectStarted = Date.now();
  const clients = [];
  let offset = 0;
  for (let k = 0; k < clientTotal; k++) {
    const count = Math.floor(viewers / clientTotal) + (k < viewers % clientTotal ? 1 : 0);
    const child = own(
      fork(path.join(HERE, 'viewers.mjs'), [], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    child.progress = 0;
    child.on('message', (m) => {
      if (m?.type === 'progress') child.progress = m.deliveries;
    });
    const ready = onceMessage(child, 'ready', 180_000);
    child.send({
      type: 'start',
      url: target.urls[k % target.urls.length],
      sessionId: target.sessionId,
      tokens: target.viewerTokens ? target.viewerTokens.slice(offset, offset + count) : null,
      count,
      concurrency: 25,
    });
    offset += count;
    clients.push({ child, ready });
  }
  const readies = await Promise.all(clients.map((c) => c.ready));
  const joined = readies.reduce((sum, r) => sum + r.joined, 0);
  const failures = {};
  for (const r of readies)
    for (const [code, n] of Object.entries(r.failures)) failures[code] = (failures[code] ?? 0) + n;
  log(
    `${target.name}: ${joined}/${viewers} viewers joined in ${((Date.now() - connectStarted) / 1000).toFixed(1)} s` +
      (Object.keys(failures).length ? `; failures: ${JSON.stringify(failures)}` : ''),
  );

  const { io } = requireFromRoot('socket.io-client');
  const posters = [];
  for (let p = 0; p < posterCount; p++) {
    const socket = io(target.urls[p % target.urls.length], {
      path: '/socket.io',
      transports: ['websocket'],
      auth: target.posterTokens ? { token: target.posterTokens[p] } : {},
      reconnection: false,
      forceNew: true,
    });
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const answer = await socket.timeout(10_000).emitWithAck('session:join', { sessionId: target.sessionId });
    if (!answer?.ok) throw new Error(`poster ${p} could not join: ${JSON.stringify(answer)}`);
    posters.push(socket);
  }

  // Let the joins' presence traffic die down and warm the path up (JIT, buffers, caches) with the same traffic
  // for --warmup seconds, unmeasured; then measure from a clean slate.
  await sleep(2000);
  const warmups = [];
  const warmupStart = now();
  for (let i = 0; i < Math.round(rate * opts.warmup); i++) {
    const wait = warmupStart + (i * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    warmups.push(
      posters[i % posters.length]
        .timeout(15_000)
        .emitWithAck('chat:send', { sessionId: target.sessionId, text: `warmup|${i}` })
        .catch(() => undefined),
    );
  }
  await Promise.all(warmups);
  await sleep(1000);
  for (const { child } of clients) {
    child.send({ type: 'reset' });
    child.progress = 0;
  }
  await sleep(300);

  const total = Math.round(rate * seconds);
  const extra = Object.fromEntries(
    Object.entries(target.extraPids ?? {}).map(([label, pids]) => [label, pids()]),
  );
  const extraBefore = Object.fromEntries(Object.entries(extra).map(([label, pids]) => [label, sumCpu(pids)]));
  target.onWindow?.start();
  const cpuBefore = sumCpu(target.serverPids);
  const clientPids = clients.map((c) => c.child.pid);
  const clientCpuBefore = sumCpu(clientPids);
  const windowStart = now();
  log(`${target.name}: posting ${total} messages at ${rate}/s from ${posterCount} posters...`);
  const acks = [];
  const ackCodes = {};
  for (let i = 0; i < total; i++) {
    const due = windowStart + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    const socket = posters[i % posters.length];
    const text = `bench|${i}|${now().toFixed(3)}`;
    acks.push(
      socket
        .timeout(15_000)
        .emitWithAck('chat:send', { sessionId: target.sessionId, text })
        .then(
          (answer) => {
            const code = answer?.ok ? 'ok' : (answer?.code ?? 'BAD_ACK');
            ackCodes[code] = (ackCodes[code] ?? 0) + 1;
          },
          () => {
            ackCodes.ACK_TIMEOUT = (ackCodes.ACK_TIMEOUT ?? 0) + 1;
          },
        ),
    );
  }
  await Promise.all(acks);
  const accepted = ackCodes.ok ?? 0;

  // Drain: until every accepted message reached every joined viewer, or nothing more arrives for 2 s.
  const expected = accepted * joined;
  let last = -1;
  let lastChange = Date.now();
  const drainDeadline = Date.now() + 20_000;
  for (;;) {
    const delivered = clients.reduce((sum, c) => sum + c.child.progress, 0);
    if (delivered >= expected) break;
    if (delivered !== last) {
      last = delivered;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > 2000 || Date.now() > drainDeadline) break;
    await sleep(100);
  }
  const cpuAfter = sumCpu(target.serverPids);
  const clientCpu = sumCpu(clientPids) - clientCpuBefore;
  const windowMs = now() - windowStart;
  target.onWindow?.stop();
  const extraCpu = Object.fromEntries(
    Object.entries(extra).map(([label, pids]) => [label, sumCpu(pids) - extraBefore[label]]),
  );

  const stats = await Promise.all(
    clients.map(({ child }) => {
      const reply = onceMessage(child, 'stats', 30_000);
      child.send({ type: 'report' });
      return reply;
    }),
  );
  for (const socket of posters) socket.disconnect();
  await Promise.all(
    clients.map(({ child }) => {
      child.send({ type: 'close' });
      return stopChild(child, 3000);
    }),
  );

  const deliveries = stats.reduce((sum, s) => sum + s.deliveries, 0);
  const all = new Float64Array(deliveries);
  let at = 0;
  for (const s of stats) {
    const buf = Buffer.from(s.latencies, 'base64');
    const values = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
    all.set(values, at);
    at += values.length;
  }
  all.sort();
  const cpu = cpuAfter - cpuBefore;
  // The worst latency of each second of posting, to tell a steady tail from a few stalls.
  const worstBySecond = [];
  for (const st of stats) {
    st.worst.forEach((ms, index) => {
      const second = Math.floor(index / rate);
      worstBySecond[second] = Math.max(worstBySecond[second] ?? 0, ms);
    });
  }
  const result = {
    viewers_joined: joined,
    messages_sent: total,
    messages_accepted: accepted,
    ack_codes: ackCodes,
    deliveries,
    delivered_ratio: round(deliveries / (total * viewers), 4),
    p50_ms: round(percentile(all, 50)),
    p99_ms: round(percentile(all, 99)),
    max_ms: round(all.length ? all[all.length - 1] : null),
    cpu_ms: Math.round(cpu),
    window_s: round(windowMs / 1000, 1),
    cpu_ms_per_1k_deliveries: deliveries ? round(cpu / (deliveries / 1000), 3) : null,
    server_cpu_pct: round((100 * cpu) / windowMs, 1),
    clients_cpu_pct: round((100 * clientCpu) / windowMs, 1),
    worst_ms_by_second: Array.from(worstBySecond, (v) => Math.round(v ?? 0)),
    viewer_disconnects: stats.reduce((sum, s) => sum + s.disconnects, 0),
  };
  for (const [label, ms] of Object.entries(extraCpu)) {
    result[`${label}_cpu_ms_per_1k_deliveries`] = deliveries ? round(ms / (deliveries / 1000), 3) : null;
  }
  log(`${target.name}: ${JSON.stringify(result)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------- the targets

async function runBaseline() {
  const server = own(
    fork(path.join(HERE, 'baseline-server.mjs'), [], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const { port } = await onceMessage(server, 'listening', 10_000);
  log(`baseline: bare socket.io server (pid ${server.pid}) on 127.0.0.1:${port}`);
  try {
    return await runLoad({
      name: 'baseline',
      urls: [`http://127.0.0.1:${port}`],
      sessionId: 'bench',
      viewerTokens: null,
      posterTokens: null,
      serverPids: [server.pid],
    });
  } finally {
    await stopChild(server);
  }
}

async function runOurs() {
  // The benchmark builds what it measures (the others expect `npm run build` to have run).
  log('ours: building (npm run build)...');
  await runToEnd('npm', ['run', 'build', '--silent'], process.env);
  const { env, redisUrl, secret, databaseUrl } = await prepare({
    database: `ocop_bench_${process.pid}`,
    seed: true,
    // Registrations and sign-ins of the setup come from one address.
    extraEnv: { SIGNIN_MAX_ATTEMPTS_PER_IP: '100000', REGISTER_MAX_PER_IP: '100000' },
  });

  const profFile = path.join(DATA_DIR, 'bench', `chat-fanout-api-${process.pid}.cpuprofile`);
  if (opts.cpuProf) fs.mkdirSync(path.dirname(profFile), { recursive: true });
  const replicas = [];
  for (let r = 0; r < opts.replicas; r++) {
    const profiled = opts.cpuProf && r === 0;
    replicas.push(
      await startApi(env, {
        preload: profiled ? [path.join(HERE, 'cpu-profile.cjs')] : [],
        stdinPipe: profiled,
        extraEnv: { BENCH_CPU_PROF_FILE: profFile },
      }),
    );
  }
  const base = replicas[0].url;

  // Data: a seeded streamer (membership approved by the seed) opens and starts a session with one of the seeded
  // active products in its lineup; the posters register over HTTP like any shopper; the viewers hold access tokens
  // signed with the api's secret (registering 2,000 users would spend minutes in scrypt and measure nothing of the
  // room).
  const products = await api(base, 'GET', '/api/products');
  const productId = products.items?.[0]?.id;
  if (!productId) throw new Error('the seed left no active product to put in the lineup');
  const { sessionId, streamer } = await startSeededSession(base, {
    title: `Benchmark ${new Date().toISOString()}`,
    lineup: [productId],
  });
  log(`ours: live session ${sessionId} started by ${streamer}`);
  const posterTokens = [];
  for (let p = 0; p < opts.posters; p++) {
    const registered = await api(base, 'POST', '/api/auth/register', {
      email: `bench-poster-${process.pid}-${p}@bench.ocop.example`,
      password: `bench-${crypto.randomUUID()}`,
      displayName: `Poster ${p + 1}`,
    });
    posterTokens.push(registered.accessToken);
  }
  let viewerTokens = null;
  if (opts.viewerAuth === 'token') {
    // The viewers' user rows are inserted in one statement: the api refuses a token whose user does not exist.
    const { Client } = requireFromRoot('pg');
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db
      .query(
        `INSERT INTO users (email, password_hash, display_name)
         SELECT 'bench-viewer-' || $1::text || '-' || g || '@bench.ocop.example', 'bench:sign-in-disabled', 'Khán giả ' || g
         FROM generate_series(1, $2::int) AS g
         RETURNING id`,
        [String(process.pid), opts.viewers],
      )
      .finally(() => db.end());
    const mint = accessTokenMinter(secret);
    viewerTokens = rows.map((row) => mint(row.id));
  }
  const redisPid = await redisServerPid(redisUrl);
  const extraPids = {};
  if (redisPid && cpuMs(redisPid) > 0) extraPids.redis = () => [redisPid];

  const profiled = replicas[0].child;
  const result = await runLoad({
    name: 'ours',
    urls: replicas.map((r) => r.url),
    sessionId,
    viewerTokens,
    posterTokens,
    serverPids: replicas.map((r) => r.child.pid),
    extraPids,
    onWindow: opts.cpuProf
      ? { start: () => profiled.stdin.write('start\n'), stop: () => profiled.stdin.write('stop\n') }
      : undefined,
  });
  if (opts.cpuProf) {
    if (await profileWritten(profFile)) {
      log(`ours: api cpu profile of the posting window: ${path.relative(ROOT, profFile)}`);
      process.stdout.write(`${summariseProfile(profFile, 30)}\n`);
    } else log('ours: no cpu profile was written');
  }
  await Promise.all(replicas.map((r) => stopChild(r.child)));
  return result;
}

async function redisServerPid(url) {
  try {
    const host = new URL(url).hostname;
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return undefined;
    const Redis = requireFromRoot('ioredis');
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    const info = await redis.info('server');
    redis.disconnect();
    return Number(/process_id:(\d+)/.exec(info)?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

// --------------------------------------------------------------------------------------------------- main

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const baseline = opts.only === 'ours' ? undefined : await runBaseline();
  const ours = opts.only === 'baseline' ? undefined : await runOurs();
  await shutdown();

  const primary = ours ?? baseline;
  const summary = {
    bench: 'chat-fanout',
    viewers: opts.viewers,
    msgs_per_s: opts.rate,
    seconds: opts.seconds,
    replicas: opts.replicas,
    delivered_ratio: primary.delivered_ratio,
    p50_ms: primary.p50_ms,
    p99_ms: primary.p99_ms,
    cpu_ms_per_1k_deliveries: primary.cpu_ms_per_1k_deliveries,
    baseline_delivered_ratio: baseline?.delivered_ratio ?? null,
    baseline_p50_ms: baseline?.p50_ms ?? null,
    baseline_p99_ms: baseline?.p99_ms ?? null,
    baseline_cpu_ms_per_1k_deliveries: baseline?.cpu_ms_per_1k_deliveries ?? null,
    cpu_ratio:
      ours && baseline?.cpu_ms_per_1k_deliveries
        ? round(ours.cpu_ms_per_1k_deliveries / baseline.cpu_ms_per_1k_deliveries)
        : null,
    redis_cpu_ms_per_1k_deliveries: ours?.redis_cpu_ms_per_1k_deliveries ?? null,
    ack_codes: ours?.ack_codes ?? baseline?.ack_codes,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await shutdown();
  process.exit(1);
});
