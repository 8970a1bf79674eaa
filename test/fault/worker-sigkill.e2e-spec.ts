import type { CheckoutResult } from '@ocop/orders';
import { checkoutBody, idempotencyKey, startStripeStub, StripeStub } from '@ocop/testing';
import { FreshDatabase, freshDatabase } from '../e2e/support/databases';
import { send, sleep, until } from '../e2e/support/http';
import { LatencyProxy, startLatencyProxy } from '../e2e/support/latency-proxy';
import { probeQueues, QueueProbe } from '../e2e/support/queues';
import { ensureBuilt, Replica, startReplica } from '../e2e/support/replicas';
import { openShop, Shop } from '../e2e/support/shop-data';
import { startWorker, WorkerProcess } from '../e2e/support/workers';

// Fault test: the worker process dies (SIGKILL: no shutdown hook runs, the jobs in its hands are cut off mid-way)
// while it applies Stripe webhooks and expires unpaid card orders; a new worker is started. No job may be lost (the
// new worker's stalled-job check hands the cut-off jobs out again once their lock expires) and no effect may happen
// twice (every handler is idempotent). The api, the workers and PostgreSQL are real processes; Stripe is the stub.

const WEBHOOK_SECRET = 'whsec_ocop_fault_sigkill';
const CHECKOUTS = 60;
const STOCK = 300;
/**
 * A job cut off by the crash is redone once its lock has expired (15 s) and two stalled checks (every 5 s) have seen
 * it: about 25 s (WORKER_OPTIONS in @ocop/queue).
 */
const RECOVERY_MS = 50_000;
// Webhook events reach their payments through the outbox queue; expiries through the orders queue.
const IN_HAND = ['orders', 'outbox'] as const;
/** Stripe's API answers in about this long: an expiry holds its job while it cancels the PaymentIntent. */
const STRIPE_LATENCY_MS = 80;

jest.setTimeout(90_000);

interface Placed {
  checkout: CheckoutResult;
  orderId: string;
  /** Units per product. */
  units: Map<string, number>;
}

type Event = { id: string; payload: string; header: string };

