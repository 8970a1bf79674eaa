#!/usr/bin/env node
// `npm run bench -- flash-sale`: a flash sale on one product during a live session, then sustained checkout
// throughput on one hot product, each against the built api (dist/) on its own fresh database.
//
// 1. Burst: BENCH_BUYERS buyers (2,000) arrive spread over one second on one product with a stock of BENCH_STOCK
//    (100), COD, quantity 1, each with its own Idempotency-Key; 10 % of them send the same request twice (half of
//    those both at once, half again as soon as the first answer lands). An answer IDEMPOTENT_REQUEST_IN_PROGRESS is
//    retried after 50 ms like a phone would, and so is a connection that failed without an answer (after 100 ms,
//    counted in transport_errors), until the request has its final answer. Then the database is asked
//    what was sold, whether the stock went negative and whether any buyer got two orders.
// 2. Sustained: BENCH_CONCURRENCY (32) closed-loop clients buy one unit each of a hot product (stock 1,000,000)
//    for BENCH_SECONDS (10) after BENCH_WARMUP (2) unmeasured seconds; every request is a new checkout.
//    With --cpu-prof the api is profiled during the burst and during the measured sustained window.
// 3. Baseline, same concurrency and duration: the least the database must do per order, through pg directly (one
//    connection per client): BEGIN; UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock >= 1; INSERT
//    INTO orders ...; COMMIT.
//
// Prints progress lines, then ONE JSON object as the last line. Flags (or env):
//   --buyers N (BENCH_BUYERS, 2000)   --stock N (BENCH_STOCK, 100)   --retry-share F (BENCH_RETRY_SHARE, 0.1)
//   --concurrency N (BENCH_CONCURRENCY, 32)   --seconds N (BENCH_SECONDS, 10)   --warmup N (BENCH_WARMUP, 2)
//   --pool N (DATABASE_POOL_SIZE of the api; its default when unset)   --worker (also run the worker: outbox relay)
//   --cpu-prof (profile the api during the burst and the measured sustained window; print where the time goes)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../../../scripts/lib/util.mjs';
import { summariseProfile } from '../chat-fanout/profile-summary.mjs';
import { profilePaths } from '../support/profile-paths.mjs';
import {
  accessTokenMinter,
  answerCode,
  api,
  cpuMs,
  createHarness,
  latencySummary,
  machineTicks,
  quietMachine,
  busyPct,
  now,
  profileWritten,
  rawClient,
  requireFromRoot,
  ROOT,
  round,
  startSeededSession,
} from '../support/harness.mjs';

const SCOPE = 'bench:flash-sale';
const PROFILER = path.join(ROOT, 'test', 'bench', 'chat-fanout', 'cpu-profile.cjs');

const { values: flags } = parseArgs({
  options: {
    buyers: { type: 'string' },
    stock: { type: 'string' },
    'retry-share': { type: 'string' },
    concurrency: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    pool: { type: 'string' },
    worker: { type: 'boolean' },
    'cpu-prof': { type: 'boolean' },
  },
});
const num = (flag, env, fallback, { min = 1 } = {}) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`--${flag} / ${env} must be a number >= ${min}`);
  return value;
};
const opts = {
  buyers: num('buyers', 'BENCH_BUYERS', 2000),
  stock: num('stock', 'BENCH_STOCK', 100),
  retryShare: num('retry-share', 'BENCH_RETRY_SHARE', 0.1, { min: 0 }),
  concurrency: num('concurrency', 'BENCH_CONCURRENCY', 32),
  seconds: num('seconds', 'BENCH_SECONDS', 10),
  warmup: num('warmup', 'BENCH_WARMUP', 2, { min: 0 }),
  pool: flags.pool ?? process.env.BENCH_POOL ?? null,
  worker: Boolean(flags.worker ?? process.env.BENCH_WORKER === '1'),
  cpuProf: Boolean(flags['cpu-prof'] ?? process.env.BENCH_CPU_PROF === '1'),
};
const HOT_STOCK = 1_000_000;
const PRICE_VND = 120_000;

