import net from 'node:net';
import type { CheckoutResult } from '@ocop/orders';
import { checkoutBody, idempotencyKey, startStripeStub, StripeStub } from '@ocop/testing';
import { FreshDatabase, freshDatabase } from '../e2e/support/databases';
import { Answer, send, sleep, until } from '../e2e/support/http';
import { pingRedis, RedisServer, startRedisServer } from '../e2e/support/redis-server';
import { ensureBuilt, Replica, startReplica } from '../e2e/support/replicas';
import { openShop, Shop } from '../e2e/support/shop-data';
import { startWorker, WorkerProcess } from '../e2e/support/workers';

// Fault test: Redis loses everything in the middle of a burst of cash-on-delivery checkouts. The api and the worker
// run as real processes against a redis-server of this test's own WITHOUT an append-only file; a third of the way
// through 1,200 checkouts (100 in flight at any time) it is told `SHUTDOWN NOSAVE` (every queued outbox job dies
// with it) and started again, empty, 5 s later on the same port. Every order the buyers were told about (201) must
// then be credited to the streamer's branch (attribution record and placed ledger entry per line, the day roll-ups
// equal to the ledger) within 60 s, once. The last line it prints gives the figures:
// `npm run build && npx jest test/fault/redis-lost.e2e-spec.ts`.

jest.setTimeout(300_000);

const WEBHOOK_SECRET = 'whsec_ocop_fault_redis_lost';
const BUYERS = 300;
const REQUESTS = 1_200;
const CONCURRENCY = 100;
const OUTAGE_MS = 5_000;
const CREDIT_WITHIN_MS = 60_000;

type CheckoutAnswer = Answer<CheckoutResult & { code?: string }>;

