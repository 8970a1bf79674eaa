#!/usr/bin/env node
// `npm run bench -- campaign-coverage`: how fast a campaign's coverage dashboard answers for the city and for one
// district when the pledge is large and the sales have grown into the millions.
//
// Data: a fresh database ocop_bench_campaign_<pid>, migrated with the cli (no seed), then set-based SQL
// (generate_series), in one session with session_replication_role = replica (rows consistent by construction):
//   - BENCH_BRANCHES branches (2,000): a city, 30 districts, the rest communes under them, one streamer each;
//   - BENCH_PRODUCTS active products (10,000) of 1,000 producers spread over the communes, all targets of one
//     campaign run by the city over the last 60 days and the next 30; a third assigned to communes;
//   - BENCH_SESSIONS sessions (20,000; 95% ended, 5% scheduled), a lineup of 5 target products each;
//   - BENCH_ORDERS orders (1,000,000), one line each in an ended session's lineup: what attribution keeps for them
//     (a placed ledger entry per order, a settled one for 70%, a negative reversal for 4%), then campaign_sales
//     summed from the ledger exactly as the campaigns context refreshes it (checked against the ledger). The
//     orders, checkouts and attribution records themselves are not written: the campaign dashboard never reads them.
// Then the dashboards' roll-up is built by the cli (`cli coverage`, what the worker runs when it starts) and timed, and
// so is its upkeep: BENCH_REFRESHES (20) ended sessions refreshed one at a time, as the worker does after a sale or a
// session's change (the built CoverageRollupRepository on a pg client).
// Measured, interleaved request by request after a warm-up, BENCH_REQUESTS (200) times each:
//   city       GET /api/campaigns/:id/coverage as the city admin (the whole campaign, every district's roll-up);
//   district   the same as the admin of one district (its part only);
//   sql        the api's own two statements for the city (captured from the built repository: the roll-up's) run
//              directly on two pg clients at once, as the api runs them: the bare SQL baseline.
// Prints progress lines, then ONE JSON object as the last line. Flags (or env):
//   --orders N (BENCH_ORDERS, 1000000)  --products N (BENCH_PRODUCTS, 10000)  --branches N (BENCH_BRANCHES, 2000)
//   --sessions N (BENCH_SESSIONS, 20000)  --requests N (BENCH_REQUESTS, 200)  --warmup N (BENCH_WARMUP, 30)
//   --refreshes N (BENCH_REFRESHES, 20)  --keep
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  accessTokenMinter,
  createHarness,
  percentile,
  positiveIntegers,
  REGISTER,
  requireFromRoot,
  ROOT,
  round,
} from '../support/harness.mjs';

const SCOPE = 'bench:campaign-coverage';
const TARGETS = { city_p95_ms: 50, district_p95_ms: 20 };
const DISTRICTS = 30;
const PRODUCERS = 1_000;
const GROUPS = [
  'food',
  'beverages',
  'herbs',
  'textiles_garments',
  'handicrafts_souvenirs_decoration',
  'rural_tourism_services',
];

