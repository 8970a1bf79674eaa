#!/usr/bin/env node
// `npm run bench -- webhooks`: Stripe webhook deliveries as Stripe really sends them (twice, late, out of order,
// concurrently) plus forged and replayed ones, against the built api and worker (dist/) on a fresh database; then
// every payment's final state is compared with what the payment state machine says it must be.
//
// Workload (defaults): BENCH_PAYMENTS (200) card payments, inserted by SQL in the shape PaymentsRepository.insert
// writes (requires_payment, one PaymentIntent id each). Each gets a realistic Stripe history in creation order
// (payment_intent.created, .processing, .payment_failed, .succeeded, .canceled, charge.succeeded, charge.refunded,
// payment_intent.requires_action, charge.updated), 7 kinds in fixed shares. BENCH_EVENTS (1,000) deliveries in all:
//   - 20 % duplicates: a redelivery of an event already delivered (re-signed, as Stripe does on a retry), among them
//     one event delivered 10 times at once;
//   - 10 % out of order: an event delivered before one Stripe created earlier for the same payment (for half of the
//     payments of each kind whose history allows it, the two state-changing events are swapped, e.g. succeeded
//     before processing, payment_failed after succeeded, charge.refunded before succeeded);
//   - 5 % bad signatures (signed with another secret, or the payload changed after signing) and 5 % stale (signed
//     with the right secret, timestamp older than STRIPE_WEBHOOK_TOLERANCE_SECONDS): new event ids whose type would
//     move the payment if it were accepted; they come last in their payment's sequence.
// One payment's deliveries go one after the other (the next once the previous is answered); BENCH_PARALLEL (16)
// payments are delivered at a time. Every signature is made with stripe.webhooks.generateTestHeaderString.
//
// Expected final state of a payment: applyPaymentEvent (dist/libs/payments/src/domain) folded over the events that
// verify, in the order Stripe created them (what the payment really is), and, as a diagnostic, in the order they were
// first acknowledged (what a correct implementation of the table yields for that delivery order).
//
// Baseline, same deliveries: a bare node:http server that verifies the signature with the same library and stores
// the event once in PostgreSQL (baseline-server.mjs).
//
// Prints progress lines, then ONE JSON object as the last line. Flags (or env): --payments N (BENCH_PAYMENTS, 200)
// --events N (BENCH_EVENTS, 1000) --parallel N (BENCH_PARALLEL, 16) --only baseline|ours
// --cpu-prof (profile the api while it receives the deliveries; print where its time goes)
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../../../scripts/lib/util.mjs';
import { summariseProfile } from '../chat-fanout/profile-summary.mjs';
import { profilePaths } from '../support/profile-paths.mjs';
import {
  answerCode,
  createHarness,
  latencySummary,
  listeningPort,
  now,
  profileWritten,
  quietMachine,
  rawClient,
  requireFromRoot,
  ROOT,
  round,
} from '../support/harness.mjs';

const SCOPE = 'bench:webhooks';
const HERE = path.join(ROOT, 'test', 'bench', 'webhooks');
const TOLERANCE_S = 300;
const ROUTE = '/api/payments/stripe/webhook';