/** Sends `SHUTDOWN NOSAVE` over a raw socket: the server exits at once, writing nothing to disk. */
function shutdownNoSave(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('connect', () => socket.write('SHUTDOWN NOSAVE\r\n'));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

describe('Redis loses its data (SHUTDOWN NOSAVE, no append-only file) during 1,200 COD checkouts', () => {
  let db: FreshDatabase;
  let redis: RedisServer;
  let stub: StripeStub;
  let shop: Shop;
  let api: Replica;
  let worker: WorkerProcess;

  beforeAll(async () => {
    ensureBuilt();
    [db, redis, stub] = await Promise.all([
      freshDatabase('redis_lost'),
      startRedisServer({ appendOnly: false }),
      startStripeStub({ webhookSecret: WEBHOOK_SECRET }),
    ]);
    shop = await openShop(db.url, {
      products: [
        { name: 'Mật ong bạc hà Mèo Vạc', stock: 100_000, priceVnd: 180_000 },
        { name: 'Chè Shan tuyết Hà Giang', stock: 100_000, priceVnd: 95_000 },
        { name: 'Cam sành Hàm Yên', stock: 100_000, priceVnd: 40_000 },
      ],
      shoppers: BUYERS,
      streamer: true,
    });
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'ocop',
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      STRIPE_SECRET_KEY: 'sk_test_ocop_fault_redis_lost',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: stub.url,
      LOG_LEVEL: 'warn',
    };
    [api, worker] = await Promise.all([startReplica('api', env), startWorker('worker', env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.close();
    await stub?.close();
    await db?.drop();
  });

  const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.sql.query(text, params)).rows as T[];

  it('credits every order answered 201 within 60 s of Redis coming back, and nothing twice', async () => {
    const streamer = shop.streamer as NonNullable<Shop['streamer']>;
    const productIds = shop.products.map((p) => p.id);
    const started = Date.now();
    const now = () => Date.now() - started;

    // 1,200 checkouts, CONCURRENCY at a time: a client pool keeps the api busy without drowning this machine.
    const answers: CheckoutAnswer[] = new Array<CheckoutAnswer>(REQUESTS);
    let next = 0;
    let answered = 0;
    const runner = async (): Promise<void> => {
      while (next < REQUESTS) {
        const i = next++;
        const body = checkoutBody(
          [
            { productId: productIds[i % productIds.length] as string, quantity: (i % 3) + 1 },
            ...(i % 4 === 0 ? [{ productId: productIds[(i + 1) % productIds.length] as string }] : []),
          ],
          { paymentMethod: 'cod', referralCode: streamer.referralCode },
        );
        answers[i] = await send<CheckoutResult & { code?: string }>(api.url, 'POST', '/api/checkouts', {
          token: (shop.shoppers[i % BUYERS] as Shop['shoppers'][number]).accessToken,
          headers: { 'Idempotency-Key': idempotencyKey() },
          body,
          timeoutMs: 60_000,
        });
        answered++;
      }
    };
    const burst = Promise.all(Array.from({ length: CONCURRENCY }, runner));

    // A third of the way through, Redis exits without saving; it comes back empty 5 s later.
    await until(
      'a third of the checkouts to be answered',
      () => answered >= REQUESTS / 3,
      120_000,
      undefined,
      10,
    );
    const downAt = now();
    await shutdownNoSave(redis.port);
    await until('redis-server to exit', () => redis.child() === null, 10_000);
    expect(await pingRedis(redis.port)).toBe(false);
    await sleep(Math.max(0, OUTAGE_MS - (now() - downAt)));
    const answeredWhileDown = answered;
    await redis.start();
    const upAt = now();

    await burst;
    const answeredAt = now();
    const placed = answers.filter((a) => a.status === 201);
    const orderIds = placed.flatMap((a) => a.body.orders.map((o) => o.id));
    const statuses: Record<string, number> = {};
    for (const a of answers) {
      const label = `${a.status}${a.body?.code ? ` ${a.body.code}` : ''}${a.error ? ` ${a.error}` : ''}`;
      statuses[label] = (statuses[label] ?? 0) + 1;
    }
    // Most checkouts succeed; one in flight while Redis was away may fail (it is not told it succeeded, and a retry
    // with its Idempotency-Key answers with its order if it committed). Never a wrong order (checked below).
    expect({
      statuses,
      enough: placed.length >= REQUESTS / 2,
      api: api.child.exitCode ?? api.child.signalCode,
    }).toEqual({ statuses, enough: true, api: null });
    const uncredited = async () =>
      rows<{ id: string }>(
        `SELECT DISTINCT l.order_id AS id FROM order_lines l
         WHERE l.order_id = ANY($1::uuid[])
           AND (NOT EXISTS (SELECT 1 FROM attribution_records r WHERE r.order_line_id = l.id)
             OR NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.entry_id = 'placed:' || l.id))`,
        [orderIds],
      );
    const waited = await until(
      'every order answered 201 to be credited',
      async () => (await uncredited()).length === 0,
      CREDIT_WITHIN_MS,
      async () =>
        JSON.stringify({ uncredited: (await uncredited()).length, worker: worker.output().slice(-3000) }),
      200,
    );
    const creditedAt = now();

    // Nothing twice: one record and one placed entry per line of every order in the database (those answered 201
    // among them), no reversal, and the roll-ups of the streamer's branch and of the streamer equal to the ledger
    // and to the orders themselves.
    const [figures] = await rows<{
      orders: number;
      lines: number;
      items: number;
      gmv: string;
      records: number;
      entries: number;
      reversals: number;
    }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders,
              (SELECT count(*)::int FROM order_lines) AS lines,
              (SELECT coalesce(sum(quantity), 0)::int FROM order_lines) AS items,
              (SELECT coalesce(sum(total_vnd), 0)::text FROM orders) AS gmv,
              (SELECT count(*)::int FROM attribution_records) AS records,
              (SELECT count(*)::int FROM ledger_entries WHERE kind = 'placed' AND reversal_of IS NULL) AS entries,
              (SELECT count(*)::int FROM ledger_entries WHERE reversal_of IS NOT NULL) AS reversals`,
    );
    expect(figures).toBeDefined();
    const f = figures as NonNullable<typeof figures>;
    expect(new Set(orderIds).size).toBe(orderIds.length);
    expect(f.orders).toBeGreaterThanOrEqual(orderIds.length);
    expect({ records: f.records, entries: f.entries, reversals: f.reversals }).toEqual({
      records: f.lines,
      entries: f.lines,
      reversals: 0,
    });
    const [credited] = await rows<{ n: number; branch_id: string | null }>(
      `SELECT count(DISTINCT branch_id)::int AS n, min(branch_id::text) AS branch_id FROM attribution_records`,
    );
    expect(credited).toEqual({ n: 1, branch_id: streamer.branchId });
    const own = await rows<{ orders: string; items: string; gmv: string }>(
      `SELECT sum(placed_orders)::text AS orders, sum(placed_items)::text AS items, sum(placed_gmv_vnd)::text AS gmv
       FROM branch_day_totals WHERE branch_id = $1 AND scope = 'own'`,
      [streamer.branchId],
    );
    const byStreamer = await rows<{ orders: string; items: string; gmv: string }>(
      `SELECT sum(placed_orders)::text AS orders, sum(placed_items)::text AS items, sum(placed_gmv_vnd)::text AS gmv
       FROM streamer_day_totals WHERE host_user_id = $1`,
      [streamer.id],
    );
    const expected = { orders: String(f.orders), items: String(f.items), gmv: f.gmv };
    expect({ own: own[0], streamer: byStreamer[0] }).toEqual({ own: expected, streamer: expected });

    // Every message delivered and acknowledged; those whose job died with Redis were handed out again.
    const [outbox] = await rows<{ owed: number; again: number }>(
      `SELECT count(*) FILTER (WHERE delivered_at IS NULL)::int AS owed,
              count(*) FILTER (WHERE hand_outs > 1)::int AS again
       FROM outbox WHERE topic = 'orders.placed'`,
    );
    await until(
      'every orders.placed message to be acknowledged',
      async () =>
        (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL`))[0]
          ?.n === 0,
      30_000,
    );

    // The figures of the run, on one line.
    process.stdout.write(
      `${JSON.stringify({
        test: 'redis-lost',
        checkouts: REQUESTS,
        answered201: placed.length,
        statuses,
        orders: orderIds.length,
        credited: orderIds.length - (await uncredited()).length,
        redisDownAtMs: downAt,
        redisUpAtMs: upAt,
        answeredBeforeRedisUp: answeredWhileDown,
        lastAnswerAtMs: answeredAt,
        msFromRedisUpToFullCredit: Math.max(0, creditedAt - upAt),
        msFromLastAnswerToFullCredit: Math.max(0, creditedAt - answeredAt),
        waitedMs: waited,
        messagesHandedOutAgain: outbox?.again ?? 0,
        owedWhenCredited: outbox?.owed ?? 0,
      })}\n`,
    );
    expect(creditedAt - upAt).toBeLessThanOrEqual(CREDIT_WITHIN_MS);
    expect({
      api: api.child.exitCode ?? api.child.signalCode,
      worker: worker.child.exitCode ?? worker.child.signalCode,
    }).toEqual({ api: null, worker: null });
  });
});
