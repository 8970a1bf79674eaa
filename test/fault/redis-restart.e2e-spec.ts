import type { CheckoutResult } from '@ocop/orders';
import { outboxJobId } from '@ocop/queue';
import { checkoutBody, CheckoutBody, idempotencyKey, startStripeStub, StripeStub } from '@ocop/testing';
import { FreshDatabase, freshDatabase } from '../e2e/support/databases';
import { Answer, send, sleep, until } from '../e2e/support/http';
import { probeQueues, QueueProbe } from '../e2e/support/queues';
import { RedisServer, startRedisServer } from '../e2e/support/redis-server';
import { ensureBuilt, Replica, startReplica } from '../e2e/support/replicas';
import { openShop, Shop } from '../e2e/support/shop-data';
import { startWorker, WorkerProcess } from '../e2e/support/workers';

// Fault test: Redis restarts while buyers check out. The api and the worker run as real processes against a
// redis-server of this test's own (never the Redis other Jest workers share), started as docker/compose.yml starts
// it: with an append-only file, so that a restart replays the queues (pending deliveries, delayed expiries,
// schedulers). It is stopped with SIGTERM, as `docker compose restart redis` stops it (the file is flushed), and
// started again 2 s later on the same port and directory. Neither the api nor the worker is restarted.

jest.setTimeout(120_000);

const WEBHOOK_SECRET = 'whsec_ocop_fault_redis';
const BUYERS = 100;
const REQUESTS = 200;
const SPREAD_MS = 2_000;
const OUTAGE_MS = 2_000;
const STOCK = 80;

type CheckoutAnswer = Answer<CheckoutResult & { code?: string }>;

interface Attempt {
  i: number;
  token: string;
  key: string;
  body: CheckoutBody;
  sentAt: number;
  answeredAt: number;
  answer: CheckoutAnswer;
}

const isClean4xx = (a: CheckoutAnswer) => a.status >= 400 && a.status < 500;