const { values: flags } = parseArgs({
  options: {
    payments: { type: 'string' },
    events: { type: 'string' },
    parallel: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean' },
  },
});
const num = (flag, env, fallback) => {
  const value = Number(flags[flag] ?? process.env[env] ?? fallback);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${flag} / ${env} must be a positive integer`);
  return value;
};
const opts = {
  payments: num('payments', 'BENCH_PAYMENTS', 200),
  events: num('events', 'BENCH_EVENTS', 1000),
  parallel: num('parallel', 'BENCH_PARALLEL', 16),
  only: flags.only ?? process.env.BENCH_ONLY ?? 'both',
  cpuProf: Boolean(flags['cpu-prof'] ?? process.env.BENCH_CPU_PROF === '1'),
};

const harness = createHarness(SCOPE);
const { log } = harness;
const Stripe = requireFromRoot('stripe');
const signer = new Stripe('sk_test_bench_signer').webhooks;

// ------------------------------------------------------------------------------------------------ workload

/** Payment histories in the order Stripe creates the events; `swap` names the pair delivered the other way round. */
const KINDS = [
  { kind: 'succeeded', share: 0.25, types: ['pi.created', 'pi.succeeded', 'charge.succeeded'] },
  {
    kind: 'processing_succeeded',
    share: 0.15,
    types: ['pi.created', 'pi.processing', 'pi.succeeded', 'charge.succeeded'],
    swap: ['pi.processing', 'pi.succeeded'],
  },
  {
    kind: 'failed_then_succeeded',
    share: 0.125,
    types: ['pi.created', 'pi.payment_failed', 'pi.succeeded', 'charge.succeeded'],
    swap: ['pi.payment_failed', 'pi.succeeded'],
  },
  {
    kind: 'processing_failed',
    share: 0.125,
    types: ['pi.created', 'pi.processing', 'pi.payment_failed'],
    swap: ['pi.processing', 'pi.payment_failed'],
  },
  {
    kind: 'failed_canceled',
    share: 0.1,
    types: ['pi.created', 'pi.payment_failed', 'pi.canceled'],
    swap: ['pi.payment_failed', 'pi.canceled'],
  },
  {
    kind: 'succeeded_refunded',
    share: 0.175,
    types: ['pi.created', 'pi.succeeded', 'charge.succeeded', 'charge.refunded'],
    swap: ['pi.succeeded', 'charge.refunded'],
  },
  { kind: 'canceled', share: 0.075, types: ['pi.created', 'pi.canceled'] },
];
const TYPE_NAMES = {
  'pi.created': 'payment_intent.created',
  'pi.requires_action': 'payment_intent.requires_action',
  'pi.processing': 'payment_intent.processing',
  'pi.succeeded': 'payment_intent.succeeded',
  'pi.payment_failed': 'payment_intent.payment_failed',
  'pi.canceled': 'payment_intent.canceled',
  'charge.succeeded': 'charge.succeeded',
  'charge.updated': 'charge.updated',
  'charge.refunded': 'charge.refunded',
};
const INTENT_STATUS = {
  'pi.created': 'requires_payment_method',
  'pi.requires_action': 'requires_action',
  'pi.processing': 'processing',
  'pi.succeeded': 'succeeded',
  'pi.payment_failed': 'requires_payment_method',
  'pi.canceled': 'canceled',
};

const randomInt = (n) => crypto.randomInt(n);
const pick = (list) => list[randomInt(list.length)];
function shuffle(list) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function stripeObject(short, payment, created) {
  const amount = payment.amountVnd;
  if (short.startsWith('pi.')) {
    return {
      id: payment.intentId,
      object: 'payment_intent',
      amount,
      amount_received: short === 'pi.succeeded' ? amount : 0,
      currency: 'vnd',
      status: INTENT_STATUS[short],
      created,
      livemode: false,
      metadata: { reference: payment.reference },
      ...(short === 'pi.payment_failed'
        ? { last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' } }
        : {}),
    };
  }
  return {
    id: payment.chargeId,
    object: 'charge',
    amount,
    amount_refunded: short === 'charge.refunded' ? amount : 0,
    currency: 'vnd',
    paid: true,
    payment_intent: payment.intentId,
    refunded: short === 'charge.refunded',
    status: 'succeeded',
    created,
    livemode: false,
  };
}

function makeEvent(short, payment, created) {
  return {
    id: `evt_${crypto.randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: TYPE_NAMES[short],
    short,
    data: { object: stripeObject(short, payment, created) },
  };
}