const harness = createHarness(SCOPE);
const { log } = harness;

// -------------------------------------------------------------------------------------------------- the data

/**
 * Three active products of a seeded producer, made over HTTP like a farmer and an admin make them: the flash-sale
 * product (stock 100), the hot product of the sustained run and the baseline's own product (stock 1,000,000
 * each). Then a live session of a seeded streamer with the first two in its lineup.
 */
async function makeCatalogue(base) {
  const dist = (rel) => requireFromRoot(`./dist/${rel}`);
  const { DEMO_PASSWORD, SEED_ADMINS, farmerEmail } = dist('apps/cli/src/seed/hanoi-users.js');
  const { SEED_PRODUCERS } = dist('apps/cli/src/seed/hanoi-catalogue.js');
  const signIn = (identifier) =>
    api(base, 'POST', '/api/auth/sign-in', { identifier, password: DEMO_PASSWORD }).then(
      (r) => r.accessToken,
    );
  const farmer = await signIn(farmerEmail(SEED_PRODUCERS[0].code));
  const cityAdmin = await signIn(SEED_ADMINS[0].email);
  const signedOn = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);
  const product = async (name, stock) => {
    const draft = await api(
      base,
      'POST',
      '/api/products',
      {
        name,
        description: 'Sản phẩm của phiên flash sale đo hiệu năng',
        group: 'food',
        priceVnd: PRICE_VND,
        stock,
        certificate: {
          stars: 4,
          decisionNumber: '2468/QĐ-UBND',
          issuingBody: 'UBND Thành phố Hà Nội',
          signedOn,
        },
      },
      farmer,
    );
    await api(base, 'POST', `/api/products/${draft.id}/submit`, undefined, farmer);
    await api(base, 'POST', `/api/admin/products/${draft.id}/verify`, undefined, cityAdmin);
    return draft.id;
  };
  const flashId = await product('Chè Shan tuyết flash sale', opts.stock);
  const hotId = await product('Mật ong rừng bán chạy', HOT_STOCK);
  const baselineId = await product('Mật ong rừng (đường cơ sở)', HOT_STOCK);

  const { sessionId, streamer } = await startSeededSession(base, {
    title: `Flash sale ${new Date().toISOString().slice(0, 16)}`,
    lineup: [flashId, hotId],
  });
  log(`live session ${sessionId} started by ${streamer}`);
  return { flashId, hotId, baselineId, sessionId };
}

/**
 * The buyers: plain shopper rows inserted in one statement (2,000 scrypt registrations would take minutes and
 * measure nothing of the checkout); each holds an access token signed with the api's secret, as sign-in issues.
 */
async function makeBuyers(db, secret, count) {
  const { rows } = await db.query(
    `INSERT INTO users (email, password_hash, display_name)
     SELECT 'bench-buyer-' || g || '@bench.ocop.example', 'bench:sign-in-disabled', 'Người mua ' || g
     FROM generate_series(1, $1::int) AS g
     RETURNING id`,
    [count],
  );
  const mint = accessTokenMinter(secret);
  return rows.map((row, i) => ({
    id: row.id,
    token: mint(row.id),
    phone: `09${String(10_000_000 + i).padStart(8, '0')}`,
  }));
}

function checkoutBody(productId, sessionId, buyer, n) {
  return JSON.stringify({
    lines: [{ productId, quantity: 1 }],
    sessionId,
    address: {
      recipientName: `Người mua ${n + 1}`,
      phone: buyer.phone,
      province: 'ha-noi',
      ward: 'Phường Hoàn Kiếm',
      street: `${(n % 200) + 1} Hàng Bạc`,
    },
    paymentMethod: 'cod',
  });
}

// --------------------------------------------------------------------------------------------------- burst

