#!/usr/bin/env node
// `npm run bench -- branch-totals`: how fast per-branch totals with the roll-up through the tree answer when the
// orders have grown into the millions.
//
// Data: a fresh database ocop_bench_totals_<pid>, migrated and seeded with the cli (the Hanoi tree, its admins,
// producers and products), then BENCH_ORDERS orders (1,000,000) over the last 365 days generated with set-based SQL
// (generate_series): a streamer per branch, 20,000 shoppers, ~3 ended sessions a day, then checkouts, orders and
// their lines; one attribution record per line (60% bought in a live room, 20% with a streamer's referral code, 20%
// credited to nobody) and the ledger the attribution writer keeps (a placed entry per line; settled entries for
// delivered orders; negative reversal entries for the 4% cancelled and the 1% returned after delivery), then the
// roll-ups (branch_day_totals own + subtree along the stored paths, streamer_day_totals) with INSERT ... SELECT ...
// GROUP BY from those entries, checked against the ledger. The load runs in one session with
// session_replication_role = replica (foreign keys are not re-checked row by row: the rows are consistent by
// construction) and the big tables' secondary indexes dropped during the load and rebuilt after it.
//
// Measured, interleaved request by request after a warm-up, BENCH_REQUESTS (500) times each:
//   all_branches_30d   GET /api/admin/branch-totals as the seeded city admin: the whole tree, last 30 days;
//   one_subtree_30d    the same as the admin of one commune (Đoàn xã Bát Tràng, with its cells);
//   raw_sql_30d        the api's own all-branches statement (taken from the built repository) run directly on a
//                      pg client with the same parameters: the bare SQL baseline;
//   bare_http_30d      the same statement behind a bare node:http server (bare-server.mjs: no framework, auth,
//                      validation or logging), to tell what HTTP itself costs from what the api's path adds.
// The api is the built one (dist/, `NODE_ENV=production`, `LOG_LEVEL=warn`); requests are sequential on a kept-alive
// connection. Prints progress lines, then ONE JSON object as the last line. Flags (or env):
//   --orders N (BENCH_ORDERS, 1000000)   --requests N (BENCH_REQUESTS, 500)   --warmup N (BENCH_WARMUP, 100)
//   --keep (keep the database afterwards, for EXPLAIN; same as BENCH_KEEP_DATABASE=1)
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  api,
  createHarness,
  percentile,
  positiveIntegers,
  requireFromRoot,
  ROOT,
  round,
} from '../support/harness.mjs';

const SCOPE = 'bench:branch-totals';
const TARGETS = { all_branches_30d_p95_ms: 60, one_subtree_30d_p95_ms: 10, api_over_sql: 1.3 };
const BIG_TABLES = ['checkouts', 'orders', 'order_lines', 'attribution_records', 'ledger_entries'];
const SHOPPERS = 20_000;
const SESSIONS = 1_095;
/** A commune with cells below it: its admin is the "one subtree" caller. */
const COMMUNE_CODE = 'HN-GLA-BTR';

// ------------------------------------------------------------------------------------------------- options