const { values: flags } = parseArgs({
  options: {
    orders: { type: 'string' },
    products: { type: 'string' },
    branches: { type: 'string' },
    sessions: { type: 'string' },
    requests: { type: 'string' },
    warmup: { type: 'string' },
    refreshes: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const num = positiveIntegers(flags);
const opts = {
  orders: num('orders', 'BENCH_ORDERS', 1_000_000),
  products: num('products', 'BENCH_PRODUCTS', 10_000),
  branches: num('branches', 'BENCH_BRANCHES', 2_000),
  sessions: num('sessions', 'BENCH_SESSIONS', 20_000),
  requests: num('requests', 'BENCH_REQUESTS', 200),
  warmup: num('warmup', 'BENCH_WARMUP', 30),
  refreshes: num('refreshes', 'BENCH_REFRESHES', 20),
  keep: Boolean(flags.keep ?? process.env.BENCH_KEEP === '1'),
};

const { log, shutdown, prepare, startApi, stopChild, cleanups, runToEnd } = createHarness(SCOPE);

async function timed(label, work) {
  const started = performance.now();
  const result = await work();
  log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function generate(db) {
  await db.query(`SET work_mem = '256MB'`);
  await db.query(`SET synchronous_commit = off`);
  const superuser = (await db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]
    ?.rolsuper;
  if (superuser) await db.query(`SET session_replication_role = replica`);
  await db.query(`SELECT setseed(0.579)`);
  const communes = opts.branches - 1 - DISTRICTS;

  await timed(`${opts.branches} branches, admins and streamers`, async () => {
    await db.query(
      `CREATE TEMP TABLE bb AS
       SELECT 0 AS n, gen_random_uuid() AS id, NULL::int AS parent_n, 'city_union' AS type
       UNION ALL SELECT n, gen_random_uuid(), 0, 'district_union' FROM generate_series(1, $1::int) AS n
       UNION ALL SELECT n, gen_random_uuid(), 1 + (n - $1 - 1) % $1, 'grassroots_union'
         FROM generate_series($1 + 1, $1 + $2::int) AS n`,
      [DISTRICTS, communes],
    );
    await db.query(
      `INSERT INTO branches (id, code, name, type, parent_id, path, created_at, updated_at)
       SELECT b.id, 'BC-' || b.n, CASE b.type WHEN 'city_union' THEN 'Thành đoàn' WHEN 'district_union' THEN 'Quận đoàn ' || b.n
                                  ELSE 'Đoàn xã ' || b.n END, b.type, p.id,
              CASE WHEN b.n = 0 THEN ARRAY[b.id]
                   WHEN b.type = 'district_union' THEN ARRAY[(SELECT id FROM bb WHERE n = 0), b.id]
                   ELSE ARRAY[(SELECT id FROM bb WHERE n = 0), p.id, b.id] END,
              now(), now()
         FROM bb b LEFT JOIN bb p ON p.n = b.parent_n`,
    );
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, roles)
       VALUES ('bench-city-admin@bench.ocop.example', 'x', 'Admin thành phố', ARRAY['shopper', 'admin']),
              ('bench-district-admin@bench.ocop.example', 'x', 'Admin quận', ARRAY['shopper', 'admin'])`,
    );
    await db.query(
      `INSERT INTO admin_assignments (user_id, branch_id, valid_from)
       SELECT u.id, b.id, now() FROM users u JOIN bb b ON b.n = CASE WHEN u.email LIKE 'bench-city%' THEN 0 ELSE 1 END
        WHERE u.email LIKE 'bench-%-admin@bench.ocop.example'`,
    );
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, roles)
       SELECT 'bench-streamer-' || n || '@bench.ocop.example', 'x', 'TNV ' || n, ARRAY['shopper', 'streamer']
         FROM bb WHERE type = 'grassroots_union'`,
    );
    await db.query(
      `CREATE TEMP TABLE hosts AS
       SELECT row_number() OVER (ORDER BY b.n) AS k, u.id AS user_id, br.id AS branch_id, br.path
         FROM bb b JOIN users u ON u.email = 'bench-streamer-' || b.n || '@bench.ocop.example'
         JOIN branches br ON br.id = b.id`,
    );
  });

  await timed(`${opts.products} products of ${PRODUCERS} producers, one campaign`, async () => {
    await db.query(
      `INSERT INTO users (email, password_hash, display_name, roles)
       SELECT 'bench-farmer-' || n || '@bench.ocop.example', 'x', 'Chủ thể ' || n, ARRAY['shopper', 'farmer']
         FROM generate_series(1, $1::int) AS n`,
      [PRODUCERS],
    );
    await db.query(
      `INSERT INTO producers (owner_user_id, branch_id, kind, name, phone, province_code, commune)
       SELECT u.id, h.branch_id, 'cooperative', 'HTX ' || f.n, '+8491' || lpad(f.n::text, 7, '0'),
              CASE WHEN f.n % 5 = 0 THEN 'ha-noi' ELSE 'ha-noi' END, 'Xã ' || f.n
         FROM generate_series(1, $1::int) AS f(n)
         JOIN users u ON u.email = 'bench-farmer-' || f.n || '@bench.ocop.example'
         JOIN hosts h ON h.k = 1 + (f.n * 7) % (SELECT count(*) FROM hosts)`,
      [PRODUCERS],
    );
    await db.query(
      `INSERT INTO products (producer_id, name, ocop_group, price_vnd, stock, status, certificate_stars,
         certificate_decision_number, certificate_issuing_body, certificate_signed_on, certificate_expires_on,
         verified_at, verified_by)
       SELECT p.id, 'Sản phẩm OCOP ' || n, ($2::text[])[1 + n % 6], 50000 + (n * 7919) % 1450000, 1000, 'active',
              3 + n % 3, n || '/QĐ-UBND', 'UBND TP Hà Nội', current_date - 100, current_date + 900, now(), a.id
         FROM generate_series(1, $1::int) AS n
         JOIN (SELECT row_number() OVER (ORDER BY id) AS k, id FROM producers) p ON p.k = 1 + n % $3
         CROSS JOIN (SELECT id FROM users WHERE email = 'bench-city-admin@bench.ocop.example') a`,
      [opts.products, GROUPS, PRODUCERS],
    );
    await db.query(
      `INSERT INTO campaigns (name, branch_id, starts_on, ends_on, at_risk_days, created_by)
       SELECT '579 sản phẩm OCOP', b.id, current_date - 60, current_date + 30, 14, u.id
         FROM bb b, users u WHERE b.n = 0 AND u.email = 'bench-city-admin@bench.ocop.example'`,
    );
    await db.query(
      `INSERT INTO campaign_products (campaign_id, product_id, producer_id, branch_id, assigned_at)
       SELECT c.id, p.id, p.producer_id, CASE WHEN random() < 0.33 THEN pr.branch_id END, now()
         FROM campaigns c, products p JOIN producers pr ON pr.id = p.producer_id`,
    );
    await db.query(
      `CREATE TEMP TABLE tp AS SELECT row_number() OVER (ORDER BY id) AS k, id, producer_id, price_vnd, ocop_group FROM products`,
    );
  });

  await timed(`${opts.sessions} sessions with 5 products each`, async () => {
    await db.query(
      `INSERT INTO live_sessions (host_user_id, branch_id, branch_path, title, status, scheduled_start_at, started_at, ended_at)
       SELECT h.user_id, h.branch_id, h.path, 'Phiên live #' || s.n,
              CASE WHEN s.n % 20 = 0 THEN 'scheduled' ELSE 'ended' END,
              CASE WHEN s.n % 20 = 0 THEN now() + random() * interval '25 days' ELSE s.at END,
              CASE WHEN s.n % 20 = 0 THEN NULL ELSE s.at END,
              CASE WHEN s.n % 20 = 0 THEN NULL ELSE s.at + interval '2 hours' END
         FROM (SELECT n, now() - interval '59 days' + random() * interval '58 days' AS at
                 FROM generate_series(1, $1::int) AS n) s
         JOIN hosts h ON h.k = 1 + s.n % (SELECT count(*) FROM hosts)`,
      [opts.sessions],
    );
    await db.query(
      `INSERT INTO live_session_products (session_id, product_id, position, ocop_group)
       SELECT DISTINCT ON (s.id, tp.id) s.id, tp.id, i, tp.ocop_group
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM live_sessions) s
         CROSS JOIN generate_series(0, 4) AS i
         JOIN tp ON tp.k = 1 + ((s.k * 5 + i) * 2654435761) % $1`,
      [opts.products],
    );
  });

  await timed(`${opts.orders.toLocaleString('en')} orders: ledger entries and campaign_sales`, async () => {
    await db.query(
      `CREATE TEMP TABLE ended AS
       SELECT row_number() OVER (ORDER BY s.id) AS k, s.id, s.host_user_id, s.branch_id, s.branch_path, s.started_at
         FROM live_sessions s WHERE s.status = 'ended'`,
    );
    await db.query(
      `CREATE TEMP TABLE sale AS
       SELECT d.n, e.id AS session_id, e.host_user_id, e.branch_id, e.branch_path, lp.product_id, tp.producer_id,
              tp.price_vnd * d.q AS gmv, d.q, e.started_at + d.r * interval '2 hours' AS at, d.fate
         FROM (SELECT n, 1 + floor(random() * (SELECT count(*) FROM ended))::int AS sk, floor(random() * 5)::int AS pos,
                      1 + floor(random() * 3)::int AS q, random() AS r, random() AS fate
                 FROM generate_series(1, $1::int) AS n) d
         JOIN ended e ON e.k = d.sk
         JOIN live_session_products lp ON lp.session_id = e.id AND lp.position = d.pos
         JOIN tp ON tp.id = lp.product_id`,
      [opts.orders],
    );
    const entry = (kind, id, sign, extra = '') =>
      `SELECT ${id}, '${kind}', gen_random_uuid(), gen_random_uuid(), product_id, producer_id, ${sign} gmv, ${sign} q,
              ${sign} 1, 'live', session_id, host_user_id, branch_id, branch_path, at,
              (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date ${extra}`;
    const columns = `entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items, orders, channel,
      session_id, host_user_id, branch_id, branch_path, occurred_at, day`;
    await db.query(`INSERT INTO ledger_entries (${columns}) ${entry('placed', `'p-' || n`, '')} FROM sale`);
    await db.query(
      `INSERT INTO ledger_entries (${columns}) ${entry('settled', `'s-' || n`, '')} FROM sale WHERE fate BETWEEN 0.04 AND 0.74`,
    );
    await db.query(
      `INSERT INTO ledger_entries (${columns}, reversal_of, reason) ${entry('placed', `'r-' || n`, '-', `, 'p-' || n, 'cancelled'`)}
         FROM sale WHERE fate < 0.04`,
    );
    await db.query(
      `INSERT INTO campaign_sales (session_id, product_id, producer_id, day, branch_path, placed_orders, placed_units,
         placed_gmv_vnd, settled_units, settled_gmv_vnd)
       SELECT e.session_id, e.product_id, e.producer_id, e.day, e.branch_path,
              COALESCE(sum(e.orders) FILTER (WHERE e.kind = 'placed'), 0),
              COALESCE(sum(e.items) FILTER (WHERE e.kind = 'placed'), 0),
              COALESCE(sum(e.gmv_vnd) FILTER (WHERE e.kind = 'placed'), 0),
              COALESCE(sum(e.items) FILTER (WHERE e.kind = 'settled'), 0),
              COALESCE(sum(e.gmv_vnd) FILTER (WHERE e.kind = 'settled'), 0)
         FROM ledger_entries e WHERE e.session_id IS NOT NULL AND cardinality(e.branch_path) > 0
        GROUP BY e.session_id, e.product_id, e.producer_id, e.day, e.branch_path`,
    );
  });
  if (superuser) await db.query(`SET session_replication_role = origin`);
  await timed('VACUUM ANALYZE', () => db.query(`VACUUM ANALYZE`));
  const check = (
    await db.query(
      `SELECT (SELECT sum(gmv_vnd) FROM ledger_entries WHERE kind = 'placed')::bigint AS ledger,
              (SELECT sum(placed_gmv_vnd) FROM campaign_sales)::bigint AS campaign_sales,
              (SELECT count(*) FROM ledger_entries WHERE kind = 'placed' AND reversal_of IS NULL)::int AS orders,
              (SELECT count(*) FROM campaign_sales)::int AS campaign_sales_rows,
              (SELECT count(*) FROM campaign_products)::int AS target_products,
              (SELECT count(*) FROM branches)::int AS branches,
              (SELECT count(*) FROM live_sessions)::int AS sessions,
              (SELECT id FROM campaigns LIMIT 1) AS campaign_id`,
    )
  ).rows[0];
  if (check.ledger !== check.campaign_sales)
    throw new Error(`campaign_sales ${check.campaign_sales} != ledger ${check.ledger}`);
  log(`  campaign_sales checked against the ledger: ${JSON.stringify(check)}`);
  return check;
}

const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
};

/** The api's own coverage statements for a scope, captured from the built repository with a recording DataSource. */
async function coverageStatements(scope, now) {
  const { CoverageRepository } = requireFromRoot(
    './dist/libs/campaigns/src/infrastructure/coverage.repository.js',
  );
  const captured = [];
  const recorder = {
    query: async (sql, params) => {
      captured.push({ sql, params });
      return [];
    },
  };
  const repo = new CoverageRepository(recorder);
  await repo.factGroupsRolledUp(scope);
  await repo.branchCoverageRolledUp(scope, now);
  return captured;
}

/**
 * The built roll-up repository on one pg client (a DataSource's `query` and `transaction`), to time the worker's
 * refresh of one session.
 */
function rollupOn(client) {
  const { CoverageRollupRepository } = requireFromRoot(
    './dist/libs/campaigns/src/infrastructure/coverage-rollup.repository.js',
  );
  const em = { query: async (sql, params) => (await client.query(sql, params)).rows };
  return new CoverageRollupRepository({
    query: em.query,
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        const result = await work(em);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
  });
}

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const database = `ocop_bench_campaign_${process.pid}`;
  if (opts.keep) process.env.BENCH_KEEP_DATABASE = '1';
  const { env, databaseUrl, secret } = await prepare({ database });
  const { Client } = requireFromRoot('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const started = performance.now();
  const data = await generate(db);
  const generationS = round((performance.now() - started) / 1000, 1);
  log(`generated in ${generationS} s`);
  const buildStarted = performance.now();
  await runToEnd(process.execPath, [...REGISTER, 'dist/apps/cli/src/main.js', 'coverage'], env);
  const rollupBuildS = round((performance.now() - buildStarted) / 1000, 1);
  const rolled = (
    await db.query(
      `SELECT (SELECT count(*) FROM campaign_lineups)::int AS lineups, (SELECT count(*) FROM campaign_scope_products)::int AS scope_products,
              (SELECT count(*) FROM campaign_scope_cells)::int AS cells`,
    )
  ).rows[0];
  log(`roll-up built by \`cli coverage\` in ${rollupBuildS} s: ${JSON.stringify(rolled)}`);
  await db.query(
    'VACUUM ANALYZE campaign_lineups, campaign_lineup_sales, campaign_scope_products, campaign_scope_cells',
  );
  const refreshIds = (
    await db.query(`SELECT id FROM live_sessions WHERE status = 'ended' ORDER BY md5(id::text) LIMIT $1`, [
      opts.refreshes,
    ])
  ).rows.map((r) => r.id);
  const rollup = rollupOn(db);
  const refreshSamples = [];
  for (const id of refreshIds) {
    const t0 = performance.now();
    await rollup.refreshSessions([id]);
    refreshSamples.push(performance.now() - t0);
  }

  const { child: apiChild, url: base } = await startApi(env);
  const mint = accessTokenMinter(secret);
  const ids = (
    await db.query(
      `SELECT u.email, u.id, aa.branch_id FROM users u JOIN admin_assignments aa ON aa.user_id = u.id
        WHERE u.email LIKE 'bench-%-admin@bench.ocop.example'`,
    )
  ).rows;
  const city = ids.find((r) => r.email.startsWith('bench-city'));
  const district = ids.find((r) => r.email.startsWith('bench-district'));
  const cityToken = mint(city.id, ['shopper', 'admin']);
  const districtToken = mint(district.id, ['shopper', 'admin']);
  const path = `/api/campaigns/${data.campaign_id}/coverage`;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (token) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        `${base}${path}`,
        { agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(body) : reject(new Error(`${path}: ${res.statusCode} ${body}`)),
          );
        },
      );
      req.on('error', reject);
    });
  const cityView = JSON.parse(await get(cityToken));
  const districtView = JSON.parse(await get(districtToken));
  log(
    `city: ${cityView.totals.products} products (${cityView.totals.sold} sold, ${cityView.totals.gmvVnd.toLocaleString('en')} đ), ` +
      `${cityView.byBranch.length} branch rows; district: ${districtView.totals.products} products, ${districtView.byBranch.length} rows`,
  );

  const statements = await coverageStatements(
    {
      campaignId: data.campaign_id,
      branchId: cityView.branchId,
      from: cityView.from,
      to: cityView.to,
      whole: true,
    },
    new Date(),
  );
  const raws = await Promise.all(
    statements.map(async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      cleanups.push(() => c.end());
      return c;
    }),
  );
  const sql = () => Promise.all(statements.map((s, i) => raws[i].query(s.sql, s.params)));

  const calls = { city: () => get(cityToken), district: () => get(districtToken), sql };
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
  await stopChild(apiChild);
  await shutdown();
  const result = {
    bench: 'campaign-coverage',
    orders: data.orders,
    target_products: data.target_products,
    branches: data.branches,
    sessions: data.sessions,
    campaign_sales_rows: data.campaign_sales_rows,
    generation_s: generationS,
    rollup_build_s: rollupBuildS,
    rollup_rows: rolled,
    refresh_one_session_ms: summary(refreshSamples),
    city_p50_ms: stats.city.p50,
    district_p50_ms: stats.district.p50,
    sql_p50_ms: stats.sql.p50,
    load_avg_1m: [round(loadBefore), round(loadAfter)],
    targets: TARGETS,
    city_p95_ms: stats.city.p95,
    district_p95_ms: stats.district.p95,
    sql_p95_ms: stats.sql.p95,
    api_over_sql: round(stats.city.p95 / stats.sql.p95),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await shutdown();
  process.exit(1);
});