async function runBurst(base, { flashId, sessionId }, buyers) {
  const client = rawClient(base);
  const retrying = new Set();
  const shuffled = buyers.map((_, i) => i);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const retryCount = Math.round(opts.retryShare * buyers.length);
  const concurrentRetries = new Set(shuffled.slice(0, Math.ceil(retryCount / 2)));
  for (const i of shuffled.slice(0, retryCount)) retrying.add(i);

  const requests = []; // one entry per HTTP request: { buyer, copy, status, code, ms }
  let inProgressRetries = 0;
  const transportErrors = {};
  /** One copy of buyer i's checkout until its final answer (IN_PROGRESS and failed connections are retried). */
  async function send(i, key, body, copy) {
    for (let attempt = 1; ; attempt++) {
      const res = await client.request('POST', '/api/checkouts', {
        headers: { authorization: `Bearer ${buyers[i].token}`, 'idempotency-key': key },
        body,
      });
      if (res.status === 0 && attempt < 10) {
        // No answer at all (the connection failed): a phone retries with the same key, which is what keys are for.
        transportErrors[res.error] = (transportErrors[res.error] ?? 0) + 1;
        await sleep(100);
        continue;
      }
      const code =
        res.status === 0
          ? 'NO_ANSWER'
          : res.status >= 400
            ? (answerCode(res.body) ?? `HTTP_${res.status}`)
            : 'OK';
      requests.push({ buyer: i, copy, status: res.status, code, ms: res.ms });
      if (code !== 'IDEMPOTENT_REQUEST_IN_PROGRESS') {
        let orderIds = null;
        if (res.status >= 200 && res.status < 300) {
          try {
            orderIds = JSON.parse(res.body).orders.map((o) => o.id);
          } catch {
            orderIds = [];
          }
        }
        return { status: res.status, code, orderIds };
      }
      inProgressRetries++;
      await sleep(50);
    }
  }

  const arrivals = buyers.map(() => Math.random() * 1000);
  const finals = new Array(buyers.length);
  const started = now();
  log(
    `burst: ${buyers.length} buyers within 1 s on a stock of ${opts.stock}, ${retrying.size} sending their request twice...`,
  );
  await Promise.all(
    buyers.map(async (_, i) => {
      const wait = started + arrivals[i] - now();
      if (wait > 0) await sleep(wait);
      const key = `flash-${i}-${crypto.randomUUID()}`;
      const body = checkoutBody(flashId, sessionId, buyers[i], i);
      if (!retrying.has(i)) {
        finals[i] = [await send(i, key, body, 0)];
      } else if (concurrentRetries.has(i)) {
        finals[i] = await Promise.all([send(i, key, body, 0), send(i, key, body, 1)]);
      } else {
        const first = await send(i, key, body, 0);
        finals[i] = [first, await send(i, key, body, 1)];
      }
    }),
  );
  const spanMs = now() - started;
  client.close();

  // Every copy of one buyer's request must end with the same answer (the same order, or the same refusal).
  let inconsistentRetries = 0;
  for (const i of retrying) {
    const [a, b] = finals[i];
    const same =
      a.status === b.status && a.code === b.code && JSON.stringify(a.orderIds) === JSON.stringify(b.orderIds);
    if (!same) inconsistentRetries++;
  }
  const codes = {};
  for (const r of requests) codes[`${r.status} ${r.code}`] = (codes[`${r.status} ${r.code}`] ?? 0) + 1;
  const soldOut = requests.filter((r) => r.code === 'SOLD_OUT').map((r) => r.ms);
  const success = requests.filter((r) => r.status >= 200 && r.status < 300).map((r) => r.ms);
  const buyersWithOrder = finals.filter((f) => f[0].orderIds?.length).length;
  const result = {
    requests: requests.length,
    span_ms: Math.round(spanMs),
    answer_codes: codes,
    errors_5xx: requests.filter((r) => r.status >= 500 || r.status === 0).length,
    transport_errors: transportErrors,
    in_progress_retries: inProgressRetries,
    inconsistent_retries: inconsistentRetries,
    buyers_with_order: buyersWithOrder,
    soldout: latencySummary(soldOut),
    success: latencySummary(success),
    all: latencySummary(requests.map((r) => r.ms)),
  };
  log(`burst: ${JSON.stringify(result)}`);
  return result;
}

