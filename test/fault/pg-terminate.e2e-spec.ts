import { Client } from 'pg';
import type { CheckoutResult } from '@ocop/orders';
import { adminDatabaseUrl, checkoutBody, idempotencyKey } from '@ocop/testing';
import { FreshDatabase, freshDatabase } from '../e2e/support/databases';
import { sleep } from '../e2e/support/http';
import { ensureBuilt, Replica, startReplica } from '../e2e/support/replicas';
import { openShop, Shop } from '../e2e/support/shop-data';

// Fault test: every PostgreSQL connection of a real api process is terminated (pg_terminate_backend), again and again,
// while 500 checkouts arrive at once. A request whose connection is cut is placed again once inside its
// Idempotency-Key's lease, or answered 503 TRY_AGAIN with Retry-After; never an opaque 500. Nothing is half-written:
// each key ends with one stored answer, its orders, their lines, their stock movements, their COD payment and their
// `orders.placed` message; and the same key sent again answers the same orders.

const SHOPPERS = 100;
const KEYS_PER_SHOPPER = 5;
const STOCK = 5_000;
/** The key's lease (CHECKOUT_LEASE_SECONDS) plus room: a claim whose answer was lost is taken over after it. */
const SETTLE_MS = 120_000;

jest.setTimeout(420_000);

interface Attempt {
  token: string;
  key: string;
  body: ReturnType<typeof checkoutBody>;
}

interface Answer {
  status: number;
  code?: string;
  retryAfter: string | null;
  body: unknown;
}