const { values: flags } = parseArgs({
  options: {
    orders: { type: 'string' },
    requests: { type: 'string' },
    warmup: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const num = positiveIntegers(flags);
const opts = {
  orders: num('orders', 'BENCH_ORDERS', 1_000_000),
  requests: num('requests', 'BENCH_REQUESTS', 500),
  warmup: num('warmup', 'BENCH_WARMUP', 100),
  keep: Boolean(flags.keep ?? process.env.BENCH_KEEP === '1'),
};

// ------------------------------------------------------------------------------------------ child processes

// Child processes, signals, the database and Redis keys of the run: the harness the other benchmarks share.
const { log, own, stopChild, shutdown, prepare, startApi, cleanups } = createHarness(SCOPE);

async function timed(label, work) {
  const started = performance.now();
  const result = await work();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Generates the orders and everything attribution keeps for them, set-based, in one session. Returns counts.
 */
async function generate(db) {
  await db.query(`SET work_mem = '256MB'`);
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SET synchronous_commit = off`);
  const superuser = (await db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]
    ?.rolsuper;
  if (superuser) await db.query(`SET session_replication_role = replica`);
  else log('  not a superuser: foreign keys are checked row by row (slower)');
  await db.query(`SELECT setseed(0.2025)`);

  // The secondary indexes of the big tables (not those behind a primary key or unique constraint), rebuilt after.
  const indexes = (
    await db.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BIG_TABLES],
    )
  ).rows;
  for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);

  await timed('people, hosts and sessions', async () => {
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, roles)
       SELECT 'bench-streamer-' || lower(b.code) || '@bench.ocop.example', 'not-a-password-hash',
              'Streamer ' || b.name, ARRAY['shopper', 'streamer']
         FROM branches b`,
    );
    await db.query(
      `INSERT INTO users (email, password_hash, display_name)
       SELECT 'bench-buyer-' || n || '@bench.ocop.example', 'not-a-password-hash', 'Người mua ' || n
         FROM generate_series(1, $1::int) AS n`,
      [SHOPPERS],
    );
    await db.query(
      `CREATE TEMP TABLE bench_hosts AS
       SELECT row_number() OVER (ORDER BY b.code) AS n, u.id AS user_id, b.id AS branch_id, b.path
         FROM branches b JOIN users u ON u.email = 'bench-streamer-' || lower(b.code) || '@bench.ocop.example'`,
    );
    await db.query(
      `CREATE TEMP TABLE bench_buyers AS
       SELECT row_number() OVER (ORDER BY id) AS n, id FROM users WHERE email LIKE 'bench-buyer-%'`,
    );
    await db.query(
      `CREATE TEMP TABLE bench_products AS
       SELECT row_number() OVER (ORDER BY id) AS n, id, producer_id, name, price_vnd
         FROM products WHERE status = 'active' AND price_vnd > 0`,
    );
    await db.query(
      `INSERT INTO live_sessions (host_user_id, branch_id, branch_path, title, status, scheduled_start_at,
         started_at, ended_at, peak_viewers, unique_viewers)
       SELECT h.user_id, h.branch_id, h.path, 'Phiên live OCOP #' || s.n, 'ended', s.at, s.at,
              s.at + interval '3 hours', 100 + s.n % 900, 300 + s.n % 2000
         FROM (SELECT n, now() - interval '366 days' + n * interval '8 hours' AS at
                 FROM generate_series(1, $1::int) AS n) AS s
         JOIN bench_hosts h ON h.n = 1 + s.n % (SELECT count(*) FROM bench_hosts)`,
      [SESSIONS],
    );
    await db.query(
      `CREATE TEMP TABLE bench_sessions AS
       SELECT row_number() OVER (ORDER BY started_at) AS n, id, host_user_id, branch_id, branch_path, started_at
         FROM live_sessions WHERE title LIKE 'Phiên live OCOP #%'`,
    );
  });

  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM bench_hosts)::int AS hosts, (SELECT count(*) FROM bench_buyers)::int AS buyers,
              (SELECT count(*) FROM bench_products)::int AS products, (SELECT count(*) FROM bench_sessions)::int AS sessions`,
    )
  ).rows[0];
  if (counts.products === 0) throw new Error('the seed left no active product');

  await timed(`${opts.orders.toLocaleString('en')} sales drawn`, async () => {
    // One line per order; a sale in a live room happens during its session; a fate per order.
    await db.query(
      `CREATE UNLOGGED TABLE bench_sales AS
       SELECT d.n, gen_random_uuid() AS order_id, gen_random_uuid() AS checkout_id, gen_random_uuid() AS line_id,
              b.id AS buyer_id, p.id AS product_id, p.producer_id, p.name AS product_name, p.price_vnd, d.quantity,
              p.price_vnd * d.quantity AS total_vnd,
              c.channel,
              CASE c.channel WHEN 'live' THEN s.id END AS session_id,
              CASE c.channel WHEN 'live' THEN s.host_user_id WHEN 'code' THEN h.user_id END AS host_user_id,
              CASE c.channel WHEN 'live' THEN s.branch_id WHEN 'code' THEN h.branch_id END AS branch_id,
              CASE c.channel WHEN 'live' THEN s.branch_path WHEN 'code' THEN h.path ELSE '{}'::uuid[] END AS branch_path,
              t.placed_at,
              CASE WHEN d.r_fate < 0.04 THEN 'cancelled'
                   WHEN t.placed_at + d.settle_after > now() THEN 'confirmed'
                   WHEN d.r_fate < 0.05 THEN 'returned'
                   WHEN d.r_fate < 0.93 THEN 'delivered'
                   ELSE 'confirmed' END AS fate,
              t.placed_at + d.settle_after AS settled_at,
              t.placed_at + d.settle_after * 0.1 AS cancelled_at,
              LEAST(t.placed_at + d.settle_after * 2, now()) AS returned_at
         FROM (SELECT n, 1 + floor(random() * $2)::int AS buyer_n, 1 + floor(random() * $3)::int AS product_n,
                      1 + floor(random() * 3)::int AS quantity, random() AS r_channel, random() AS r_fate,
                      1 + floor(random() * $4)::int AS session_n, 1 + floor(random() * $5)::int AS host_n,
                      random() AS r_time, interval '1 day' + random() * interval '5 days' AS settle_after
                 FROM generate_series(1, $1::int) AS n) AS d
         JOIN bench_buyers b ON b.n = d.buyer_n
         JOIN bench_products p ON p.n = d.product_n
         JOIN bench_sessions s ON s.n = d.session_n
         JOIN bench_hosts h ON h.n = d.host_n
         CROSS JOIN LATERAL (SELECT CASE WHEN d.r_channel < 0.6 THEN 'live' WHEN d.r_channel < 0.8 THEN 'code'
                                         ELSE 'none' END AS channel) AS c
         CROSS JOIN LATERAL (SELECT CASE WHEN c.channel = 'live' THEN s.started_at + d.r_time * interval '3 hours'
                                         ELSE now() - d.r_time * interval '365 days' END AS placed_at) AS t`,
      [opts.orders, counts.buyers, counts.products, counts.sessions, counts.hosts],
    );
  });

  await timed('checkouts, orders and lines', async () => {
    await db.query(
      `INSERT INTO checkouts (id, buyer_user_id, idempotency_key, fingerprint, created_at)
       SELECT checkout_id, buyer_id, 'bench-order-' || lpad(n::text, 8, '0'), 'bench', placed_at FROM bench_sales`,
    );
    await db.query(
      `INSERT INTO orders (id, checkout_id, buyer_user_id, producer_id, status, payment_method, total_vnd,
         delivery_address, placed_at, updated_at, session_id)
       SELECT order_id, checkout_id, buyer_id, producer_id,
              CASE fate WHEN 'returned' THEN 'refunded' ELSE fate END, 'cod', total_vnd,
              '{"recipientName":"Người mua","phone":"+84912345678","province":"ha-noi","ward":"Phường Hoàn Kiếm","street":"Số 1"}'::jsonb,
              placed_at, placed_at, session_id
         FROM bench_sales`,
    );
    // Columns added to order_lines by later migrations are filled when present (the price paid is the list price).
    const extra = (
      await db.query(
        `SELECT column_name FROM information_schema.columns
          WHERE table_name = 'order_lines' AND column_name = 'list_unit_price_vnd'`,
      )
    ).rowCount
      ? { columns: ', list_unit_price_vnd', values: ', price_vnd' }
      : { columns: '', values: '' };
    await db.query(
      `INSERT INTO order_lines (id, order_id, position, product_id, product_name, unit_price_vnd, quantity,
         line_total_vnd, session_id, host_user_id, branch_id, branch_path${extra.columns})
       SELECT line_id, order_id, 1, product_id, product_name, price_vnd, quantity, total_vnd, session_id,
              CASE WHEN channel = 'live' THEN host_user_id END, CASE WHEN channel = 'live' THEN branch_id END,
              CASE WHEN channel = 'live' THEN branch_path END${extra.values}
         FROM bench_sales`,
    );
  });

  await timed('attribution records and ledger', async () => {
    await db.query(
      `INSERT INTO attribution_records (order_line_id, order_id, buyer_user_id, producer_id, product_id, quantity,
         amount_vnd, counts_order, channel, rule, session_id, host_user_id, branch_id, branch_path, placed_at,
         attributed_at)
       SELECT line_id, order_id, buyer_id, producer_id, product_id, quantity, total_vnd, 1, channel,
              CASE channel WHEN 'live' THEN 'purchase_in_live_room' WHEN 'code' THEN 'referral_code_at_checkout'
                           ELSE 'no_attribution' END,
              session_id, host_user_id, branch_id, branch_path, placed_at, placed_at
         FROM bench_sales`,
    );
    const entry = (kind, id, sign, at, reversal) =>
      `SELECT ${id}, '${kind}', order_id, line_id, product_id, producer_id, ${sign}total_vnd, ${sign}quantity,
              ${sign}1, channel, session_id, host_user_id, branch_id, branch_path, ${at},
              (${at} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ${reversal}
         FROM bench_sales`;
    const columns = `entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items, orders,
         channel, session_id, host_user_id, branch_id, branch_path, occurred_at, day, reversal_of, reason`;
    await db.query(
      `INSERT INTO ledger_entries (${columns}) ${entry('placed', `'placed:' || line_id`, '', 'placed_at', 'NULL, NULL')}`,
    );
    await db.query(
      `INSERT INTO ledger_entries (${columns})
       ${entry('settled', `'settled:' || line_id`, '', 'settled_at', 'NULL, NULL')} WHERE fate IN ('delivered', 'returned')`,
    );
    await db.query(
      `INSERT INTO ledger_entries (${columns})
       ${entry('placed', `'reversal:placed:' || line_id`, '-', 'cancelled_at', `'placed:' || line_id, 'cancelled'`)}
        WHERE fate = 'cancelled'`,
    );
    for (const kind of ['placed', 'settled']) {
      await db.query(
        `INSERT INTO ledger_entries (${columns})
         ${entry(kind, `'reversal:${kind}:' || line_id`, '-', 'returned_at', `'${kind}:' || line_id, 'returned'`)}
          WHERE fate = 'returned'`,
      );
    }
  });

  await timed('roll-ups (INSERT ... SELECT ... GROUP BY from the ledger)', async () => {
    const sums = ['placed', 'settled']
      .flatMap((kind) =>
        ['orders', 'items', 'gmv_vnd'].map(
          (c) => `COALESCE(sum(x.${c}) FILTER (WHERE x.kind = '${kind}'), 0)`,
        ),
      )
      .join(', ');
    const figures =
      'placed_orders, placed_items, placed_gmv_vnd, settled_orders, settled_items, settled_gmv_vnd';
    await db.query(
      `INSERT INTO branch_day_totals (branch_id, scope, day, ${figures})
       SELECT x.branch_id, x.scope, x.day, ${sums}
         FROM (SELECT branch_id, 'own' AS scope, day, kind, orders, items, gmv_vnd
                 FROM ledger_entries WHERE branch_id IS NOT NULL
               UNION ALL
               SELECT p.id, 'subtree', e.day, e.kind, e.orders, e.items, e.gmv_vnd
                 FROM ledger_entries e CROSS JOIN LATERAL unnest(e.branch_path) AS p(id)) AS x
        GROUP BY x.branch_id, x.scope, x.day`,
    );
    await db.query(
      `INSERT INTO streamer_day_totals (host_user_id, branch_id, branch_path, day, ${figures})
       SELECT x.host_user_id, x.branch_id, x.branch_path, x.day, ${sums}
         FROM ledger_entries x WHERE x.host_user_id IS NOT NULL AND x.branch_id IS NOT NULL
        GROUP BY x.host_user_id, x.branch_id, x.branch_path, x.day`,
    );
  });

  await timed(`${indexes.length} secondary indexes rebuilt`, async () => {
    for (const index of indexes) await db.query(index.indexdef);
  });
  if (superuser) await db.query(`SET session_replication_role = origin`);
  await db.query(`DROP TABLE bench_sales`);
  await timed('VACUUM ANALYZE', () => db.query(`VACUUM ANALYZE`));

  // The roll-ups agree with the ledger: the root's subtree is everything credited to a branch.
  const check = (
    await db.query(
      `SELECT (SELECT sum(gmv_vnd) FILTER (WHERE kind = 'placed') FROM ledger_entries
                WHERE cardinality(branch_path) > 0)::bigint AS ledger,
              (SELECT sum(t.placed_gmv_vnd) FROM branch_day_totals t JOIN branches b ON b.id = t.branch_id
                WHERE b.parent_id IS NULL AND t.scope = 'subtree')::bigint AS rollup,
              (SELECT count(*) FROM orders)::int AS orders,
              (SELECT count(*) FROM ledger_entries)::int AS ledger_entries,
              (SELECT count(*) FROM branch_day_totals)::int AS branch_day_rows,
              (SELECT count(*) FROM streamer_day_totals)::int AS streamer_day_rows,
              (SELECT count(*) FROM branches)::int AS branches`,
    )
  ).rows[0];
  if (check.ledger !== check.rollup) throw new Error(`roll-up ${check.rollup} != ledger ${check.ledger}`);
  log(`  roll-up checked against the ledger: ${JSON.stringify(check)}`);
  return check;
}

// ------------------------------------------------------------------------------------------------ measuring

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
};

/** The api's own branch-totals statement, captured from the built repository with a recording DataSource. */
async function branchTotalsStatement(adminUserId, period) {
  const { BranchTotalsRepository } = requireFromRoot(
    './dist/libs/attribution/src/reports/infrastructure/branch-totals.repository.js',
  );
  let captured;
  const recorder = {
    query: async (sql, params) => {
      captured = { sql, params };
      return [];
    },
  };
  await new BranchTotalsRepository(recorder).branchTotals(adminUserId, null, period);
  return captured;
}

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const database = `ocop_bench_totals_${process.pid}`;
  if (opts.keep) process.env.BENCH_KEEP_DATABASE = '1';
  const { env, databaseUrl } = await prepare({
    database,
    seed: true,
    extraEnv: { SIGNIN_MAX_ATTEMPTS_PER_IP: '100000', REGISTER_MAX_PER_IP: '100000' },
  });
  const { Client } = requireFromRoot('pg');

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  log(`generating ${opts.orders.toLocaleString('en')} orders over 365 days...`);
  const started = performance.now();
  const data = await generate(db);
  const generationS = round((performance.now() - started) / 1000, 1);
  log(`generated in ${generationS} s`);

  const { child: apiChild, url: base } = await startApi(env);

  // The seeded city admin signs in; a new user becomes the admin of one commune (assigned by the city admin).
  const { DEMO_PASSWORD, SEED_ADMINS } = requireFromRoot('./dist/apps/cli/src/seed/hanoi-users.js');
  const cityAdmin = SEED_ADMINS.find((a) => a.branchCode === 'HN');
  const city = await api(base, 'POST', '/api/auth/sign-in', {
    identifier: cityAdmin.email,
    password: DEMO_PASSWORD,
  });
  const communeId = (await db.query(`SELECT id FROM branches WHERE code = $1`, [COMMUNE_CODE])).rows[0]?.id;
  if (!communeId) throw new Error(`the seed has no branch ${COMMUNE_CODE}`);
  const password = `bench-${crypto.randomUUID()}`;
  const email = `bench-commune-admin-${process.pid}@bench.ocop.example`;
  const registered = await api(base, 'POST', '/api/auth/register', {
    email,
    password,
    displayName: 'Admin xã',
  });
  await api(
    base,
    'POST',
    `/api/branches/${communeId}/admins`,
    { userId: registered.user.id },
    city.accessToken,
  );
  const commune = await api(base, 'POST', '/api/auth/sign-in', { identifier: email, password });

  const all = await api(base, 'GET', '/api/admin/branch-totals', undefined, city.accessToken);
  const one = await api(base, 'GET', '/api/admin/branch-totals', undefined, commune.accessToken);
  log(
    `city admin: ${all.branches.length} branches, ${all.from}..${all.to}, city subtree ` +
      `${all.branches[0].subtree.orders.toLocaleString('en')} orders / ${all.branches[0].subtree.placedGmvVnd.toLocaleString('en')} đ; ` +
      `commune admin: ${one.branches.length} branches`,
  );
  const statement = await branchTotalsStatement(city.user.id, { from: all.from, to: all.to });
  const raw = new Client({ connectionString: databaseUrl });
  await raw.connect();
  cleanups.push(() => raw.end());
  const rawRows = (await raw.query(statement.sql, statement.params)).rowCount;
  if (rawRows !== all.branches.length)
    throw new Error(`raw SQL gave ${rawRows} rows, the api ${all.branches.length}`);

  const bare = own(
    fork(path.join(ROOT, 'test', 'bench', 'branch-totals', 'bare-server.mjs'), [], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const listening = new Promise((resolve, reject) => {
    bare.once('message', resolve);
    bare.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  bare.send({ databaseUrl, statement });
  const barePort = (await listening).port;
  log(`bare node:http + pg baseline on 127.0.0.1:${barePort} (pid ${bare.pid})`);

  // Requests go out one at a time on one kept-alive connection (node:http, the leanest client), like the pg client.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url, via, headers = {}) =>
    new Promise((resolve, reject) => {
      const req = http.get(url, { agent: via, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
    });
  const getTotals = (token) =>
    get(`${base}/api/admin/branch-totals`, agent, { authorization: `Bearer ${token}` });
  const calls = {
    all_branches_30d: () => getTotals(city.accessToken),
    one_subtree_30d: () => getTotals(commune.accessToken),
    raw_sql_30d: () => raw.query(statement.sql, statement.params),
    bare_http_30d: () => get(`http://127.0.0.1:${barePort}/branch-totals`, bareAgent),
  };
  const loadBefore = os.loadavg()[0];
  log(`warming up (${opts.warmup} of each)...`);
  for (let i = 0; i < opts.warmup; i++) for (const call of Object.values(calls)) await call();
  log(`measuring ${opts.requests} of each, interleaved...`);
  const samples = Object.fromEntries(Object.keys(calls).map((k) => [k, []]));
  for (let i = 0; i < opts.requests; i++) {
    for (const [name, call] of Object.entries(calls)) {
      const t0 = performance.now();
      await call();
      samples[name].push(performance.now() - t0);
    }
  }
  const loadAfter = os.loadavg()[0];
  const stats = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));
  for (const [name, s] of Object.entries(stats))
    log(`  ${name}: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`);
  await Promise.all([stopChild(apiChild), stopChild(bare)]);
  await shutdown();

  const result = {
    bench: 'branch-totals',
    orders: data.orders,
    ledger_entries: data.ledger_entries,
    branches: data.branches,
    branch_day_rows: data.branch_day_rows,
    generation_s: generationS,
    all_branches_30d_p50_ms: stats.all_branches_30d.p50,
    all_branches_30d_p95_ms: stats.all_branches_30d.p95,
    one_subtree_30d_p50_ms: stats.one_subtree_30d.p50,
    one_subtree_30d_p95_ms: stats.one_subtree_30d.p95,
    raw_sql_30d_p50_ms: stats.raw_sql_30d.p50,
    raw_sql_30d_p95_ms: stats.raw_sql_30d.p95,
    api_over_sql: round(stats.all_branches_30d.p95 / stats.raw_sql_30d.p95),
    api_over_sql_p50: round(stats.all_branches_30d.p50 / stats.raw_sql_30d.p50),
    bare_http_30d_p50_ms: stats.bare_http_30d.p50,
    bare_http_30d_p95_ms: stats.bare_http_30d.p95,
    api_over_bare_http: round(stats.all_branches_30d.p95 / stats.bare_http_30d.p95),
    // The machine's 1-minute load average before and after measuring (other work on it moves every figure).
    load_avg_1m: [round(loadBefore), round(loadAfter)],
    targets: TARGETS,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await shutdown();
  process.exit(1);
});