async function checkBurst(db, flashId) {
  const sold = await db.query(
    `SELECT coalesce(sum(l.quantity), 0)::int AS sold, count(DISTINCT o.id)::int AS orders
     FROM order_lines l JOIN orders o ON o.id = l.order_id
     WHERE l.product_id = $1 AND o.status NOT IN ('cancelled', 'expired')`,
    [flashId],
  );
  const product = await db.query(`SELECT stock FROM products WHERE id = $1`, [flashId]);
  const ledger = await db.query(
    `SELECT coalesce(sum(delta), 0)::int AS net, min(stock_after)::int AS lowest FROM stock_movements WHERE product_id = $1`,
    [flashId],
  );
  // Each buyer sent one key (once or twice), so a second order of the product for one buyer is a duplicate order,
  // whether it hangs off the same checkout row or not.
  const duplicates = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
       SELECT o.buyer_user_id, count(*) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id
       WHERE l.product_id = $1 GROUP BY o.buyer_user_id HAVING count(*) > 1) AS d`,
    [flashId],
  );
  return {
    sold: sold.rows[0].sold,
    orders: sold.rows[0].orders,
    stock_left: product.rows[0].stock,
    ledger_net: ledger.rows[0].net,
    ledger_lowest_stock: ledger.rows[0].lowest,
    duplicate_orders: duplicates.rows[0].extra,
  };
}

// ------------------------------------------------------------------------------------------------ sustained

/** Runs `one()` in `concurrency` closed loops: `warmup` s unmeasured, then `seconds` s measured. */
async function closedLoop(concurrency, one, onStart = () => undefined) {
  let measuring = false;
  let stop = false;
  const latencies = [];
  const outcomes = {};
  let ok = 0;
  const loops = Array.from({ length: concurrency }, async (_, w) => {
    for (let n = 0; !stop; n++) {
      const out = await one(w, n);
      if (!measuring) continue;
      outcomes[out.code] = (outcomes[out.code] ?? 0) + 1;
      if (out.ok) {
        ok++;
        latencies.push(out.ms);
      }
    }
  });
  await sleep(opts.warmup * 1000);
  const t0 = now();
  const ticks0 = machineTicks();
  measuring = true;
  onStart();
  await sleep(opts.seconds * 1000);
  measuring = false;
  const elapsed = (now() - t0) / 1000;
  const ticks1 = machineTicks();
  stop = true;
  await Promise.all(loops);
  return { ok, elapsed, latencies, outcomes, machine_busy_pct: busyPct(ticks0, ticks1) };
}

/** The figures of a closed-loop run that the sustained run and the baseline both report. */
function loopFigures(run) {
  const lat = latencySummary(run.latencies);
  return {
    orders: run.ok,
    seconds: round(run.elapsed, 2),
    orders_per_s: round(run.ok / run.elapsed, 1),
    p50_ms: lat.p50,
    p99_ms: lat.p99,
    outcomes: run.outcomes,
  };
}

async function runSustained(base, { hotId, sessionId }, buyers, apiPid, profiler) {
  const client = rawClient(base, { maxSockets: opts.concurrency });
  let next = 0;
  let cpuBefore = 0;
  log(
    `sustained: ${opts.concurrency} clients buying the hot product for ${opts.warmup}+${opts.seconds} s...`,
  );
  const run = await closedLoop(
    opts.concurrency,
    async () => {
      const i = next++ % buyers.length;
      const res = await client.request('POST', '/api/checkouts', {
        headers: {
          authorization: `Bearer ${buyers[i].token}`,
          'idempotency-key': `hot-${crypto.randomUUID()}`,
        },
        body: checkoutBody(hotId, sessionId, buyers[i], i),
      });
      const good = res.status === 201 || res.status === 200;
      return {
        ok: good,
        ms: res.ms,
        code: good ? 'OK' : `${res.status} ${answerCode(res.body) ?? res.error ?? ''}`,
      };
    },
    () => {
      cpuBefore = cpuMs(apiPid);
      profiler?.start();
    },
  );
  const apiCpu = cpuMs(apiPid) - cpuBefore;
  profiler?.stop();
  client.close();
  const result = {
    ...loopFigures(run),
    errors_5xx: Object.entries(run.outcomes)
      .filter(([code]) => /^(5\d\d|0) /.test(code))
      .reduce((sum, [, n]) => sum + n, 0),
    api_cpu_pct: round((100 * apiCpu) / (run.elapsed * 1000), 1),
    api_cpu_ms_per_order: run.ok ? round(apiCpu / run.ok, 2) : null,
    machine_busy_pct: run.machine_busy_pct,
  };
  log(`sustained: ${JSON.stringify(result)}`);
  return result;
}

/** The bare minimum per order through pg directly: conditional stock UPDATE + order INSERT, one transaction. */
async function runBaseline(databaseUrl, db, { baselineId }, buyers) {
  const { Pool } = requireFromRoot('pg');
  const pool = new Pool({ connectionString: databaseUrl, max: opts.concurrency });
  const { rows } = await db.query(`SELECT producer_id FROM products WHERE id = $1`, [baselineId]);
  const producerId = rows[0].producer_id;
  // One checkout row that every baseline order points at (orders.checkout_id is a required foreign key).
  const checkout = await db.query(
    `INSERT INTO checkouts (buyer_user_id, idempotency_key, fingerprint) VALUES ($1, $2, 'bench-baseline') RETURNING id`,
    [buyers[0].id, `baseline-${crypto.randomUUID()}`],
  );
  const checkoutId = checkout.rows[0].id;
  const address = JSON.stringify({
    recipientName: 'Người mua',
    phone: '+84912345678',
    provinceCode: 'ha-noi',
  });
  const clients = await Promise.all(Array.from({ length: opts.concurrency }, () => pool.connect()));
  let next = 0;
  log(`baseline: ${opts.concurrency} pg connections doing UPDATE stock + INSERT order per transaction...`);
  const run = await closedLoop(opts.concurrency, async (w) => {
    const c = clients[w];
    const buyer = buyers[next++ % buyers.length];
    const started = now();
    try {
      await c.query('BEGIN');
      const updated = await c.query(
        `UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock >= 1 RETURNING stock`,
        [baselineId],
      );
      if (updated.rowCount !== 1) {
        await c.query('ROLLBACK');
        return { ok: false, ms: now() - started, code: 'SOLD_OUT' };
      }
      await c.query(
        `INSERT INTO orders (id, checkout_id, buyer_user_id, producer_id, status, payment_method, total_vnd,
           delivery_address, placed_at)
         VALUES ($1, $2, $3, $4, 'confirmed', 'cod', $5, $6, now())`,
        [crypto.randomUUID(), checkoutId, buyer.id, producerId, PRICE_VND, address],
      );
      await c.query('COMMIT');
      return { ok: true, ms: now() - started, code: 'OK' };
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      return { ok: false, ms: now() - started, code: error.code ?? error.message };
    }
  });
  for (const c of clients) c.release();
  await pool.end();
  const result = { ...loopFigures(run), machine_busy_pct: run.machine_busy_pct };
  log(`baseline: ${JSON.stringify(result)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------- main

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const database = `ocop_bench_flash_${process.pid}`;
  const { env, databaseUrl, secret } = await harness.prepare({
    database,
    seed: true,
    extraEnv: {
      // The setup's sign-ins come from one address; checkouts themselves have no rate limit.
      SIGNIN_MAX_ATTEMPTS_PER_IP: '100000',
      ...(opts.pool ? { DATABASE_POOL_SIZE: String(opts.pool) } : {}),
    },
  });
  const profFile = path.join(DATA_DIR, 'bench', `flash-sale-api-${process.pid}.cpuprofile`);
  if (opts.cpuProf) fs.mkdirSync(path.dirname(profFile), { recursive: true });
  const apiProcess = await harness.startApi(env, {
    preload: opts.cpuProf ? [PROFILER] : [],
    stdinPipe: opts.cpuProf,
    extraEnv: { BENCH_CPU_PROF_FILE: profFile },
  });
  if (opts.worker) await harness.startWorker(env);
  const base = apiProcess.url;

  const { Client } = requireFromRoot('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  harness.cleanups.push(() => db.end());

  const catalogue = await makeCatalogue(base);
  const buyers = await makeBuyers(db, secret, opts.buyers);
  log(`${buyers.length} buyers inserted with access tokens; products ${JSON.stringify(catalogue)}`);

  // Every request below is measured from a warm process: a few checkouts of the hot product first (JIT, pools).
  const warm = rawClient(base);
  await Promise.all(
    buyers.slice(0, 50).map((b, i) =>
      warm.request('POST', '/api/checkouts', {
        headers: { authorization: `Bearer ${b.token}`, 'idempotency-key': `warm-${crypto.randomUUID()}` },
        body: checkoutBody(catalogue.hotId, catalogue.sessionId, b, i),
      }),
    ),
  );
  warm.close();

  const profiler = opts.cpuProf
    ? {
        start: () => apiProcess.child.stdin.write('start\n'),
        stop: () => apiProcess.child.stdin.write('stop\n'),
      }
    : null;
  /** Waits for the profile of the window that just ended and keeps it under its own name. */
  const keepProfile = async (window) => {
    if (!opts.cpuProf) return;
    if (!(await profileWritten(profFile))) return log(`no cpu profile was written for the ${window}`);
    const kept = profFile.replace(/\.cpuprofile$/, `-${window}.cpuprofile`);
    fs.renameSync(profFile, kept);
    profiles.push({ window, file: kept });
  };
  const profiles = [];

  const busyBefore = await quietMachine(log);
  profiler?.start();
  const burst = await runBurst(base, catalogue, buyers);
  profiler?.stop();
  await keepProfile('burst');
  const state = await checkBurst(db, catalogue.flashId);
  log(`burst, per the database: ${JSON.stringify(state)}`);

  const baseline = await runBaseline(databaseUrl, db, catalogue, buyers);
  const sustained = await runSustained(base, catalogue, buyers, apiProcess.child.pid, profiler);
  await keepProfile('sustained');
  for (const { window, file } of profiles) {
    log(`api cpu profile of the ${window}: ${path.relative(ROOT, file)}`);
    process.stdout.write(`${summariseProfile(file, 30)}\n${profilePaths(file, 25)}\n`);
  }
  await harness.shutdown();

  const summary = {
    bench: 'flash-sale',
    machine_busy_before_pct: busyBefore,
    buyers: opts.buyers,
    retrying_buyers: Math.round(opts.retryShare * opts.buyers),
    requests: burst.requests,
    sold: state.sold,
    stock: opts.stock,
    stock_left: state.stock_left,
    oversold: Math.max(0, state.sold - opts.stock),
    stock_negative: state.stock_left < 0 || (state.ledger_lowest_stock ?? 0) < 0,
    duplicate_orders: state.duplicate_orders,
    inconsistent_retries: burst.inconsistent_retries,
    errors_5xx: burst.errors_5xx + sustained.errors_5xx,
    transport_errors: burst.transport_errors,
    soldout_p50_ms: burst.soldout.p50,
    soldout_p99_ms: burst.soldout.p99,
    success_p50_ms: burst.success.p50,
    success_p99_ms: burst.success.p99,
    burst_answer_codes: burst.answer_codes,
    concurrency: opts.concurrency,
    seconds: opts.seconds,
    orders_per_s: sustained.orders_per_s,
    sustained_p99_ms: sustained.p99_ms,
    api_cpu_ms_per_order: sustained.api_cpu_ms_per_order,
    sustained_machine_busy_pct: sustained.machine_busy_pct,
    baseline_orders_per_s: baseline.orders_per_s,
    baseline_p99_ms: baseline.p99_ms,
    ratio: baseline.orders_per_s ? round(sustained.orders_per_s / baseline.orders_per_s, 3) : null,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await harness.shutdown();
  process.exit(1);
});