describe("the api's PostgreSQL connections are terminated during 500 concurrent checkouts", () => {
  let db: FreshDatabase;
  let shop: Shop;
  let api: Replica;
  let admin: Client;

  beforeAll(async () => {
    ensureBuilt();
    db = await freshDatabase('pgterm');
    shop = await openShop(db.url, {
      products: [
        { name: 'Chè Thái Nguyên', stock: STOCK, priceVnd: 120_000 },
        { name: 'Miến dong Bình Liêu', stock: STOCK, priceVnd: 65_000 },
      ],
      shoppers: SHOPPERS,
    });
    api = await startReplica('api', {
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'],
      QUEUE_PREFIX: `${process.env['QUEUE_PREFIX']}-pgterm`,
      JWT_ACCESS_SECRET: process.env['JWT_ACCESS_SECRET'],
      DATABASE_POOL_SIZE: '20',
    });
    admin = new Client({ connectionString: adminDatabaseUrl(), application_name: 'ocop-fault-killer' });
    await admin.connect();
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await admin?.end();
    await db?.drop();
  });

  const rows = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.sql.query(text, params)).rows as T[];

  async function post(attempt: Attempt): Promise<Answer> {
    try {
      const res = await fetch(`${api.url}/api/checkouts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${attempt.token}`,
          'idempotency-key': attempt.key,
        },
        body: JSON.stringify(attempt.body),
        // Long enough for a loaded machine: a request still queued for a connection is not a lost answer.
        signal: AbortSignal.timeout(120_000),
      });
      const body = (await res.json()) as { code?: string };
      return { status: res.status, code: body.code, retryAfter: res.headers.get('retry-after'), body };
    } catch (error) {
      return { status: 0, code: String(error), retryAfter: null, body: null };
    }
  }

  /** Terminates every connection the api holds to its database; how many it cut. */
  async function terminateApiConnections(): Promise<number> {
    const result = await admin.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n
       FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'ocop-%' AND pid <> pg_backend_pid()`,
      [db.name],
    );
    return result.rows[0]?.n ?? 0;
  }

  it('answers no 500, writes nothing by halves, and the same keys give the same orders', async () => {
    const [tea, noodles] = shop.products as [Shop['products'][number], Shop['products'][number]];
    const attempts: Attempt[] = shop.shoppers.flatMap((s, i) =>
      Array.from({ length: KEYS_PER_SHOPPER }, (_, k) => ({
        token: s.accessToken,
        key: idempotencyKey(),
        // One or two lines (one farmer: one order per checkout), 1 to 3 units each.
        body: checkoutBody(
          (i + k) % 3 === 0
            ? [
                { productId: tea.id, quantity: 1 + (k % 3) },
                { productId: noodles.id, quantity: 1 },
              ]
            : [{ productId: (i + k) % 2 === 0 ? tea.id : noodles.id, quantity: 1 + (i % 3) }],
        ),
      })),
    );
    expect(attempts).toHaveLength(SHOPPERS * KEYS_PER_SHOPPER);
    // Warm the api's pool, so that the first terminations meet open connections.
    await Promise.all(attempts.slice(0, 20).map(() => fetch(`${api.url}/health`)));

    let killing = true;
    let terminated = 0;
    let rounds = 0;
    // Every connection of the api, cut every half second while the burst lasts (the first cut 300 ms in).
    const killer = (async () => {
      await sleep(300);
      while (killing) {
        terminated += await terminateApiConnections();
        rounds += 1;
        await sleep(500);
      }
    })();
    const first = await Promise.all(attempts.map((a) => post(a)));
    killing = false;
    await killer;

    const statuses = new Map<string, number>();
    for (const a of first) {
      const label = `${a.status} ${a.code ?? ''}`.trim();
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
    }
    const summary = Object.fromEntries(statuses);
    process.stdout.write(
      `first answers under termination: ${JSON.stringify(summary)}; ${terminated} connections cut in ${rounds} rounds\n`,
    );
    const opaque = first.filter((a) => a.status === 500);
    if (opaque.length > 0)
      throw new Error(`${opaque.length} answers of 500; the api logged:\n${api.output()}`);
    // The connections really were cut, again and again, while the checkouts ran.
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(terminated).toBeGreaterThan(10);
    // No opaque 500, and no answer lost: placed, in progress elsewhere (409), or "try again" with Retry-After.
    for (const a of first) {
      expect([201, 409, 503]).toContain(a.status);
      if (a.status === 409) expect(a.code).toBe('IDEMPOTENT_REQUEST_IN_PROGRESS');
      if (a.status === 503) {
        expect(a.code).toBe('TRY_AGAIN');
        expect(a.retryAfter).toBe('1');
      }
    }
    expect(summary['201'] ?? 0).toBeGreaterThan(0);

    // Everyone sends the same request again (same key) until it is answered: each key gets its orders, the same
    // ones as any earlier 201 said.
    const settled = new Map<string, CheckoutResult>();
    const deadline = Date.now() + SETTLE_MS;
    let pending = attempts;
    while (pending.length > 0 && Date.now() < deadline) {
      const answers = await Promise.all(pending.map((a) => post(a)));
      pending = pending.filter((a, i) => {
        const answer = answers[i] as Answer;
        if (answer.status === 201) settled.set(a.key, answer.body as CheckoutResult);
        else expect([409, 503]).toContain(answer.status);
        return answer.status !== 201;
      });
      if (pending.length > 0) await sleep(1000);
    }
    expect(pending).toHaveLength(0);
    attempts.forEach((a, i) => {
      const earlier = first[i] as Answer;
      if (earlier.status !== 201) return;
      const was = earlier.body as CheckoutResult;
      const now = settled.get(a.key) as CheckoutResult;
      expect(now.checkoutId).toBe(was.checkoutId);
      expect(now.orders.map((o) => o.id)).toEqual(was.orders.map((o) => o.id));
    });

    // Nothing by halves: one checkout row per key with its stored answer naming exactly its orders; each order with
    // its lines, its COD payment and its orders.placed message; the stock ledger and the products agree with the lines.
    const checkouts = await rows<{ key: string; id: string; answered: string[] | null; placed: string[] }>(
      `SELECT c.idempotency_key AS key, c.id,
              (SELECT array_agg(o->>'id' ORDER BY o->>'id') FROM jsonb_array_elements(c.result->'result'->'orders') o) AS answered,
              coalesce((SELECT array_agg(o.id::text ORDER BY o.id::text) FROM orders o WHERE o.checkout_id = c.id), '{}') AS placed
       FROM checkouts c`,
    );
    expect(checkouts).toHaveLength(attempts.length);
    for (const c of checkouts) {
      expect(c.placed).toHaveLength(1);
      expect(c.answered).toEqual(c.placed);
      const answer = settled.get(c.key);
      expect(answer?.checkoutId).toBe(c.id);
      expect(answer?.orders.map((o) => o.id)).toEqual(c.placed);
    }
    const [halves] = await rows<{
      orders: number;
      without_lines: number;
      without_payment: number;
      placed_messages: number;
      orphan_messages: number;
    }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders,
              (SELECT count(*)::int FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)) AS without_lines,
              (SELECT count(*)::int FROM orders o WHERE o.payment_id IS NULL
                 OR NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = o.payment_id AND p.reference = o.id::text)) AS without_payment,
              (SELECT count(DISTINCT key)::int FROM outbox WHERE topic = 'orders.placed') AS placed_messages,
              (SELECT count(*)::int FROM outbox WHERE topic = 'orders.placed'
                 AND key NOT IN (SELECT id::text FROM orders)) AS orphan_messages`,
    );
    expect(halves).toEqual({
      orders: attempts.length,
      without_lines: 0,
      without_payment: 0,
      placed_messages: attempts.length,
      orphan_messages: 0,
    });
    const [{ messages }] = await rows<{ messages: number }>(
      `SELECT count(*)::int AS messages FROM outbox WHERE topic = 'orders.placed'`,
    );
    expect(messages).toBe(attempts.length);
    const [{ payments }] = await rows<{ payments: number }>(`SELECT count(*)::int AS payments FROM payments`);
    expect(payments).toBe(attempts.length);

    for (const product of [tea, noodles]) {
      const [ledger] = await rows<{
        sold: number;
        reserved: number;
        movements: number;
        reservations: number;
        stock: number;
      }>(
        `SELECT (SELECT coalesce(sum(quantity), 0)::int FROM order_lines WHERE product_id = $1) AS sold,
                (SELECT coalesce(-sum(delta), 0)::int FROM stock_movements WHERE product_id = $1 AND kind = 'reservation') AS reserved,
                (SELECT count(*)::int FROM stock_movements WHERE product_id = $1 AND kind = 'reservation') AS reservations,
                (SELECT count(DISTINCT l.order_id)::int FROM order_lines l WHERE l.product_id = $1) AS movements,
                (SELECT stock FROM products WHERE id = $1) AS stock`,
        [product.id],
      );
      expect(ledger?.reserved).toBe(ledger?.sold);
      expect(ledger?.reservations).toBe(ledger?.movements);
      expect(ledger?.stock).toBe(STOCK - (ledger?.sold ?? 0));
    }
    expect(api.child.exitCode).toBeNull();
  });
});