describe('Redis restarts in the middle of a checkout burst', () => {
  let db: FreshDatabase;
  let redis: RedisServer;
  let stub: StripeStub;
  let shop: Shop;
  let api: Replica;
  let worker: WorkerProcess;
  let queues: QueueProbe;

  beforeAll(async () => {
    ensureBuilt();
    [db, redis, stub] = await Promise.all([
      freshDatabase('redis_restart'),
      startRedisServer({ appendOnly: true }),
      startStripeStub({ webhookSecret: WEBHOOK_SECRET }),
    ]);
    shop = await openShop(db.url, {
      products: [
        { name: 'Bánh chưng Tranh Khúc', stock: STOCK, priceVnd: 120_000 },
        { name: 'Miến dong Cự Đà', stock: STOCK, priceVnd: 65_000 },
        { name: 'Nón lá làng Chuông', stock: STOCK, priceVnd: 150_000 },
        { name: 'Gốm Bát Tràng men lam', stock: STOCK, priceVnd: 450_000 },
        { name: 'Chè búp Ba Vì', stock: STOCK, priceVnd: 90_000 },
      ],
      shoppers: BUYERS + 1,
    });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'ocop',
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      STRIPE_SECRET_KEY: 'sk_test_ocop_fault_redis',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stub.url,
      LOG_LEVEL: 'warn',
    };
    [api, worker] = await Promise.all([startReplica('api', env), startWorker('worker', env)]);
    queues = probeQueues(redis.url, 'ocop');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await queues?.close();
    await redis?.close();
    await stub?.close();
    await db?.drop();
  });

  const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.sql.query(text, params)).rows as T[];

  const checkout = (a: Pick<Attempt, 'token' | 'key' | 'body'>) =>
    send<CheckoutResult & { code?: string }>(api.url, 'POST', '/api/checkouts', {
      token: a.token,
      headers: { 'Idempotency-Key': a.key },
      body: a.body,
      timeoutMs: 20_000,
    });

  it('keeps every answered order, exact stock and idempotent retries; api and worker recover by themselves', async () => {
    const productIds = shop.products.map((p) => p.id);
    const buyers = shop.shoppers.slice(0, BUYERS);
    const latecomer = shop.shoppers[BUYERS] as Shop['shoppers'][number];
    const started = Date.now();
    const now = () => Date.now() - started;

    // 200 checkouts from 100 buyers over 2 seconds, each for 1 to 3 units of one product (every fourth adds a
    // second product); cash on delivery, every fifth by card (which also schedules its expiry job in Redis).
    const burst: Promise<Attempt>[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const first = productIds[i % productIds.length] as string;
      const second = productIds[(i + 2) % productIds.length] as string;
      const attempt = {
        i,
        token: (buyers[i % BUYERS] as Shop['shoppers'][number]).accessToken,
        key: idempotencyKey(),
        body: checkoutBody(
          [{ productId: first, quantity: (i % 3) + 1 }, ...(i % 4 === 0 ? [{ productId: second }] : [])],
          { paymentMethod: i % 5 === 4 ? 'card' : 'cod' },
        ),
      };
      burst.push(
        (async () => {
          await sleep((i * SPREAD_MS) / REQUESTS);
          const sentAt = now();
          const answer = await checkout(attempt);
          return { ...attempt, sentAt, answeredAt: now(), answer };
        })(),
      );
    }

    // A third of the way in, Redis stops; it is started again 2 s later.
    await sleep(SPREAD_MS / 3);
    const downAt = now();
    await redis.kill('SIGTERM');
    // The health check gives each of its pings 2 s; the api answers within them plus the burst's own queue.
    const healthWhileDown = await send(api.url, 'GET', '/health', { timeoutMs: 10_000 });
    await sleep(Math.max(0, OUTAGE_MS - (now() - downAt)));
    await redis.start();
    const upAt = now();
    // The api finds Redis again by itself.
    await until(
      'the api to report itself healthy again',
      async () => (await send(api.url, 'GET', '/health', { timeoutMs: 2_000 })).status === 200,
      20_000,
    );
    const healthyAt = now();
    expect(healthWhileDown.status).toBeGreaterThanOrEqual(500);

    const attempts = await Promise.all(burst);
    const outcome = (a: Attempt) =>
      `${a.i} ${a.body.paymentMethod} ${a.answer.status}${a.answer.body?.code ? ` ${a.answer.body.code}` : ''}${
        a.answer.error ? ` ${a.answer.error}` : ''
      } sent ${a.sentAt} answered ${a.answeredAt}`;
    const timeline = `Redis down at ${downAt} ms, up at ${upAt} ms, api healthy at ${healthyAt} ms`;

    // Every answer is an order or a clean refusal; a failure (5xx, no answer) only for a request that was in flight
    // while Redis was away.
    const failed = attempts.filter((a) => a.answer.status !== 201 && !isClean4xx(a.answer));
    expect({
      timeline,
      outsideOutage: failed.filter((a) => a.answeredAt < downAt || a.sentAt > healthyAt).map(outcome),
    }).toEqual({
      timeline,
      outsideOutage: [],
    });
    const refusals = attempts.filter((a) => isClean4xx(a.answer));
    expect(refusals.filter((a) => a.answer.body?.code !== 'SOLD_OUT').map(outcome)).toEqual([]);

    // Every request again with its own Idempotency-Key, now that Redis is back: an order placed answers 201 with
    // the same orders, a refusal the same refusal, and a request that failed either its order or a clean 4xx.
    const retries = await Promise.all(attempts.map((a) => checkout(a)));
    const final = new Map<string, CheckoutAnswer>();
    attempts.forEach((a, n) => {
      const retry = retries[n] as CheckoutAnswer;
      if (a.answer.status === 201) {
        expect({ i: a.i, status: retry.status, orders: retry.body.orders?.map((o) => o.id) }).toEqual({
          i: a.i,
          status: 201,
          orders: a.answer.body.orders.map((o) => o.id),
        });
      } else if (isClean4xx(a.answer)) {
        expect({ i: a.i, status: retry.status, code: retry.body?.code }).toEqual({
          i: a.i,
          status: a.answer.status,
          code: a.answer.body?.code,
        });
      } else {
        expect({ i: a.i, status: retry.status === 201 || isClean4xx(retry) }).toEqual({
          i: a.i,
          status: true,
        });
      }
      final.set(a.key, a.answer.status === 201 || isClean4xx(a.answer) ? a.answer : retry);
    });

    // PostgreSQL holds exactly the orders the buyers were told about (or learn of by retrying), with their lines.
    const stored = await rows<{ key: string; order_id: string; lines: string[] }>(
      `SELECT c.idempotency_key AS key, o.id AS order_id,
              array_agg(l.product_id || 'x' || l.quantity ORDER BY l.product_id) AS lines
       FROM orders o JOIN checkouts c ON c.id = o.checkout_id JOIN order_lines l ON l.order_id = o.id
       GROUP BY c.idempotency_key, o.id`,
    );
    const storedByKey = new Map<string, string[]>();
    for (const s of stored)
      storedByKey.set(
        s.key,
        [...(storedByKey.get(s.key) ?? []), `${s.order_id}:${s.lines.join(',')}`].sort(),
      );
    const told = new Map<string, string[]>();
    for (const [key, answer] of final) {
      if (answer.status !== 201) continue;
      told.set(
        key,
        answer.body.orders
          .map(
            (o) =>
              `${o.id}:${o.lines
                .map((l) => `${l.productId}x${l.quantity}`)
                .sort()
                .join(',')}`,
          )
          .sort(),
      );
    }
    expect(Object.fromEntries(storedByKey)).toEqual(Object.fromEntries(told));
    expect(told.size).toBeGreaterThan(0);

    // Stock is exact: what is left plus what was ordered is what there was, never below zero.
    const stock = await rows<{ id: string; stock: number; ordered: number; reserved: number }>(
      `SELECT p.id, p.stock,
              coalesce((SELECT sum(l.quantity) FROM order_lines l WHERE l.product_id = p.id), 0)::int AS ordered,
              coalesce((SELECT -sum(m.delta) FROM stock_movements m WHERE m.product_id = p.id AND m.kind = 'reservation'), 0)::int AS reserved
       FROM products p WHERE p.id = ANY($1::uuid[])`,
      [productIds],
    );
    expect(
      stock.filter((s) => s.stock < 0 || s.stock + s.ordered !== STOCK || s.reserved !== s.ordered),
    ).toEqual([]);

    // Every card order's expiry job is in Redis (scheduled during or after the outage, kept by the restart).
    const cardOrders = await rows<{ id: string }>(`SELECT id FROM orders WHERE payment_method = 'card'`);
    const expiryJobs = await Promise.all(
      cardOrders.map(
        async (o) => (await queues.queue('orders').getJob(`expire-${o.id}`))?.id ?? `missing ${o.id}`,
      ),
    );
    expect(expiryJobs.filter((id) => id.startsWith('missing'))).toEqual([]);

    // The worker resumed by itself: a new order placed now is announced through the outbox and reaches attribution.
    const after = await checkout({
      token: latecomer.accessToken,
      key: idempotencyKey(),
      body: checkoutBody([{ productId: productIds[0] as string }, { productId: productIds[1] as string }]),
    });
    expect(isClean4xx(after) || after.status === 201).toBe(true);
    const newOrders = after.status === 201 ? after.body.orders.map((o) => o.id) : [];
    // Every orders.placed message (the burst's, sent across the restart, and the new one) was delivered once.
    const allOrders = (await rows<{ id: string }>(`SELECT id FROM orders`)).map((o) => o.id);
    expect(allOrders).toEqual(expect.arrayContaining(newOrders));
    const undelivered = async () =>
      rows<{ id: string }>(
        `SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM attribution_records r WHERE r.order_id = o.id)
         UNION ALL SELECT id FROM outbox WHERE delivered_at IS NULL`,
      );
    // A relay job that was active when Redis went away is handed out again once its lock lapses (WORKER_OPTIONS:
    // 15 s lock, stalled check every 5 s), so the slowest message can take about 25 s after Redis is back.
    await until(
      'every order to reach attribution through the worker',
      async () => (await undelivered()).length === 0,
      45_000,
      async () =>
        JSON.stringify({
          undelivered: await undelivered(),
          queues: await queues.counts(),
          worker: worker.output().slice(-3000),
        }),
    );
    const [recorded] = await rows<{ lines: number; records: number }>(
      `SELECT (SELECT count(*)::int FROM order_lines) AS lines, (SELECT count(*)::int FROM attribution_records) AS records`,
    );
    expect(recorded?.records).toBe(recorded?.lines);
    const outbox = await rows<{ id: string; hand_outs: number }>(
      `SELECT id, hand_outs FROM outbox WHERE topic = 'orders.placed'`,
    );
    expect(outbox).toHaveLength(allOrders.length);
    // The job of each message's latest hand-out (the append-only file can lose the last second of jobs: those
    // messages were handed out again).
    const states = await Promise.all(
      outbox.map((m) => queues.queue('outbox').getJobState(outboxJobId({ id: m.id, handOut: m.hand_outs }))),
    );
    expect(states.filter((s) => s !== 'completed')).toEqual([]);
    expect((await queues.counts()).outbox['failed']).toBe(0);

    // Neither process was restarted.
    expect({
      api: api.child.exitCode ?? api.child.signalCode,
      worker: worker.child.exitCode ?? worker.child.signalCode,
    }).toEqual({
      api: null,
      worker: null,
    });
  });
});