/**
 * Builds every payment's history and delivery sequence. A delivery is { event, mode } with mode 'good', 'duplicate',
 * 'bad_secret', 'tampered' or 'stale'; a step is one delivery, or several sent at once (the concurrent group).
 */
function buildWorkload(payments) {
  const badCount = Math.round(opts.events * 0.05);
  const staleCount = Math.round(opts.events * 0.05);
  const duplicateCount = Math.round(opts.events * 0.2);
  const outOfOrderCount = Math.round(opts.events * 0.1);
  const uniqueTarget = opts.events - badCount - staleCount - duplicateCount;

  // Kinds in fixed shares, the rest as plain successes.
  const kinds = [];
  for (const k of KINDS) for (let i = 0; i < Math.round(k.share * payments.length); i++) kinds.push(k);
  while (kinds.length < payments.length) kinds.push(KINDS[0]);
  kinds.length = payments.length;
  shuffle(kinds);

  const t0 = Math.floor(Date.now() / 1000) - 3600;
  for (const [i, payment] of payments.entries()) {
    payment.kind = kinds[i];
    payment.types = [...kinds[i].types];
  }
  // Fill to the number of distinct events with types we receive but do not act on (3-D Secure, charge updates).
  let total = payments.reduce((sum, p) => sum + p.types.length, 0);
  if (total > uniqueTarget)
    throw new Error(`${opts.events} deliveries are too few for ${payments.length} payments (need ${total})`);
  while (total < uniqueTarget) {
    const p = pick(payments);
    if (p.types.includes('charge.succeeded') && !p.types.includes('charge.updated'))
      p.types.push('charge.updated');
    else p.types.splice(1, 0, 'pi.requires_action');
    total++;
  }
  for (const [i, p] of payments.entries()) {
    p.events = p.types.map((short, n) => makeEvent(short, p, t0 + i + n * 5));
    p.order = [...p.events]; // delivery order of the distinct events
    p.swapped = false;
  }

  // Out of order: first the state-changing pairs, in half of the payments of each kind that has one.
  let moved = 0;
  const moveBefore = (p, later, earlier) => {
    const a = p.order.findIndex((e) => e.short === later);
    const b = p.order.findIndex((e) => e.short === earlier);
    if (a < 0 || b < 0 || a < b) return false;
    const [event] = p.order.splice(a, 1);
    p.order.splice(b, 0, event);
    p.swapped = true;
    moved++;
    return true;
  };
  for (const k of KINDS.filter((x) => x.swap)) {
    const ofKind = shuffle(payments.filter((p) => p.kind === k));
    for (const p of ofKind.slice(0, Math.ceil(ofKind.length / 2))) {
      if (moved >= outOfOrderCount) break;
      moveBefore(p, k.swap[1], k.swap[0]);
    }
  }
  // Then benign ones until the share is reached: charge.succeeded ahead of payment_intent.succeeded, else the
  // second event ahead of payment_intent.created.
  for (const p of shuffle(payments.filter((x) => !x.swapped))) {
    if (moved >= outOfOrderCount) break;
    if (!moveBefore(p, 'charge.succeeded', 'pi.succeeded')) moveBefore(p, p.order[1].short, 'pi.created');
  }

  // The delivery sequence per payment: each distinct event once, in delivery order.
  for (const p of payments) p.steps = p.order.map((event) => [{ event, mode: 'good' }]);
  // One event delivered 10 times at once: the first state-changing event of a payment that is delivered in order.
  const groupPayment = payments.find((p) => !p.swapped && p.order.some((e) => e.short === 'pi.succeeded'));
  const groupIndex = groupPayment.steps.findIndex((s) => s[0].event.short === 'pi.succeeded');
  groupPayment.steps[groupIndex] = Array.from({ length: 10 }, (_, n) => ({
    event: groupPayment.steps[groupIndex][0].event,
    mode: n === 0 ? 'good' : 'duplicate',
    group: true,
  }));
  // Redeliveries of events already delivered, later in the same sequence.
  for (let d = 9; d < duplicateCount; d++) {
    const p = pick(payments);
    const from = randomInt(p.steps.length);
    const at = from + 1 + randomInt(p.steps.length - from);
    p.steps.splice(at, 0, [{ event: p.steps[from][0].event, mode: 'duplicate' }]);
  }
  // Forged and replayed events: new ids whose type would move the payment from where it must end.
  const threatening = (p) => {
    const final = truthFinal(p);
    if (final === 'succeeded') return 'charge.refunded';
    if (final === 'failed') return 'pi.succeeded';
    if (final === 'processing') return 'pi.payment_failed';
    return 'pi.succeeded';
  };
  const forge = (mode) => {
    const p = pick(payments);
    const short = threatening(p);
    const created = mode === 'stale' ? t0 - 3600 : p.events[p.events.length - 1].created + 60;
    p.steps.push([{ event: makeEvent(short, p, created), mode }]);
  };
  for (let i = 0; i < badCount; i++) forge(i % 2 ? 'bad_secret' : 'tampered');
  for (let i = 0; i < staleCount; i++) forge('stale');

  const deliveries = payments.reduce((sum, p) => sum + p.steps.reduce((s, step) => s + step.length, 0), 0);
  return { deliveries, outOfOrder: moved, duplicates: duplicateCount, bad: badCount, stale: staleCount };
}

