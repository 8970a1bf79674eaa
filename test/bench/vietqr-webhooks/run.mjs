#!/usr/bin/env node
// `npm run bench -- vietqr-webhooks`: payOS webhooks for VietQR payments as payOS and its banks really send them
// (again, late, out of order, concurrently) plus forged, tampered and stale ones and wrong amounts, against the built
// api (dist/) on a fresh database; then every payment's final state is compared with what the rules say it must be.
//
// Workload (defaults): BENCH_ORDERS (200) VietQR payments, inserted by SQL in the shape the payments repository
// writes (requires_payment, a numeric order code from payos_order_code_seq, the payOS link with its deadline), in
// fixed shares:
//   - exact (45 %): one transfer of the exact amount, in time -> succeeded;
//   - twice (10 %): two distinct exact transfers (the second is kept for review) -> succeeded, one transition;
//   - wrong (15 %): transfers one đồng (or more) off, never the exact amount -> held_for_review;
//   - late (10 %): the exact amount after the link's deadline -> held_for_review;
//   - canceled (5 %): the payment was canceled (its order expired) before the exact transfer -> held_for_review;
//   - untouched (15 %): only forged, tampered and stale deliveries -> requires_payment.
// BENCH_EVENTS (1,000) deliveries in all: the transfers above, then 5 % bad signatures (another checksum key), 5 %
// tampered (the amount changed after signing: an exact amount that would confirm), 5 % stale (signed right, dated four
// days ago), a few for unknown order codes, and duplicates for the rest (redeliveries of a signed transfer already
// sent; one of them ten times at once). Out of order: each payment's deliveries are shuffled (later transfers and
// duplicates before earlier ones); BENCH_PARALLEL (16) payments are delivered at a time.
//
// Baseline, same deliveries: a bare node:http server that checks the signature with the same SDK and stores the
// delivery once in PostgreSQL (baseline-server.mjs).
//
// Prints progress lines, then ONE JSON object as the last line. Flags (or env): --orders N (BENCH_ORDERS, 200)
// --events N (BENCH_EVENTS, 1000) --parallel N (BENCH_PARALLEL, 16) --only baseline|ours
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  answerCode,
  createHarness,
  latencySummary,
  listeningPort,
  now,
  quietMachine,
  rawClient,
  requireFromRoot,
  ROOT,
  round,
} from '../support/harness.mjs';

const SCOPE = 'bench:vietqr-webhooks';
const HERE = path.join(ROOT, 'test', 'bench', 'vietqr-webhooks');
const ROUTE = '/api/payments/payos/webhook';

