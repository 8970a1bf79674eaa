import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxMessage } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { CheckoutService, OrderActionsService, OrdersHttpModule, OrderView } from '@ocop/orders';
import {
  adminDatabaseUrl,
  authHeader,
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeStreamer,
  makeUser,
  MadeUser,
  startStripeStub,
  StripeStub,
  TestApp,
  withDatabase,
} from '@ocop/testing';
import { AttributionHttpModule } from '../attribution-http.module';
import { AttributionRecorder } from '../application/attribution-recorder.service';
import { Invariant, ReconciliationReport } from './domain/report';
import { ReconciliationModule } from './reconciliation.module';
import { Reconciliation } from './reconciliation.service';

// The reconciliation against the real PostgreSQL: each invariant is broken by hand (as a lost message or a stray
// edit would leave it), a check-only run reports it and changes nothing, a repairing run puts it right through the
// subscribers' own code, and a second run finds nothing. It checks whole tables, so it runs on a database of its
// own (a clone of the migrated template), not on the one the other test files of this Jest worker share.

/** Clones this run's migrated template into a database for this file; returns its URL and how to drop it. */
async function databaseOfOwn(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const current = new URL(process.env['DATABASE_URL'] ?? '').pathname.slice(1);
  const match = /^(.+)_(w\d+)$/.exec(current);
  if (!match) throw new Error(`DATABASE_URL does not name a Jest worker database (${current})`);
  const name = `${current}_${label}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: adminDatabaseUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(`CREATE DATABASE "${name}" TEMPLATE "${match[1]}_tpl"`);
      break;
    } catch (error) {
      // Another Jest worker may be cloning the template at this moment.
      if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  return {
    url: withDatabase(adminDatabaseUrl(), name),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

const STRIPE = { STRIPE_SECRET_KEY: 'sk_test_ocop_reconcile', STRIPE_WEBHOOK_SECRET: 'whsec_ocop_reconcile' };

interface Figures {
  placed_orders: string;
  placed_items: string;
  placed_gmv_vnd: string;
  settled_orders: string;
  settled_items: string;
  settled_gmv_vnd: string;
}

describe('reconciliation: every sale credited, roll-ups, orders and payments, stock', () => {
  let stub: StripeStub;
  let t: TestApp;
  let reconciliation: Reconciliation;
  let streamer: MadeUser;
  let branchId: string;
  let referralCode: string;
  let products: ProductView[];
  let buyer: MadeUser;
  let db: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    stub = await startStripeStub({ webhookSecret: STRIPE.STRIPE_WEBHOOK_SECRET });
    db = await databaseOfOwn('reconcile');
    t = await createTestApp({
      imports: [
        AttributionHttpModule,
        OrdersHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        ReconciliationModule,
      ],
      config: { ...STRIPE, STRIPE_API_URL: stub.url, DATABASE_URL: db.url },
    });
    reconciliation = t.app.get(Reconciliation);
    const tree = await makeBranchTree(t);
    branchId = tree.communeB2.id;
    streamer = await makeStreamer(t, branchId);
    referralCode = (
      (await t.http().get('/api/me/referral-code').set(authHeader(streamer.accessToken)).expect(200))
        .body as {
        code: string;
      }
    ).code;
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeB1.id });
    products = [
      await makeActiveProduct(t, { farmer, admin, priceVnd: 120_000, stock: 50 }),
      await makeActiveProduct(t, { farmer, admin, priceVnd: 65_000, stock: 50 }),
    ];
    buyer = await makeUser(t);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await stub?.close();
    await db?.drop();
  });

  async function buy(paymentMethod: 'cod' | 'card', quantity = 2): Promise<OrderView> {
    const result = await t.app.get(CheckoutService).checkout(buyer.id, `rec-${randomUUID()}`, {
      lines: [
        { productId: (products[0] as ProductView).id, quantity },
        { productId: (products[1] as ProductView).id, quantity: 1 },
      ],
      address: {
        recipientName: 'Trần Văn Minh',
        phone: '0987654321',
        province: 'ha-noi',
        ward: 'Phường Cửa Nam',
        street: 'Số 5 Tràng Thi',
      },
      paymentMethod,
      referralCode,
    });
    expect(result.orders).toHaveLength(1);
    return result.orders[0] as OrderView;
  }

  async function messagesOf(orderId: string, topic: string): Promise<OutboxMessage<'orders.placed'>[]> {
    return (await t.db.query(
      `SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox WHERE key = $1 AND topic = $2`,
      [orderId, topic],
    )) as OutboxMessage<'orders.placed'>[];
  }

  /** Delivers an order's placement as the worker would: the subscriber's code, then the acknowledgement. */
  async function credit(order: OrderView): Promise<void> {
    for (const m of await messagesOf(order.id, 'orders.placed')) {
      await t.app.get(AttributionRecorder).recordPlaced(m.payload);
    }
    await acknowledge(order.id);
  }

  /** Marks every message of the order delivered, as the outbox did for the jobs Redis then lost. */
  async function acknowledge(orderId: string): Promise<void> {
    await t.db.query(
      `UPDATE outbox SET dispatched_at = now(), delivered_at = now(), hand_outs = 1 WHERE key = $1`,
      [orderId],
    );
  }

  async function totals(table: 'branch' | 'streamer'): Promise<Figures> {
    const sql =
      table === 'branch'
        ? `FROM branch_day_totals WHERE branch_id = $1 AND scope = 'own'`
        : `FROM streamer_day_totals WHERE host_user_id = $1`;
    const [row] = (await t.db.query(
      `SELECT coalesce(sum(placed_orders), 0)::text AS placed_orders, coalesce(sum(placed_items), 0)::text AS placed_items,
              coalesce(sum(placed_gmv_vnd), 0)::text AS placed_gmv_vnd, coalesce(sum(settled_orders), 0)::text AS settled_orders,
              coalesce(sum(settled_items), 0)::text AS settled_items, coalesce(sum(settled_gmv_vnd), 0)::text AS settled_gmv_vnd
       ${sql}`,
      [table === 'branch' ? branchId : streamer.id],
    )) as Figures[];
    return row as Figures;
  }

  async function ledgerOf(where: 'branch' | 'streamer'): Promise<Figures> {
    const [row] = (await t.db.query(
      `SELECT coalesce(sum(orders) FILTER (WHERE kind = 'placed'), 0)::text AS placed_orders,
              coalesce(sum(items) FILTER (WHERE kind = 'placed'), 0)::text AS placed_items,
              coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'placed'), 0)::text AS placed_gmv_vnd,
              coalesce(sum(orders) FILTER (WHERE kind = 'settled'), 0)::text AS settled_orders,
              coalesce(sum(items) FILTER (WHERE kind = 'settled'), 0)::text AS settled_items,
              coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'settled'), 0)::text AS settled_gmv_vnd
       FROM ledger_entries WHERE ${where === 'branch' ? 'branch_id' : 'host_user_id'} = $1`,
      [where === 'branch' ? branchId : streamer.id],
    )) as Figures[];
    return row as Figures;
  }

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    ((await t.db.query(sql, params)) as { n: number }[])[0]?.n ?? -1;

  const result = (report: ReconciliationReport, invariant: Invariant) =>
    report.results.find((r) => r.invariant === invariant);

  const foundBy = (report: ReconciliationReport) =>
    Object.fromEntries(report.results.map((r) => [r.invariant, r.found]));

  it('finds each invariant broken by hand, repairs it through the subscribers, and a second run finds nothing', async () => {
    // A: credited, then its attribution records deleted by hand (the ledger entries stay).
    const a = await buy('cod');
    await credit(a);
    // B: its orders.placed message was marked delivered but its job died with Redis: never credited.
    const b = await buy('cod', 3);
    await acknowledge(b.id);
    // C: credited, then cancelled by the shopper; the cancellation's message was lost (no reversal written).
    const c = await buy('cod', 1);
    await credit(c);
    await t.app.get(OrderActionsService).cancelByShopper(buyer.id, c.id);
    await acknowledge(c.id);
    // D: a card order credited whose payment succeeded, while the order stayed pending_payment.
    const d = await buy('card', 1);
    await credit(d);
    expect(d.status).toBe('pending_payment');
    const [payment] = (await t.db.query(`SELECT payment_id AS id FROM orders WHERE id = $1`, [d.id])) as {
      id: string;
    }[];
    await t.db.query(
      `UPDATE payments SET status = 'succeeded', updated_at = now() - interval '1 hour' WHERE id = $1`,
      [payment?.id],
    );
    await acknowledge(d.id);
    // E: a card order credited whose payment's success Stripe reported (the event is stored) but whose
    // payments.stripe-event-received message was lost: neither the payment nor the order moved.
    const e = await buy('card', 2);
    await credit(e);
    const [intent] = (await t.db.query(
      `SELECT p.stripe_payment_intent_id AS id FROM payments p JOIN orders o ON o.payment_id = p.id WHERE o.id = $1`,
      [e.id],
    )) as { id: string }[];
    const event = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(intent?.id as string, 'succeeded'),
      {
        secret: STRIPE.STRIPE_WEBHOOK_SECRET,
      },
    );
    await t.db.query(
      `INSERT INTO stripe_events (id, type, payload) VALUES ($1, 'payment_intent.succeeded', $2::jsonb)`,
      [event.id, event.payload],
    );
    await acknowledge(e.id);

    await t.db.transaction(async (em) => {
      // Attribution history refuses DELETE (a trigger) and the ledger references its records: only a hand that
      // switches both off can do this.
      await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(`DELETE FROM attribution_records WHERE order_id = $1`, [a.id]);
    });
    expect(
      await count(`SELECT count(*)::int AS n FROM attribution_records WHERE order_id = $1`, [a.id]),
    ).toBe(0);
    // A roll-up row off by one, each table.
    await t.db.query(
      `UPDATE branch_day_totals SET placed_orders = placed_orders + 1
       WHERE (branch_id, scope, day) IN (SELECT branch_id, scope, day FROM branch_day_totals
                                         WHERE branch_id = $1 AND scope = 'own' ORDER BY day DESC LIMIT 1)`,
      [branchId],
    );
    await t.db.query(
      `UPDATE streamer_day_totals SET placed_items = placed_items - 1
       WHERE (host_user_id, day) IN (SELECT host_user_id, day FROM streamer_day_totals WHERE host_user_id = $1
                                     ORDER BY day DESC LIMIT 1)`,
      [streamer.id],
    );
    // Stock written around its ledger.
    const product = products[0] as ProductView;
    const [before] = (await t.db.query(`SELECT stock FROM products WHERE id = $1`, [product.id])) as {
      stock: number;
    }[];
    await t.db.query(`UPDATE products SET stock = stock - 3 WHERE id = $1`, [product.id]);

    // A check-only run reports every one of them and changes nothing.
    const checked = await reconciliation.run({ repair: false, graceMs: 0 });
    expect(foundBy(checked)).toEqual({
      'payment-follows-stripe': 1,
      'order-follows-payment': 1,
      'placement-credited': 2,
      'status-change-credited': 1,
      'branch-roll-ups-equal-ledger': expect.any(Number),
      'streamer-roll-ups-equal-ledger': expect.any(Number),
      'stock-equals-ledger': 1,
    });
    expect(checked.repaired).toBe(0);
    expect(result(checked, 'placement-credited')?.examples.sort()).toEqual(
      [`order ${a.id}`, `order ${b.id}`].sort(),
    );
    expect(result(checked, 'status-change-credited')?.examples).toEqual([`order ${c.id}`]);
    expect(result(checked, 'order-follows-payment')?.examples[0]).toContain(d.id);
    expect(result(checked, 'payment-follows-stripe')?.examples).toEqual([`stripe event ${event.id}`]);
    expect(result(checked, 'stock-equals-ledger')?.examples).toEqual([
      `product ${product.id}: stock ${(before?.stock ?? 0) - 3}, ledger ${before?.stock}`,
    ]);
    expect(result(checked, 'branch-roll-ups-equal-ledger')?.found).toBeGreaterThanOrEqual(1);
    expect(result(checked, 'streamer-roll-ups-equal-ledger')?.found).toBeGreaterThanOrEqual(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM attribution_records WHERE order_id = $1`, [b.id]),
    ).toBe(0);

    // The repairing run puts everything right.
    const repaired = await reconciliation.run({ graceMs: 0 });
    expect(repaired.found).toBeGreaterThan(0);
    expect(repaired.results.filter((r) => r.repaired !== r.found)).toEqual([]);

    // A's records are back, B is credited, C's credit reversed, D confirmed, stock back to its ledger.
    expect(
      await count(`SELECT count(*)::int AS n FROM attribution_records WHERE order_id = $1`, [a.id]),
    ).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM attribution_records r JOIN ledger_entries e ON e.entry_id = 'placed:' || r.order_line_id
         WHERE r.order_id = $1 AND r.branch_id = $2`,
        [b.id, branchId],
      ),
    ).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE order_id = $1 AND reason = 'cancelled'`,
        [c.id],
      ),
    ).toBe(2);
    expect(
      await count(`SELECT count(*)::int AS n FROM orders WHERE id = $1 AND status = 'confirmed'`, [d.id]),
    ).toBe(1);
    expect(
      ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [product.id])) as { stock: number }[])[0]
        ?.stock,
    ).toBe(before?.stock);
    // The roll-ups equal the ledger again, and count every live order exactly once: A, B, D, E (C was cancelled).
    expect(await totals('branch')).toEqual(await ledgerOf('branch'));
    expect(await totals('streamer')).toEqual(await ledgerOf('streamer'));
    expect((await totals('branch')).placed_orders).toBe('4');
    expect((await totals('branch')).placed_gmv_vnd).toBe(
      String(a.totalVnd + b.totalVnd + d.totalVnd + e.totalVnd),
    );

    // Nothing left: a second run finds nothing, and neither does a check over all time.
    const again = await reconciliation.run({ graceMs: 0 });
    expect({ found: again.found, results: again.results.filter((r) => r.found > 0) }).toEqual({
      found: 0,
      results: [],
    });
    expect((await reconciliation.run({ repair: false, graceMs: 0, days: null })).found).toBe(0);
  });

  it('a sale still within the grace period is not reported: its message is on its way', async () => {
    const fresh = await buy('cod');
    const report = await reconciliation.run({ repair: false });
    expect(result(report, 'placement-credited')?.examples ?? []).not.toContain(`order ${fresh.id}`);
    expect(report.outbox.owed).toBeGreaterThanOrEqual(1);
    await credit(fresh);
  });
});