// ------------------------------------------------------------------------------------- the state machine

let machine;
async function loadMachine() {
  requireFromRoot('./scripts/register-paths.cjs'); // the built domain imports @ocop/kernel
  const domain = requireFromRoot('./dist/libs/payments/src/domain/index.js');
  machine = {
    apply: domain.applyPaymentEvent,
    triggers: domain.STRIPE_EVENT_TRIGGERS,
    intentOf: domain.paymentIntentOfEvent,
  };
}
/** Folds the state machine over events (those that name a trigger and this payment's intent). */
function fold(events, payment) {
  let status = 'requires_payment';
  for (const event of events) {
    const trigger = machine.triggers[event.type];
    if (!trigger || machine.intentOf(event.type, event.data.object) !== payment.intentId) continue;
    const outcome = machine.apply(status, trigger);
    if (outcome.kind === 'moved') status = outcome.to;
  }
  return status;
}
const truthFinal = (p) => fold(p.events, p);

// -------------------------------------------------------------------------------------------------- delivery

function signed(delivery, secret) {
  const { event, mode } = delivery;
  const payload = JSON.stringify({ ...event, short: undefined }); // `short` is the bench's own label
  const nowS = Math.floor(Date.now() / 1000);
  if (mode === 'bad_secret') {
    const header = signer.generateTestHeaderString({
      payload,
      secret: `whsec_${crypto.randomBytes(24).toString('hex')}`,
    });
    return { payload, header };
  }
  if (mode === 'tampered') {
    const header = signer.generateTestHeaderString({ payload, secret });
    return { payload: payload.replace('"livemode":false', '"livemode":true'), header };
  }
  const timestamp = mode === 'stale' ? nowS - TOLERANCE_S - 60 - randomInt(3600) : nowS;
  return { payload, header: signer.generateTestHeaderString({ payload, secret, timestamp }) };
}