describe('the worker is killed (SIGKILL) in the middle of webhooks and expiries, then started again', () => {
  let db: FreshDatabase;
  let stub: StripeStub;
  let stripe: LatencyProxy;
  let shop: Shop;
  let api: Replica;
  let queues: QueueProbe;
  const workers: WorkerProcess[] = [];
  const prefix = `${process.env['QUEUE_PREFIX']}-sigkill`;
  let env: Record<string, string | undefined>;
  /** What the test still sends in the background when it fails half-way: awaited before anything closes. */
  let background: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    ensureBuilt();
    [db, stub] = await Promise.all([
      freshDatabase('sigkill'),
      startStripeStub({ webhookSecret: WEBHOOK_SECRET }),
    ]);
    stripe = await startLatencyProxy(stub.url, STRIPE_LATENCY_MS);
    shop = await openShop(db.url, {
      products: [
        { name: 'Trà shan tuyết cổ thụ', stock: STOCK, priceVnd: 85_000 },
        { name: 'Mật ong bạc hà', stock: STOCK, priceVnd: 240_000 },
      ],
      shoppers: CHECKOUTS,
    });
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'],
      QUEUE_PREFIX: prefix,
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      STRIPE_SECRET_KEY: 'sk_test_ocop_fault_sigkill',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stripe.url,
      LOG_LEVEL: 'warn',
    };
    api = await startReplica('api', env);
    queues = probeQueues(process.env['REDIS_URL'] as string, prefix);
  }, 60_000);

  afterAll(async () => {
    await background.catch(() => undefined);
    await Promise.all([api?.stop(), ...workers.map((w) => w.stop())]);
    await queues?.close();
    await stripe?.close();
    await stub?.close();
    await db?.drop();
  });

  const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.sql.query(text, params)).rows as T[];

  const webhookStatuses: number[] = [];
  const deliver = async (event: Event): Promise<void> => {
    const res = await send(api.url, 'POST', '/api/payments/stripe/webhook', {
      raw: event.payload,
      headers: { 'stripe-signature': event.header },
    });
    webhookStatuses.push(res.status);
  };

  /** Nothing left to do: no unprocessed event, no message still owed, no job waiting, running, retrying or failed. */
  const drained = async (orderIds: string[]): Promise<boolean> => {
    const [state] = await rows<{ pending: number; events: number; outbox: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE status = 'pending_payment' AND id = ANY($1::uuid[])) AS pending,
              (SELECT count(*)::int FROM stripe_events WHERE processed_at IS NULL) AS events,
              (SELECT count(*)::int FROM outbox WHERE delivered_at IS NULL) AS outbox`,
      [orderIds],
    );
    if (!state || state.pending + state.events + state.outbox > 0) return false;
    // Delayed jobs stay in orders (the paid orders' expiry jobs, due in 15 minutes) and in the queues whose
    // schedulers repeat.
    return queues.idle({
      delayed: ['orders', 'live', 'catalogue', 'reconciliation', 'assets', 'campaigns', 'settlement'],
    });
  };

  const heldJobs = async (): Promise<string[]> =>
    (
      await Promise.all(
        IN_HAND.map(async (name) =>
          (await queues.queue(name).getJobs(['active'])).map((j) => `${name}/${j.name}`),
        ),
      )
    ).flat();

  it('confirms every paid order and expires every unpaid one exactly once, and loses no job', async () => {
    const first = await startWorker('worker-1', env);
    workers.push(first);
    const [tea, honey] = shop.products.map((p) => p.id) as [string, string];

    // 60 buyers check out by card: 1 to 3 packs of tea, and every third one a jar of honey too (one farmer: one
    // order per checkout).
    const answers = await Promise.all(
      shop.shoppers.map((s, i) =>
        send<CheckoutResult>(api.url, 'POST', '/api/checkouts', {
          token: s.accessToken,
          headers: { 'Idempotency-Key': idempotencyKey() },
          body: checkoutBody(
            [{ productId: tea, quantity: (i % 3) + 1 }, ...(i % 3 === 0 ? [{ productId: honey }] : [])],
            { paymentMethod: 'card' },
          ),
        }),
      ),
    );
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    const placed: Placed[] = answers.map((a) => {
      expect(a.body.orders).toHaveLength(1);
      const order = a.body.orders[0] as CheckoutResult['orders'][number];
      return {
        checkout: a.body,
        orderId: order.id,
        units: new Map(order.lines.map((l) => [l.productId, l.quantity])),
      };
    });
    const paid = placed.filter((_, i) => i % 2 === 0);
    const unpaid = placed.filter((_, i) => i % 2 === 1);
    const idsOf = (list: Placed[]) => list.map((p) => p.orderId);
    const allIds = idsOf(placed);

    // Half the buyers never pay: their payment window runs out (the deadline moves, as time would move it).
    await db.sql.query(
      `UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [idsOf(unpaid)],
    );

    const intentOf = (c: CheckoutResult) => {
      const intent = [...stub.intents.values()].find(
        (i) => (i['metadata'] as { reference?: string }).reference === c.checkoutId,
      );
      if (!intent) throw new Error(`no PaymentIntent in the stub for checkout ${c.checkoutId}`);
      return intent;
    };
    // The deadline passed: the unpaid order's delayed expiry job is due now.
    const deadlinePassed = async (p: Placed) => {
      const job = await queues.queue('orders').getJob(`expire-${p.orderId}`);
      if (!job) throw new Error(`no expiry job was scheduled for order ${p.orderId}`);
      await job.promote();
    };

    // One buyer after another pays (Stripe reports it twice: a redelivery) or lets the deadline pass, while the
    // first worker processes them.
    const succeededEvents: Event[] = [];
    const driving = (async () => {
      for (let i = 0; i < paid.length; i++) {
        const intent = stub.setIntentStatus(intentOf((paid[i] as Placed).checkout).id, 'succeeded');
        const event = stub.webhookEvent('payment_intent.succeeded', intent);
        succeededEvents.push(event);
        await Promise.all([deliver(event), deliver(event), deadlinePassed(unpaid[i] as Placed)]);
        await sleep(40);
      }
    })();
    background = driving;

    const settled = async () =>
      (
        await rows<{ n: number }>(
          `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status <> 'pending_payment'`,
          [allIds],
        )
      )[0]?.n ?? 0;
    await until(
      'the first worker to settle some orders',
      async () => (await settled()) >= 10,
      20_000,
      undefined,
      10,
    );
    // Kill it the moment it is expiring an order (that job waits on Stripe): webhooks being applied and messages
    // being delivered are cut off with it.
    await until(
      'the first worker to be expiring an order',
      async () => (await queues.queue('orders').getActiveCount()) > 0,
      10_000,
      undefined,
      1,
    );
    await first.kill('SIGKILL');
    const killedAt = Date.now();
    expect(first.child.signalCode).toBe('SIGKILL');
    // Cut off mid-way: its jobs stay active with nobody holding them; some orders are settled, most are not.
    const cutOff = await heldJobs();
    expect(cutOff.length).toBeGreaterThan(0);
    const settledAtKill = await settled();
    expect(settledAtKill).toBeGreaterThan(0);
    expect(settledAtKill).toBeLessThan(allIds.length);

    const second = await startWorker('worker-2', env);
    workers.push(second);
    await driving;
    // Stripe delivers every event once more (say its first attempts timed out), now that the second worker runs.
    await Promise.all(succeededEvents.map(deliver));

    const progress = async () =>
      JSON.stringify({
        sinceKillMs: Date.now() - killedAt,
        cutOff,
        orders: await rows(`SELECT status, count(*)::int AS n FROM orders GROUP BY status`),
        unprocessedEvents: await rows(
          `SELECT type, count(*)::int AS n FROM stripe_events WHERE processed_at IS NULL GROUP BY type`,
        ),
        owed: await rows(
          `SELECT topic, count(*)::int AS n FROM outbox WHERE delivered_at IS NULL GROUP BY topic`,
        ),
        queues: await queues.counts(),
        worker2: second.output().slice(-3000),
      });
    await until(
      'the second worker to finish everything, the cut-off jobs too',
      () => drained(allIds),
      RECOVERY_MS,
      progress,
      250,
    );

    // Every expired order's PaymentIntent is canceled at Stripe, also when the kill cut the worker off right after
    // the expiry committed: the cancellation follows the committed orders.status-changed event.
    const unpaidIntentStatuses = async () =>
      (
        await rows<{ intent: string }>(
          `SELECT stripe_payment_intent_id AS intent FROM payments WHERE id = ANY($1::uuid[])`,
          [unpaid.map((p) => p.checkout.payment?.paymentId as string)],
        )
      ).map((p) => stub.intents.get(p.intent)?.['status']);
    await until(
      'every unpaid PaymentIntent to be canceled at Stripe',
      async () => (await unpaidIntentStatuses()).every((status) => status === 'canceled'),
      RECOVERY_MS,
      async () => JSON.stringify(await unpaidIntentStatuses()),
      250,
    );

    // Stripe tells of every PaymentIntent it canceled (the expired orders' payments), twice over as it may.
    const canceledEvents = [...stub.intents.values()]
      .filter((i) => i['status'] === 'canceled')
      .map((i) => stub.webhookEvent('payment_intent.canceled', { ...i }));
    await Promise.all(canceledEvents.flatMap((e) => [deliver(e), deliver(e)]));
    await until("Stripe's cancellations to be applied", () => drained(allIds), 15_000, progress, 100);
    expect(webhookStatuses).toHaveLength(succeededEvents.length * 3 + canceledEvents.length * 2);
    expect(webhookStatuses.filter((s) => s !== 200)).toEqual([]);

    // Every paid order is confirmed, every unpaid one expired.
    const statuses = new Map(
      (
        await rows<{ id: string; status: string }>(
          `SELECT id, status FROM orders WHERE id = ANY($1::uuid[])`,
          [allIds],
        )
      ).map((r) => [r.id, r.status]),
    );
    expect(idsOf(paid).filter((id) => statuses.get(id) !== 'confirmed')).toEqual([]);
    expect(idsOf(unpaid).filter((id) => statuses.get(id) !== 'expired')).toEqual([]);

    // Each order's history: placed once, then paid once or expired once, nothing else.
    const history = await rows<{ order_id: string; events: string[] }>(
      `SELECT order_id, array_agg(event ORDER BY created_at) AS events FROM order_status_changes
       WHERE order_id = ANY($1::uuid[]) GROUP BY order_id`,
      [allIds],
    );
    const historyOf = new Map(history.map((h) => [h.order_id, h.events.join(',')]));
    expect(idsOf(paid).filter((id) => historyOf.get(id) !== 'place,pay')).toEqual([]);
    expect(idsOf(unpaid).filter((id) => historyOf.get(id) !== 'place,expire')).toEqual([]);

    // No payment moved twice to the same status; each paid one succeeded, once.
    expect(
      await rows(
        `SELECT payment_id, to_status, count(*)::int AS n FROM payment_transitions
         GROUP BY payment_id, to_status HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    const paymentsOf = async (list: Placed[]) =>
      rows<{ id: string; status: string; intent: string; moves: string[] }>(
        `SELECT p.id, p.status, p.stripe_payment_intent_id AS intent,
                coalesce(array_agg(t.to_status ORDER BY t.created_at) FILTER (WHERE t.id IS NOT NULL), '{}') AS moves
         FROM payments p LEFT JOIN payment_transitions t ON t.payment_id = p.id
         WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
        [list.map((p) => p.checkout.payment?.paymentId as string)],
      );
    const paidPayments = await paymentsOf(paid);
    expect(paidPayments).toHaveLength(paid.length);
    expect(paidPayments.filter((p) => p.status !== 'succeeded' || p.moves.join() !== 'succeeded')).toEqual(
      [],
    );
    // Every expired order's payment is canceled, at Stripe and here (by the worker after the expiry, or by Stripe's
    // payment_intent.canceled), once.
    const unpaidPayments = await paymentsOf(unpaid);
    expect(unpaidPayments).toHaveLength(unpaid.length);
    expect(
      unpaidPayments.filter(
        (p) =>
          stub.intents.get(p.intent)?.['status'] !== 'canceled' ||
          p.status !== 'canceled' ||
          p.moves.join() !== 'canceled',
      ),
    ).toEqual([]);

    // Stripe's events: stored once each however often they came, all processed, each applied once.
    const events = await rows<{ id: string; outcome: string | null }>(
      `SELECT id, outcome FROM stripe_events`,
    );
    expect(events.map((e) => e.id).sort()).toEqual(
      [...succeededEvents, ...canceledEvents].map((e) => e.id).sort(),
    );
    const outcome = new Map(events.map((e) => [e.id, e.outcome]));
    expect(succeededEvents.filter((e) => outcome.get(e.id) !== 'moved:requires_payment->succeeded')).toEqual(
      [],
    );
    expect(
      canceledEvents.filter(
        (e) => !['moved:requires_payment->canceled', 'ignored:duplicate'].includes(outcome.get(e.id) ?? ''),
      ),
    ).toEqual([]);
    // ... and Stripe saw no second effect: no refund, no intent canceled twice.
    expect(stub.refunds.size).toBe(0);
    // A cancel sent again after the kill (at-least-once delivery) carries the first one's Idempotency-Key: Stripe
    // replays its answer, so each intent has one cancellation however many requests reached it.
    const cancels = stub.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
    expect(cancels.every((r) => typeof r.idempotencyKey === 'string')).toBe(true);
    const keysByIntent = new Map<string, Set<string>>();
    for (const r of cancels)
      keysByIntent.set(r.path, (keysByIntent.get(r.path) ?? new Set()).add(String(r.idempotencyKey)));
    expect([...keysByIntent.values()].filter((keys) => keys.size > 1)).toEqual([]);

    // Stock: the confirmed orders' units are gone, every expired unit came back exactly once.
    const sold = new Map<string, number>();
    for (const p of paid) for (const [product, n] of p.units) sold.set(product, (sold.get(product) ?? 0) + n);
    const stock = await rows<{ id: string; stock: number }>(
      `SELECT id, stock FROM products WHERE id = ANY($1::uuid[])`,
      [[tea, honey]],
    );
    expect(Object.fromEntries(stock.map((s) => [s.id, s.stock]))).toEqual({
      [tea]: STOCK - (sold.get(tea) ?? 0),
      [honey]: STOCK - (sold.get(honey) ?? 0),
    });
    const movements = await rows<{ reference: string; kind: string; n: number; delta: number }>(
      `SELECT reference, kind, count(*)::int AS n, sum(delta)::int AS delta FROM stock_movements
       WHERE reference = ANY($1::text[]) GROUP BY reference, kind`,
      [allIds],
    );
    const movementOf = (orderId: string, kind: string) =>
      movements.find((m) => m.reference === orderId && m.kind === kind) ?? null;
    const wrongMovements = placed.filter((p) => {
      const units = [...p.units.values()].reduce((a, b) => a + b, 0);
      const reserved = movementOf(p.orderId, 'reservation');
      const released = movementOf(p.orderId, 'release');
      const expected = unpaid.includes(p) ? { n: p.units.size, delta: units } : null;
      return (
        reserved?.n !== p.units.size ||
        reserved.delta !== -units ||
        JSON.stringify(released && { n: released.n, delta: released.delta }) !== JSON.stringify(expected)
      );
    });
    expect(wrongMovements.map((p) => p.orderId)).toEqual([]);

    // The outbox: every message delivered (acknowledged), and its delivery job completed, once per message.
    const outbox = await rows<{ id: string; topic: string; delivered: boolean }>(
      `SELECT id, topic, delivered_at IS NOT NULL AS delivered FROM outbox`,
    );
    const perTopic = (topic: string) => outbox.filter((m) => m.topic === topic).length;
    expect({
      placed: perTopic('orders.placed'),
      changed: perTopic('orders.status-changed'),
      paid: perTopic('payments.succeeded'),
      owed: outbox.filter((m) => !m.delivered).length,
    }).toEqual({ placed: allIds.length, changed: allIds.length, paid: paid.length, owed: 0 });
    const jobStates = await Promise.all(outbox.map((m) => queues.queue('outbox').getJobState(m.id)));
    expect(jobStates.filter((s) => s !== 'completed')).toEqual([]);

    // Attribution heard each order once: a confirmed order's placed GMV stands, an expired one's is reversed once.
    const gmv = await rows<{
      id: string;
      status: string;
      total: string;
      placed: string;
      entries: number;
      reversals: number;
    }>(
      `SELECT o.id, o.status, o.total_vnd::text AS total,
              coalesce(sum(e.gmv_vnd) FILTER (WHERE e.kind = 'placed'), 0)::text AS placed,
              count(e.entry_id) FILTER (WHERE e.kind = 'placed' AND e.reversal_of IS NULL)::int AS entries,
              count(e.entry_id) FILTER (WHERE e.reversal_of IS NOT NULL)::int AS reversals
       FROM orders o LEFT JOIN ledger_entries e ON e.order_id = o.id
       WHERE o.id = ANY($1::uuid[]) GROUP BY o.id`,
      [allIds],
    );
    const linesOf = new Map(placed.map((p) => [p.orderId, p.units.size]));
    expect(
      gmv.filter((g) => {
        const lines = linesOf.get(g.id);
        return g.status === 'confirmed'
          ? g.placed !== g.total || g.entries !== lines || g.reversals !== 0
          : g.placed !== '0' || g.entries !== lines || g.reversals !== lines;
      }),
    ).toEqual([]);
  });
});