const { values: flags } = parseArgs({
  options: {
    orders: { type: 'string' },
    events: { type: 'string' },
    parallel: { type: 'string' },
    only: { type: 'string' },
  },
});
const num = (flag, env, fallback) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${flag} / ${env} must be a positive integer`);
  return value;
};
const opts = {
  orders: num('orders', 'BENCH_ORDERS', 200),
  events: num('events', 'BENCH_EVENTS', 1000),
  parallel: num('parallel', 'BENCH_PARALLEL', 16),
  only: flags.only ?? process.env.BENCH_ONLY ?? 'both',
};

const harness = createHarness(SCOPE);
const { log } = harness;
const { signData, vietnamTime } = requireFromRoot('./scripts/lib/payos-stub.cjs');
const KEYS = {
  PAYOS_CLIENT_ID: 'bench-client-ocop',
  PAYOS_API_KEY: 'bench-api-key-ocop',
  PAYOS_CHECKSUM_KEY: `bench_${crypto.randomBytes(16).toString('hex')}`,
};

const KINDS = [
  { kind: 'exact', share: 0.45, expected: 'succeeded' },
  { kind: 'twice', share: 0.1, expected: 'succeeded' },
  { kind: 'wrong', share: 0.15, expected: 'held_for_review' },
  { kind: 'late', share: 0.1, expected: 'held_for_review' },
  { kind: 'canceled', share: 0.05, expected: 'held_for_review' },
  { kind: 'untouched', share: 0.15, expected: 'requires_payment' },
];

const randomInt = (n) => crypto.randomInt(n);
const pick = (list) => list[randomInt(list.length)];
function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** A webhook body as payOS posts it for a transfer into `payment`, signed with `key`. */
function webhook(
  payment,
  { amount = payment.amountVnd, at = new Date(), key = KEYS.PAYOS_CHECKSUM_KEY } = {},
) {
  const data = {
    orderCode: payment.orderCode,
    amount,
    description: `DH${payment.orderCode}`,
    accountNumber: '0001234567890',
    reference: `FT${crypto.randomBytes(8).toString('hex').toUpperCase()}`,
    transactionDateTime: vietnamTime(at),
    currency: 'VND',
    paymentLinkId: payment.linkId,
    code: '00',
    desc: 'success',
    counterAccountBankId: '',
    counterAccountBankName: '',
    counterAccountName: 'NGUYEN VAN BENCH',
    counterAccountNumber: '9704000000000018',
    virtualAccountName: '',
    virtualAccountNumber: '',
  };
  return { code: '00', desc: 'success', success: true, data, signature: signData(data, key) };
}

async function insertPayments(db, count) {
  const kinds = [];
  for (const k of KINDS) for (let i = 0; i < Math.round(k.share * count); i++) kinds.push(k);
  while (kinds.length < count) kinds.push(KINDS[0]);
  kinds.length = count;
  shuffle(kinds);
  const payments = [];
  for (const [i, kind] of kinds.entries()) {
    const late = kind.kind === 'late';
    const expiresAt = new Date(Date.now() + (late ? -10 * 60_000 : 15 * 60_000)).toISOString();
    const linkId = crypto.randomBytes(16).toString('hex');
    const { rows } = await db.query(
      `INSERT INTO payments (reference, method, amount_vnd, status, payos_order_code, payos_link)
       VALUES (gen_random_uuid()::text, 'vietqr', $1, $2, nextval('payos_order_code_seq'), $3)
       RETURNING id, amount_vnd, payos_order_code`,
      [
        50_000 + (i % 30) * 10_000,
        kind.kind === 'canceled' ? 'canceled' : 'requires_payment',
        JSON.stringify({
          paymentLinkId: linkId,
          qrCode: '000201',
          checkoutUrl: 'http://127.0.0.1/bench',
          bin: '970422',
          accountNumber: '0001234567890',
          accountName: 'BENCH',
          description: 'DH',
          expiresAt,
        }),
      ],
    );
    payments.push({
      id: rows[0].id,
      amountVnd: Number(rows[0].amount_vnd),
      orderCode: Number(rows[0].payos_order_code),
      linkId,
      kind,
    });
  }
  return payments;
}

/**
 * Every payment's deliveries: { body, mode } with mode transfer, duplicate, bad_key, tampered, stale, unknown; a step
 * is one delivery or several sent at once (the concurrent group).
 */
function buildWorkload(payments) {
  const bad = Math.round(opts.events * 0.05);
  const tampered = Math.round(opts.events * 0.05);
  const stale = Math.round(opts.events * 0.05);
  const unknown = 10;
  for (const p of payments) {
    p.steps = [];
    const transfer = (options) => p.steps.push([{ body: webhook(p, options), mode: 'transfer' }]);
    if (p.kind.kind === 'exact' || p.kind.kind === 'late' || p.kind.kind === 'canceled') transfer();
    if (p.kind.kind === 'twice') {
      transfer({ at: new Date(Date.now() - 60_000) });
      transfer();
    }
    if (p.kind.kind === 'wrong') {
      transfer({ amount: p.amountVnd + pick([-1, 1, -1000, 50_000]) });
      if (randomInt(2)) transfer({ amount: p.amountVnd - 1 });
    }
  }
  const untouched = payments.filter((p) => p.kind.kind === 'untouched');
  const others = payments.filter((p) => p.kind.kind !== 'untouched');
  const victim = (i) => (i % 3 === 0 ? pick(others) : pick(untouched));
  for (let i = 0; i < bad; i++) {
    const p = victim(i);
    p.steps.push([
      { body: webhook(p, { key: `forged_${crypto.randomBytes(8).toString('hex')}` }), mode: 'bad_key' },
    ]);
  }
  for (let i = 0; i < tampered; i++) {
    const p = victim(i);
    const body = webhook(p, { amount: p.amountVnd + 1 });
    p.steps.push([{ body: { ...body, data: { ...body.data, amount: p.amountVnd } }, mode: 'tampered' }]);
  }
  for (let i = 0; i < stale; i++) {
    const p = pick(untouched);
    p.steps.push([{ body: webhook(p, { at: new Date(Date.now() - 4 * 86_400_000) }), mode: 'stale' }]);
  }
  const ghost = { orderCode: 900_000_000, amountVnd: 10_000, linkId: 'f'.repeat(32) };
  for (let i = 0; i < unknown; i++) {
    const p = pick(payments);
    p.steps.push([{ body: webhook({ ...ghost, orderCode: ghost.orderCode + i }), mode: 'unknown' }]);
  }
  // One genuine transfer delivered ten times at once.
  const group = payments.find((p) => p.kind.kind === 'exact');
  const first = group.steps[0][0];
  group.steps[0] = Array.from({ length: 10 }, (_, n) => ({
    body: first.body,
    mode: n === 0 ? 'transfer' : 'duplicate',
    group: true,
  }));
  let total = payments.reduce((sum, p) => sum + p.steps.reduce((s, step) => s + step.length, 0), 0);
  let duplicates = 9;
  const genuine = payments.filter((p) => p.steps.some((s) => ['transfer', 'unknown'].includes(s[0].mode)));
  while (total < opts.events) {
    const p = pick(genuine);
    const sent = p.steps.filter((s) => ['transfer', 'unknown'].includes(s[0].mode));
    p.steps.push([{ body: pick(sent)[0].body, mode: 'duplicate' }]);
    duplicates++;
    total++;
  }
  // Out of order: each payment's deliveries shuffled (a duplicate may come before the first delivery of its
  // transfer; a later transfer before an earlier one).
  let outOfOrder = 0;
  for (const p of payments) {
    const before = p.steps.map((s) => s[0].body.signature).join();
    shuffle(p.steps);
    if (p.steps.map((s) => s[0].body.signature).join() !== before) outOfOrder++;
  }
  return { deliveries: total, duplicates, bad, tampered, stale, unknown, payments_reordered: outOfOrder };
}

async function deliver(baseUrl, payments) {
  const client = rawClient(baseUrl);
  const answers = [];
  const queue = shuffle([...payments]);
  const started = now();
  async function send(delivery) {
    const res = await client.request('POST', ROUTE, { body: JSON.stringify(delivery.body) });
    let parsed = null;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = null;
    }
    answers.push({
      mode: delivery.mode,
      group: Boolean(delivery.group),
      status: res.status,
      code: answerCode(res.body),
      outcome: parsed?.outcome ?? null,
      duplicate: parsed?.duplicate ?? null,
      ms: res.ms,
    });
  }
  await Promise.all(
    Array.from({ length: opts.parallel }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        for (const step of p.steps) await Promise.all(step.map(send));
      }
    }),
  );
  const spanMs = now() - started;
  client.close();
  return { answers, spanMs };
}

function summariseAnswers(answers, spanMs) {
  const byMode = {};
  for (const a of answers) {
    const key = `${a.status}${a.code ? ` ${a.code}` : ''}`;
    byMode[a.mode] ??= {};
    byMode[a.mode][key] = (byMode[a.mode][key] ?? 0) + 1;
  }
  const group = answers.filter((a) => a.group);
  return {
    status_by_kind: byMode,
    forged_not_400: answers.filter((a) => ['bad_key', 'tampered'].includes(a.mode) && a.status !== 400)
      .length,
    stale_not_400: answers.filter((a) => a.mode === 'stale' && a.status !== 400).length,
    genuine_not_200: answers.filter(
      (a) => ['transfer', 'duplicate', 'unknown'].includes(a.mode) && a.status !== 200,
    ).length,
    errors_5xx: answers.filter((a) => a.status >= 500 || a.status === 0).length,
    concurrent_group: {
      deliveries: group.length,
      stored_as_new: group.filter((a) => a.duplicate === false).length,
    },
    ack: latencySummary(answers.map((a) => a.ms)),
    deliveries_per_s: round(answers.length / (spanMs / 1000), 1),
  };
}

async function runBaseline(databaseUrl, payments) {
  const server = harness.own(
    fork(path.join(HERE, 'baseline-server.mjs'), [], {
      cwd: ROOT,
      env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_CHECKSUM_KEY: KEYS.PAYOS_CHECKSUM_KEY },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const port = await listeningPort(server, 'the baseline server');
  log(`baseline: bare webhook server (pid ${server.pid}) on 127.0.0.1:${port}`);
  await quietMachine(log);
  const { answers, spanMs } = await deliver(`http://127.0.0.1:${port}`, payments);
  await harness.stopChild(server);
  const summary = summariseAnswers(answers, spanMs);
  log(`baseline: ${answers.length} deliveries in ${Math.round(spanMs)} ms: ${JSON.stringify(summary)}`);
  return summary;
}