/** Sends every payment's sequence (BENCH_PARALLEL payments at a time); records each answer. */
async function deliver(baseUrl, payments, secret) {
  const client = rawClient(baseUrl);
  const answers = [];
  const firstAck = new Map(); // event id -> ack sequence number of its first 2xx answer
  let seq = 0;
  const queue = [...payments];
  const started = now();
  async function send(delivery) {
    const { payload, header } = signed(delivery, secret);
    const res = await client.request('POST', ROUTE, {
      headers: { 'stripe-signature': header },
      body: payload,
    });
    let duplicate = null;
    if (res.status === 200) {
      try {
        duplicate = JSON.parse(res.body).duplicate;
      } catch {
        duplicate = null;
      }
      if (!firstAck.has(delivery.event.id)) firstAck.set(delivery.event.id, seq++);
    }
    answers.push({
      mode: delivery.mode,
      group: Boolean(delivery.group),
      status: res.status,
      code: answerCode(res.body),
      duplicate,
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
  return { answers, firstAck, spanMs };
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
    bad_signature_not_400: answers.filter(
      (a) => ['bad_secret', 'tampered'].includes(a.mode) && a.status !== 400,
    ).length,
    stale_not_400: answers.filter((a) => a.mode === 'stale' && a.status !== 400).length,
    genuine_not_200: answers.filter((a) => ['good', 'duplicate'].includes(a.mode) && a.status !== 200).length,
    errors_5xx: answers.filter((a) => a.status >= 500 || a.status === 0).length,
    concurrent_group: {
      deliveries: group.length,
      stored_as_new: group.filter((a) => a.duplicate === false).length,
    },
    ack: latencySummary(answers.map((a) => a.ms)),
    deliveries_per_s: round(answers.length / (spanMs / 1000), 1),
  };
}

// ------------------------------------------------------------------------------------------------ targets

async function insertPayments(db, count) {
  const { rows } = await db.query(
    `INSERT INTO payments (reference, method, amount_vnd, status, stripe_payment_intent_id)
     SELECT gen_random_uuid()::text, 'card', 50000 + (g % 30) * 10000, 'requires_payment',
            'pi_bench_' || md5(random()::text || g)
     FROM generate_series(1, $1::int) AS g
     RETURNING id, reference, amount_vnd, stripe_payment_intent_id`,
    [count],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    amountVnd: Number(r.amount_vnd),
    intentId: r.stripe_payment_intent_id,
    chargeId: `ch_bench_${crypto.randomBytes(10).toString('hex')}`,
  }));
}

async function runBaseline(databaseUrl, payments, secret) {
  const server = harness.own(
    fork(path.join(HERE, 'baseline-server.mjs'), [], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_WEBHOOK_SECRET: secret,
        BENCH_WEBHOOK_TOLERANCE: String(TOLERANCE_S),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const port = await listeningPort(server, 'the baseline server');
  log(`baseline: bare webhook server (pid ${server.pid}) on 127.0.0.1:${port}`);
  await quietMachine(log);
  const { answers, spanMs } = await deliver(`http://127.0.0.1:${port}`, payments, secret);
  await harness.stopChild(server);
  const summary = summariseAnswers(answers, spanMs);
  log(`baseline: ${answers.length} deliveries in ${Math.round(spanMs)} ms: ${JSON.stringify(summary)}`);
  return summary;
}

async function waitDrained(db, expectedStored) {
  const deadline = Date.now() + 180_000;
  let last;
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE processed_at IS NULL)::int AS pending FROM stripe_events`,
    );
    last = rows[0];
    if (last.pending === 0 && last.stored >= expectedStored) return last;
    if (Date.now() > deadline) {
      log(`the worker did not drain within 180 s: ${JSON.stringify(last)}`);
      return last;
    }
    await sleep(100);
  }
}

async function runOurs(payments, secret, env, db) {
  await harness.startWorker(env);
  const profFile = path.join(DATA_DIR, 'bench', `webhooks-api-${process.pid}.cpuprofile`);
  if (opts.cpuProf) fs.mkdirSync(path.dirname(profFile), { recursive: true });
  const apiProcess = await harness.startApi(env, {
    preload: opts.cpuProf ? [path.join(ROOT, 'test', 'bench', 'chat-fanout', 'cpu-profile.cjs')] : [],
    stdinPipe: opts.cpuProf,
    extraEnv: { BENCH_CPU_PROF_FILE: profFile },
  });
  // Warm the endpoint (JIT, pools) with deliveries for an intent nobody has; not measured.
  const warm = rawClient(apiProcess.url);
  const ghost = {
    intentId: 'pi_bench_warmup',
    chargeId: 'ch_bench_warmup',
    amountVnd: 50_000,
    reference: 'warmup',
  };
  for (let i = 0; i < 40; i++) {
    const { payload, header } = signed(
      { event: makeEvent('pi.created', ghost, Math.floor(Date.now() / 1000)), mode: 'good' },
      secret,
    );
    await warm.request('POST', ROUTE, { headers: { 'stripe-signature': header }, body: payload });
  }
  warm.close();
  await waitDrained(db, 40);

  const busyBefore = await quietMachine(log);
  log(`ours: delivering to ${apiProcess.url}${ROUTE} (api + worker)...`);
  if (opts.cpuProf) apiProcess.child.stdin.write('start\n');
  const { answers, firstAck, spanMs } = await deliver(apiProcess.url, payments, secret);
  const lastAck = now();
  if (opts.cpuProf) apiProcess.child.stdin.write('stop\n');
  const expectedStored = 40 + payments.reduce((sum, p) => sum + p.events.length, 0);
  const drained = await waitDrained(db, expectedStored);
  const drainMs = now() - lastAck;
  if (opts.cpuProf) {
    if (await profileWritten(profFile)) {
      log(`api cpu profile of the deliveries: ${path.relative(ROOT, profFile)}`);
      process.stdout.write(`${summariseProfile(profFile, 30)}\n${profilePaths(profFile, 25)}\n`);
    } else log('no cpu profile was written');
  }
  const summary = summariseAnswers(answers, spanMs);
  log(
    `ours: ${answers.length} deliveries in ${Math.round(spanMs)} ms, drained ${Math.round(drainMs)} ms after the last answer`,
  );

  // Compare every payment with the state machine.
  const { rows: finals } = await db.query(`SELECT id, status FROM payments WHERE id = ANY($1::uuid[])`, [
    payments.map((p) => p.id),
  ]);
  const actual = new Map(finals.map((r) => [r.id, r.status]));
  let wrong = 0;
  let wrongVsDelivery = 0;
  const wrongByKind = {};
  const examples = [];
  for (const p of payments) {
    const truth = truthFinal(p);
    const byDelivery = fold(
      [...p.events].filter((e) => firstAck.has(e.id)).sort((a, b) => firstAck.get(a.id) - firstAck.get(b.id)),
      p,
    );
    const got = actual.get(p.id);
    if (got !== byDelivery) wrongVsDelivery++;
    if (got !== truth) {
      wrong++;
      const key = `${p.kind.kind}${p.swapped ? ' (out of order)' : ''}`;
      wrongByKind[key] = (wrongByKind[key] ?? 0) + 1;
      if (examples.length < 5)
        examples.push({ kind: key, delivered: p.order.map((e) => e.type).join(' > '), expected: truth, got });
    }
  }
  const { rows: doubles } = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
       SELECT payment_id, to_status, count(*) AS n FROM payment_transitions GROUP BY payment_id, to_status
       HAVING count(*) > 1) AS d`,
  );
  const { rows: sameEvent } = await db.query(
    `SELECT coalesce(sum(n - 1), 0)::int AS extra FROM (
       SELECT stripe_event_id, count(*) AS n FROM payment_transitions WHERE stripe_event_id IS NOT NULL
       GROUP BY stripe_event_id HAVING count(*) > 1) AS d`,
  );
  const forgedIds = payments.flatMap((p) =>
    p.steps
      .flat()
      .filter((d) => !['good', 'duplicate'].includes(d.mode))
      .map((d) => d.event.id),
  );
  const { rows: forgedStored } = await db.query(
    `SELECT count(*)::int AS n FROM stripe_events WHERE id = ANY($1::text[])`,
    [forgedIds],
  );
  const { rows: outcomes } = await db.query(
    `SELECT CASE WHEN outcome LIKE 'moved:%' THEN 'moved' ELSE outcome END AS o, count(*)::int AS n
     FROM stripe_events WHERE payload #>> '{data,object,id}' <> 'pi_bench_warmup' GROUP BY 1 ORDER BY 2 DESC`,
  );
  return {
    ...summary,
    machine_busy_before_pct: busyBefore,
    span_ms: Math.round(spanMs),
    drain_ms: Math.round(drainMs),
    events_stored: drained.stored - 40,
    events_expected: expectedStored - 40,
    events_pending: drained.pending,
    forged_or_stale_stored: forgedStored[0].n,
    outcomes: Object.fromEntries(outcomes.map((r) => [r.o, r.n])),
    wrong_final_states: wrong,
    wrong_by_kind: wrongByKind,
    wrong_examples: examples,
    wrong_vs_delivery_order: wrongVsDelivery,
    double_transitions: doubles[0].extra,
    transitions_sharing_an_event: sameEvent[0].extra,
  };
}