async function runOurs(payments, env, db) {
  const api = await harness.startApi(env);
  // Warm-up: signed deliveries for an order code nobody has.
  const warm = rawClient(api.url);
  for (let i = 0; i < 40; i++) {
    const body = webhook({ orderCode: 800_000_000 + i, amountVnd: 1_000, linkId: 'e'.repeat(32) });
    await warm.request('POST', ROUTE, { body: JSON.stringify(body) });
  }
  warm.close();
  const busyBefore = await quietMachine(log);
  log(`ours: delivering to ${api.url}${ROUTE}...`);
  const { answers, spanMs } = await deliver(api.url, payments);
  const summary = summariseAnswers(answers, spanMs);
  log(`ours: ${answers.length} deliveries in ${Math.round(spanMs)} ms`);

  const { rows: finals } = await db.query(`SELECT id, status FROM payments WHERE id = ANY($1::uuid[])`, [
    payments.map((p) => p.id),
  ]);
  const actual = new Map(finals.map((r) => [r.id, r.status]));
  let wrong = 0;
  const wrongByKind = {};
  for (const p of payments) {
    if (actual.get(p.id) === p.kind.expected) continue;
    wrong++;
    const key = `${p.kind.kind}: expected ${p.kind.expected}, got ${actual.get(p.id)}`;
    wrongByKind[key] = (wrongByKind[key] ?? 0) + 1;
  }
  // Every payment here moves at most once (requires_payment or canceled -> succeeded or held_for_review).
  const { rows: doubles } = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
       SELECT payment_id, count(*) AS n FROM payment_transitions WHERE payment_id = ANY($1::uuid[])
       GROUP BY payment_id HAVING count(*) > 1) AS d`,
    [payments.map((p) => p.id)],
  );
  const { rows: announced } = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
       SELECT key, count(*) AS n FROM outbox WHERE topic = 'payments.succeeded' GROUP BY key HAVING count(*) > 1) AS d`,
  );
  const forged = payments.flatMap((p) =>
    p.steps
      .flat()
      .filter((d) => ['bad_key', 'tampered', 'stale'].includes(d.mode))
      .map((d) => d.body.signature),
  );
  const { rows: forgedStored } = await db.query(
    `SELECT count(*)::int AS n FROM payos_events WHERE signature = ANY($1::text[])`,
    [forged],
  );
  const { rows: outcomes } = await db.query(
    `SELECT outcome, count(*)::int AS n FROM payos_events WHERE order_code < 800000000 OR order_code >= 900000000
     GROUP BY 1 ORDER BY 2 DESC`,
  );
  const { rows: stored } = await db.query(
    `SELECT count(*)::int AS n FROM payos_events WHERE order_code < 800000000 OR order_code >= 900000000`,
  );
  const expectedStored = new Set(
    payments.flatMap((p) =>
      p.steps
        .flat()
        .filter((d) => ['transfer', 'unknown'].includes(d.mode))
        .map((d) => d.body.signature),
    ),
  ).size;
  return {
    ...summary,
    machine_busy_before_pct: busyBefore,
    wrong_final_states: wrong,
    wrong_by_kind: wrongByKind,
    double_transitions: doubles[0].extra,
    double_announcements: announced[0].extra,
    events_stored: stored[0].n,
    events_expected: expectedStored,
    forged_or_stale_stored: forgedStored[0].n,
    outcomes: Object.fromEntries(outcomes.map((r) => [r.outcome, r.n])),
  };
}

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const { env, databaseUrl } = await harness.prepare({
    database: `ocop_bench_vietqr_${process.pid}`,
    extraEnv: { ...KEYS },
  });
  const { Client } = requireFromRoot('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  harness.cleanups.push(() => db.end());

  const payments = await insertPayments(db, opts.orders);
  const workload = buildWorkload(payments);
  log(`workload: ${opts.orders} VietQR payments, ${JSON.stringify(workload)}`);

  const baseline = opts.only === 'ours' ? null : await runBaseline(databaseUrl, payments);
  const ours = opts.only === 'baseline' ? null : await runOurs(payments, env, db);
  if (ours) log(`ours: ${JSON.stringify(ours)}`);
  await harness.shutdown();

  const primary = ours ?? baseline;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'vietqr-webhooks',
      machine_busy_before_pct: ours?.machine_busy_before_pct ?? null,
      orders: opts.orders,
      events: workload.deliveries,
      duplicates: workload.duplicates,
      payments_reordered: workload.payments_reordered,
      bad_signatures: workload.bad,
      tampered: workload.tampered,
      stale: workload.stale,
      unknown_order_codes: workload.unknown,
      wrong_final_states: ours?.wrong_final_states ?? null,
      wrong_by_kind: ours?.wrong_by_kind ?? null,
      double_transitions: ours?.double_transitions ?? null,
      double_announcements: ours?.double_announcements ?? null,
      ack_p50_ms: primary.ack.p50,
      ack_p99_ms: primary.ack.p99,
      ack_max_ms: primary.ack.max,
      baseline_ack_p50_ms: baseline?.ack.p50 ?? null,
      baseline_ack_p99_ms: baseline?.ack.p99 ?? null,
      deliveries_per_s: primary.deliveries_per_s,
      baseline_deliveries_per_s: baseline?.deliveries_per_s ?? null,
      forged_not_400: primary.forged_not_400,
      stale_not_400: primary.stale_not_400,
      genuine_not_200: primary.genuine_not_200,
      errors_5xx: primary.errors_5xx,
      concurrent_group: primary.concurrent_group,
      events_stored: ours?.events_stored ?? null,
      events_expected: ours?.events_expected ?? null,
      forged_or_stale_stored: ours?.forged_or_stale_stored ?? null,
      outcomes: ours?.outcomes ?? null,
      status_by_kind: primary.status_by_kind,
    })}\n`,
  );
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await harness.shutdown();
  process.exit(1);
});