// ---------------------------------------------------------------------------------------------------- main

async function main() {
  process.chdir(ROOT);
  log(`options: ${JSON.stringify(opts)}`);
  const secret = `whsec_${crypto.randomBytes(24).toString('hex')}`;
  const { env, databaseUrl } = await harness.prepare({
    database: `ocop_bench_webhooks_${process.pid}`,
    extraEnv: { STRIPE_WEBHOOK_SECRET: secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS: String(TOLERANCE_S) },
  });
  await loadMachine();
  const { Client } = requireFromRoot('pg');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  harness.cleanups.push(() => db.end());

  const payments = await insertPayments(db, opts.payments);
  const workload = buildWorkload(payments);
  log(`workload: ${opts.payments} payments, ${JSON.stringify(workload)}`);

  const baseline = opts.only === 'ours' ? null : await runBaseline(databaseUrl, payments, secret);
  const ours = opts.only === 'baseline' ? null : await runOurs(payments, secret, env, db);
  if (ours) log(`ours: ${JSON.stringify(ours)}`);
  await harness.shutdown();

  const primary = ours ?? baseline;
  const summary = {
    bench: 'webhooks',
    machine_busy_before_pct: ours?.machine_busy_before_pct ?? null,
    payments: opts.payments,
    events: workload.deliveries,
    duplicates: workload.duplicates,
    out_of_order: workload.outOfOrder,
    bad_signatures: workload.bad,
    stale: workload.stale,
    wrong_final_states: ours?.wrong_final_states ?? null,
    wrong_by_kind: ours?.wrong_by_kind ?? null,
    wrong_vs_delivery_order: ours?.wrong_vs_delivery_order ?? null,
    double_transitions: ours?.double_transitions ?? null,
    ack_p50_ms: primary.ack.p50,
    ack_p99_ms: primary.ack.p99,
    ack_max_ms: primary.ack.max,
    baseline_ack_p99_ms: baseline?.ack.p99 ?? null,
    ack_p99_ratio: ours && baseline?.ack.p99 ? round(ours.ack.p99 / baseline.ack.p99) : null,
    deliveries_per_s: primary.deliveries_per_s,
    baseline_deliveries_per_s: baseline?.deliveries_per_s ?? null,
    bad_signature_not_400: primary.bad_signature_not_400,
    stale_not_400: primary.stale_not_400,
    genuine_not_200: primary.genuine_not_200,
    errors_5xx: primary.errors_5xx,
    concurrent_group: primary.concurrent_group,
    events_stored: ours?.events_stored ?? null,
    events_expected: ours?.events_expected ?? null,
    forged_or_stale_stored: ours?.forged_or_stale_stored ?? null,
    drain_ms: ours?.drain_ms ?? null,
    outcomes: ours?.outcomes ?? null,
    status_by_kind: primary.status_by_kind,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`[${SCOPE}] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  await harness.shutdown();
  process.exit(1);
});
