import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxSubscribers, OutboxTopic } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import { OrderLifecycleService, OrdersHttpModule } from '@ocop/orders';
import { PaymentsHttpModule } from '@ocop/payments';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  PAYOS_TEST_KEYS,
  PayosStub,
  placeCheckout,
  startPayosStub,
  startStripeStub,
  StripeStub,
  TestApp,
} from '@ocop/testing';
import { SettlementService } from './application/settlement.service';
import { SettlementHttpModule } from './settlement-http.module';

const WEBHOOK_SECRET = 'whsec_ocop_settlement';
const FEE_BPS = 250;

/** A small seeded generator (mulberry32): the same seed replays the same sequence. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface PlacedOrder {
  id: string;
  checkoutId: string;
  producer: Farmer;
  buyer: MadeUser;
  method: 'cod' | 'card';
  totalVnd: number;
}

describe('settlement: refunds recorded by hand, payouts, balances and who sees them', () => {
  let stub: StripeStub;
  let payos: PayosStub;
  let t: TestApp;
  let cityAdmin: MadeUser;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let buyer: MadeUser;
  const handled = new Set<string>();

  beforeAll(async () => {
    stub = await startStripeStub({ webhookSecret: WEBHOOK_SECRET });
    payos = await startPayosStub();
    t = await createTestApp({
      imports: [
        SettlementHttpModule,
        OrdersHttpModule,
        PaymentsHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
      config: {
        STRIPE_SECRET_KEY: 'sk_test_ocop_settlement',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: stub.url,
        SETTLEMENT_FEE_BPS: FEE_BPS,
        DATABASE_POOL_SIZE: 30,
        ...PAYOS_TEST_KEYS,
        PAYOS_API_URL: payos.url,
      },
    });
    const tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    adminA = await makeAdmin(t, tree.districtA.id);
    adminB = await makeAdmin(t, tree.districtB.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await stub?.close();
    await payos?.close();
  });

  const product = (owner: Farmer, priceVnd: number): Promise<ProductView> =>
    makeActiveProduct(t, { farmer: owner, admin: cityAdmin, stock: 500, priceVnd });
  const farmerPost = (owner: MadeUser, orderId: string, action: string, body: object = {}) =>
    t.http().post(`/api/farmer/orders/${orderId}/${action}`).set(authHeader(owner.accessToken)).send(body);

  /**
   * Delivers every outbox message not delivered yet to its subscribers, as the worker's relay does, each twice (a
   * delivery is at least once), until none is left.
   */
  const relayAll = async () => {
    for (;;) {
      const rows = (await t.db.query(
        `SELECT id, topic, key, payload, created_at FROM outbox WHERE NOT (id::text = ANY($1::text[]))
          ORDER BY created_at, id`,
        [[...handled]],
      )) as { id: string; topic: OutboxTopic; key: string; payload: never; created_at: Date }[];
      if (rows.length === 0) return;
      for (const row of rows) {
        handled.add(row.id);
        for (const s of t.app.get(OutboxSubscribers).of(row.topic)) {
          for (let i = 0; i < 2; i++) {
            await s.handle({
              id: row.id,
              topic: row.topic,
              key: row.key,
              payload: row.payload,
              createdAt: row.created_at,
            });
          }
        }
      }
    }
  };

  const place = async (owner: Farmer, p: ProductView, method: 'cod' | 'card', quantity = 1) => {
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity }], { paymentMethod: method }),
    );
    const order = placed.orders[0] as { id: string; totalVnd: number };
    return {
      id: order.id,
      checkoutId: placed.checkoutId,
      producer: owner,
      buyer,
      method,
      totalVnd: order.totalVnd,
    } satisfies PlacedOrder;
  };

  /** The buyer pays a card order: Stripe moves the intent and calls the webhook; the relay does the rest. */
  const pay = async (order: PlacedOrder) => {
    const intent = [...stub.intents.values()].find(
      (i) => (i.metadata as { reference: string }).reference === order.checkoutId,
    );
    const paid = stub.setIntentStatus(intent?.id as string, 'succeeded');
    const event = stub.webhookEvent('payment_intent.succeeded', paid);
    const res = await t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Stripe-Signature', event.header)
      .set('Content-Type', 'application/json')
      .send(event.payload);
    expect(res.status).toBe(200);
    await relayAll();
  };

  const statusOf = async (orderId: string) =>
    ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])) as { status: string }[])[0]
      ?.status;
  const ledgerOf = async (owner: MadeUser) =>
    (await t.http().get('/api/farmer/settlement').set(authHeader(owner.accessToken))).body as {
      balance: {
        balanceVnd: number;
        salesVnd: number;
        refundsVnd: number;
        feesVnd: number;
        payoutsVnd: number;
      };
      entries: { items: { kind: string; amountVnd: number }[]; total: number };
    };
  const payout = (admin: MadeUser, owner: Farmer, amountVnd: number, reference: string) =>
    t
      .http()
      .post(`/api/admin/settlement/producers/${owner.producer.id}/payouts`)
      .set(authHeader(admin.accessToken))
      .send({ amountVnd, reference });

  it('VietQR from checkout to payout: a transfer pays, the order is delivered, another paid order is cancelled and refunded by hand, the farmer is paid out', async () => {
    const start = (await ledgerOf(farmerA)).balance;
    const p = await product(farmerA, 150_000);
    const viaTransfer = async () => {
      const placed = await placeCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
      );
      const order = placed.orders[0] as { id: string; totalVnd: number };
      expect(placed.vietqr?.amountVnd).toBe(order.totalVnd);
      // The buyer's bank pays the exact amount; payOS calls the webhook, signed as payOS signs it.
      const paid = await t
        .http()
        .post('/api/payments/payos/webhook')
        .set('Content-Type', 'application/json')
        .send(payos.webhookFor(placed.vietqr!.orderCode) as object);
      expect(paid.body).toMatchObject({ outcome: 'moved:succeeded' });
      await relayAll();
      expect(await statusOf(order.id)).toBe('confirmed');
      return order;
    };
    const kept = await viaTransfer();
    const cancelled = await viaTransfer();
    const fee = (total: number) => Math.floor((total * FEE_BPS) / 10_000);

    // The first is shipped and delivered (nothing to collect: it was paid by transfer).
    expect((await farmerPost(farmerA, kept.id, 'ship')).status).toBe(200);
    expect((await farmerPost(farmerA, kept.id, 'deliver')).status).toBe(200);
    // The second is cancelled by the buyer before shipping: the transfer is refund due, refunded by hand.
    const cancel = await t
      .http()
      .post(`/api/orders/${cancelled.id}/cancel`)
      .set(authHeader(buyer.accessToken));
    expect(cancel.status).toBe(200);
    await relayAll();
    expect(await statusOf(cancelled.id)).toBe('refund_due');
    const tooMuch = await farmerPost(farmerA, cancelled.id, 'refund', {
      bankReference: 'FT-VQR-REFUND-1',
      amountVnd: cancelled.totalVnd + 1,
    });
    expect(tooMuch.body.code).toBe('REFUND_EXCEEDS_PAID');
    const refunded = await farmerPost(farmerA, cancelled.id, 'refund', { bankReference: 'FT-VQR-REFUND-1' });
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe('refunded');
    await relayAll();
    expect(await statusOf(kept.id)).toBe('delivered');

    // The ledger: both sales and their fees when paid, the refund; the balance is what the farmer is owed.
    const after = (await ledgerOf(farmerA)).balance;
    const owed =
      kept.totalVnd - fee(kept.totalVnd) + cancelled.totalVnd - fee(cancelled.totalVnd) - cancelled.totalVnd;
    expect(after.balanceVnd - start.balanceVnd).toBe(owed);
    expect(after.refundsVnd - start.refundsVnd).toBe(cancelled.totalVnd);
    expect(after.balanceVnd).toBe(after.salesVnd - after.refundsVnd - after.feesVnd - after.payoutsVnd);

    // The district's admin pays the whole balance out; nothing more can be paid.
    expect((await payout(adminA, farmerA, after.balanceVnd, 'PAY-VQR-1')).status).toBe(201);
    const paidOut = (await ledgerOf(farmerA)).balance;
    expect(paidOut.balanceVnd).toBe(0);
    expect(paidOut.payoutsVnd - after.payoutsVnd).toBe(after.balanceVnd);
    expect((await payout(adminA, farmerA, 1, 'PAY-VQR-2')).body.code).toBe('PAYOUT_EXCEEDS_BALANCE');
  });

  it('held VietQR transfers: one an admin reinstates is credited like any paid order, one sent back never reaches the ledger', async () => {
    const p = await product(farmerA, 80_000);
    const placeVietqr = async () => {
      const placed = await placeCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
      );
      return { order: placed.orders[0] as { id: string; totalVnd: number }, vietqr: placed.vietqr! };
    };
    const deliver = (body: unknown) =>
      t
        .http()
        .post('/api/payments/payos/webhook')
        .set('Content-Type', 'application/json')
        .send(body as object);
    const heldId = async (orderId: string) => {
      const res = await t.http().get('/api/admin/transfers').set(authHeader(cityAdmin.accessToken));
      const items = (res.body as { items: { id: string; orders: { id: string }[] }[] }).items;
      return items.find((i) => i.orders.some((o) => o.id === orderId))?.id as string;
    };
    const entries = async (orderId: string) =>
      (await t.db.query(
        `SELECT kind, amount_vnd::int AS amount FROM settlement_entries WHERE order_id = $1 ORDER BY kind`,
        [orderId],
      )) as { kind: string; amount: number }[];

    // A short transfer, sent back by the admin: the order is cancelled, the farmer's ledger never hears of it.
    const short = await placeVietqr();
    expect(
      (await deliver(payos.webhookFor(short.vietqr.orderCode, { amount: short.order.totalVnd - 500 }))).body,
    ).toMatchObject({ outcome: 'held:amount_mismatch' });
    const refunded = await t
      .http()
      .post(`/api/admin/transfers/${await heldId(short.order.id)}/refund`)
      .set(authHeader(cityAdmin.accessToken))
      .send({ bankReference: 'FT-SHORT-BACK' });
    expect(refunded.status).toBe(200);
    await relayAll();
    expect(await statusOf(short.order.id)).toBe('cancelled');
    expect(await entries(short.order.id)).toEqual([]);

    // The exact amount after the order expired, accepted by the admin: the sale and its fee, as for any payment.
    const late = await placeVietqr();
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      late.order.id,
    ]);
    await t.db.query(
      `UPDATE payments SET payos_link = jsonb_set(payos_link, '{expiresAt}', to_jsonb((now() - interval '1 minute')::text)) WHERE id = $1`,
      [late.vietqr.paymentId],
    );
    expect((await deliver(payos.webhookFor(late.vietqr.orderCode))).body).toMatchObject({
      outcome: 'held:after_expiry',
    });
    expect(await t.app.get(OrderLifecycleService).expire(late.order.id)).toBe(true);
    await relayAll();
    expect(await entries(late.order.id)).toEqual([]);
    const reinstated = await t
      .http()
      .post(`/api/admin/transfers/${await heldId(late.order.id)}/reinstate`)
      .set(authHeader(cityAdmin.accessToken))
      .send({});
    expect(reinstated.status).toBe(200);
    await relayAll();
    expect(await statusOf(late.order.id)).toBe('confirmed');
    const fee = Math.floor((late.order.totalVnd * FEE_BPS) / 10_000);
    expect(await entries(late.order.id)).toEqual(
      [
        { kind: 'sale', amount: late.order.totalVnd },
        ...(fee > 0 ? [{ kind: 'fee', amount: -fee }] : []),
      ].sort((a, b) => a.kind.localeCompare(b.kind)),
    );
  });

  describe('a refund recorded by hand', () => {
    it('refunds a paid card order whose card refund failed: once, never more than paid, by the farmer or an admin in scope', async () => {
      const p = await product(farmerA, 200_000);
      const order = await place(farmerA, p, 'card');
      await pay(order);
      expect(await statusOf(order.id)).toBe('confirmed');
      // The card can no longer take the money back: Stripe's refund fails and the order stays refund due.
      stub.refundStatus = 'failed';
      try {
        const cancelled = await t
          .http()
          .post(`/api/orders/${order.id}/cancel`)
          .set(authHeader(buyer.accessToken));
        expect(cancelled.status).toBe(200);
      } finally {
        stub.refundStatus = 'succeeded';
      }
      await relayAll();
      expect(await statusOf(order.id)).toBe('refund_due');

      const body = { bankReference: 'FT-REFUND-0001' };
      // More than was paid: refused, and nothing recorded.
      const tooMuch = await farmerPost(farmerA, order.id, 'refund', {
        ...body,
        amountVnd: order.totalVnd + 1,
      });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.code).toBe('REFUND_EXCEEDS_PAID');
      // Another farmer and an admin of another subtree do not know the order.
      expect((await farmerPost(farmerB, order.id, 'refund', body)).status).toBe(404);
      const outOfScope = await t
        .http()
        .post(`/api/admin/orders/${order.id}/refund`)
        .set(authHeader(adminB.accessToken))
        .send(body);
      expect(outOfScope.status).toBe(404);
      // A buyer is not a farmer.
      expect((await farmerPost(buyer, order.id, 'refund', body)).status).toBe(403);
      expect(await statusOf(order.id)).toBe('refund_due');

      // The admin of the farmer's district records it; the same record again answers the same; another is refused.
      const recorded = await t
        .http()
        .post(`/api/admin/orders/${order.id}/refund`)
        .set(authHeader(adminA.accessToken))
        .send(body);
      expect(recorded.status).toBe(200);
      expect(recorded.body.status).toBe('refunded');
      const again = await farmerPost(farmerA, order.id, 'refund', body);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('refunded');
      const other = await farmerPost(farmerA, order.id, 'refund', { bankReference: 'FT-REFUND-0002' });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('REFUND_ALREADY_RECORDED');
      const rows = (await t.db.query(
        `SELECT provider, bank_reference, amount_vnd, status FROM payment_refunds WHERE reference = $1`,
        [order.id],
      )) as Record<string, string>[];
      expect(rows).toEqual([
        {
          provider: 'manual',
          bank_reference: 'FT-REFUND-0001',
          amount_vnd: String(order.totalVnd),
          status: 'succeeded',
        },
      ]);

      await relayAll();
      // In the ledger: the sale when paid, its fee, and the refund.
      const kinds = (await ledgerOf(farmerA)).entries.items
        .filter((e) => e.kind !== 'payout')
        .map((e) => `${e.kind}:${e.amountVnd}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          `sale:${order.totalVnd}`,
          `fee:${-Math.floor((order.totalVnd * FEE_BPS) / 10_000)}`,
          `refund:${-order.totalVnd}`,
        ]),
      );
    });

    it('refuses to record a refund for an order with none due, or a COD order', async () => {
      const p = await product(farmerA, 90_000);
      const cod = await place(farmerA, p, 'cod');
      const res = await farmerPost(farmerA, cod.id, 'refund', { bankReference: 'FT-X' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('REFUND_NOT_DUE');
      const card = await place(farmerA, p, 'card');
      await pay(card);
      const notDue = await farmerPost(farmerA, card.id, 'refund', { bankReference: 'FT-Y' });
      expect(notDue.body.code).toBe('REFUND_NOT_DUE');
      expect((await farmerPost(farmerA, card.id, 'refund', { bankReference: '   ' })).status).toBe(400);
    });
  });

  describe('payouts and access', () => {
    it('refuses a payout larger than the balance, records one within it once per reference', async () => {
      const p = await product(farmerB, 300_000);
      const order = await place(farmerB, p, 'cod');
      expect((await farmerPost(farmerB, order.id, 'ship')).status).toBe(200);
      expect(
        (await farmerPost(farmerB, order.id, 'deliver', { cashCollectedVnd: order.totalVnd })).status,
      ).toBe(200);
      await relayAll();
      const before = (await ledgerOf(farmerB)).balance.balanceVnd;
      expect(before).toBeGreaterThan(0);

      const over = await payout(adminB, farmerB, before + 1, 'PAY-OVER');
      expect(over.status).toBe(422);
      expect(over.body).toMatchObject({ code: 'PAYOUT_EXCEEDS_BALANCE', details: { balanceVnd: before } });
      // Out of scope: 404, whatever the amount.
      expect((await payout(adminA, farmerB, 1, 'PAY-A')).status).toBe(404);

      const first = await payout(adminB, farmerB, before, 'PAY-1');
      expect(first.status).toBe(201);
      expect((await payout(adminB, farmerB, before, 'PAY-1')).status).toBe(201);
      expect((await payout(adminB, farmerB, before - 1, 'PAY-1')).body.code).toBe('PAYOUT_ALREADY_RECORDED');
      expect((await ledgerOf(farmerB)).balance.balanceVnd).toBe(0);
      expect((await payout(adminB, farmerB, 1, 'PAY-2')).status).toBe(422);
    });

    it('pays out racing requests only up to the balance', async () => {
      const p = await product(farmerB, 100_000);
      const order = await place(farmerB, p, 'cod');
      await farmerPost(farmerB, order.id, 'ship');
      await farmerPost(farmerB, order.id, 'deliver', { cashCollectedVnd: order.totalVnd });
      await relayAll();
      const balance = (await ledgerOf(farmerB)).balance.balanceVnd;
      const half = Math.floor(balance / 2) + 1;
      const answers = await Promise.all([1, 2, 3].map((n) => payout(adminB, farmerB, half, `PAY-RACE-${n}`)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
      expect((await ledgerOf(farmerB)).balance.balanceVnd).toBe(balance - half);
    });

    it('shows a farmer only their own ledger and an admin only their subtree; CSV for both', async () => {
      const mine = await t.http().get('/api/farmer/settlement').set(authHeader(farmerA.accessToken));
      expect(mine.status).toBe(200);
      expect(mine.body.balance.producerId).toBe(farmerA.producer.id);
      expect((await t.http().get('/api/farmer/settlement').set(authHeader(buyer.accessToken))).status).toBe(
        403,
      );

      const list = await t.http().get('/api/admin/settlement/producers').set(authHeader(adminA.accessToken));
      expect(list.status).toBe(200);
      const ids = (list.body as { producerId: string }[]).map((r) => r.producerId);
      expect(ids).toContain(farmerA.producer.id);
      expect(ids).not.toContain(farmerB.producer.id);
      const cityIds = (
        (await t.http().get('/api/admin/settlement/producers').set(authHeader(cityAdmin.accessToken)))
          .body as {
          producerId: string;
        }[]
      ).map((r) => r.producerId);
      expect(cityIds).toEqual(expect.arrayContaining([farmerA.producer.id, farmerB.producer.id]));

      const theirs = (id: string, admin: MadeUser, suffix = '') =>
        t.http().get(`/api/admin/settlement/producers/${id}${suffix}`).set(authHeader(admin.accessToken));
      expect((await theirs(farmerA.producer.id, adminA)).status).toBe(200);
      expect((await theirs(farmerB.producer.id, adminA)).status).toBe(404);
      expect((await theirs(farmerB.producer.id, adminA, '?format=csv')).status).toBe(404);
      expect((await theirs(farmerA.producer.id, farmerA)).status).toBe(403);

      const csv = await theirs(farmerA.producer.id, adminA, '?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('date,kind,order_code,payout_reference,amount_vnd,balance_after_vnd');
      const lastBalance = lines.length > 1 ? Number(lines[lines.length - 1]?.split(',').pop()) : 0;
      expect(lastBalance).toBe((await ledgerOf(farmerA)).balance.balanceVnd);
      const own = await t
        .http()
        .get('/api/farmer/settlement?format=csv')
        .set(authHeader(farmerA.accessToken));
      expect(own.status).toBe(200);
      expect(own.text).toBe(csv.text);
    });
  });

  describe('the invariant', () => {
    it('after a random sequence of orders, payments, cancellations, refusals, returns, refunds and payouts, every balance equals its reference model', async () => {
      const seed = Number(process.env['SETTLEMENT_SEED'] ?? 20261207);
      const random = seeded(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
      const farmers = [farmerA, farmerB];
      const products = new Map<string, ProductView>();
      for (const f of farmers)
        products.set(f.id, await product(f, 50_000 + Math.floor(random() * 20) * 10_000));
      const start = new Map<string, number>();
      for (const f of farmers) start.set(f.id, (await ledgerOf(f)).balance.balanceVnd);
      /** The reference model: what each farmer is owed, from the sequence alone. */
      const model = new Map<string, number>(start);
      const add = (f: Farmer, amount: number) => model.set(f.id, (model.get(f.id) ?? 0) + amount);
      const fee = (total: number) => Math.floor((total * FEE_BPS) / 10_000);
      const orders: PlacedOrder[] = [];
      const log: string[] = [];

      for (let step = 0; step < 40; step++) {
        const f = pick(farmers);
        const op = pick(['cod', 'card', 'advance', 'advance', 'cancel', 'payout'] as const);
        if (op === 'cod' || op === 'card') {
          const o = await place(f, products.get(f.id) as ProductView, op, 1 + Math.floor(random() * 2));
          orders.push(o);
          if (op === 'card' && random() < 0.8) {
            await pay(o);
            add(f, o.totalVnd - fee(o.totalVnd));
          }
          log.push(`${op} ${o.totalVnd}`);
        } else if (op === 'advance' || op === 'cancel') {
          const candidates = orders.filter((o) => o.producer.id === f.id);
          if (candidates.length === 0) continue;
          const o = pick(candidates);
          const status = await statusOf(o.id);
          if (op === 'cancel') {
            const res = await t.http().post(`/api/orders/${o.id}/cancel`).set(authHeader(buyer.accessToken));
            // A paid card order cancelled before shipping is refunded by Stripe.
            if (res.status === 200 && o.method === 'card' && status === 'confirmed') add(f, -o.totalVnd);
            log.push(`cancel ${status} -> ${res.status}`);
          } else if (status === 'confirmed') {
            expect((await farmerPost(f, o.id, 'ship')).status).toBe(200);
            log.push('ship');
          } else if (status === 'shipped') {
            if (o.method === 'cod' && random() < 0.3) {
              expect((await farmerPost(f, o.id, 'refuse')).status).toBe(200);
              log.push('refuse');
            } else {
              const body = o.method === 'cod' ? { cashCollectedVnd: o.totalVnd } : {};
              expect((await farmerPost(f, o.id, 'deliver', body)).status).toBe(200);
              if (o.method === 'cod') add(f, o.totalVnd - fee(o.totalVnd));
              log.push('deliver');
            }
          } else if (status === 'delivered') {
            expect((await farmerPost(f, o.id, 'return')).status).toBe(200);
            add(f, -o.totalVnd);
            log.push('return');
          }
        } else {
          const balance = model.get(f.id) ?? 0;
          const amount = 1 + Math.floor(random() * Math.max(1, balance + 100_000));
          const res = await payout(f === farmerA ? adminA : adminB, f, amount, `P-${seed}-${step}`);
          if (amount <= balance) {
            expect(res.status).toBe(201);
            add(f, -amount);
          } else {
            expect(res.status).toBe(422);
            expect(res.body.code).toBe('PAYOUT_EXCEEDS_BALANCE');
          }
          log.push(`payout ${amount} of ${balance} -> ${res.status}`);
        }
        await relayAll();
        for (const each of farmers) {
          const view = (await ledgerOf(each)).balance;
          const audit = await t.app.get(SettlementService).audit(each.producer.id);
          const context = `seed ${seed}, step ${step}: ${log.join(' | ')}`;
          expect({ context, balance: view.balanceVnd }).toEqual({ context, balance: model.get(each.id) });
          // The balance row equals its entries, and the entries are sales − refunds − fees − payouts.
          expect(audit.balanceVnd).toBe(audit.entriesVnd);
          expect(view.balanceVnd).toBe(view.salesVnd - view.refundsVnd - view.feesVnd - view.payoutsVnd);
        }
      }
      // Sales in the ledger are exactly the settled orders (COD delivered or returned; online paid, or a late
      // transfer an admin reinstated).
      for (const f of farmers) {
        const [row] = (await t.db.query(
          `SELECT
             (SELECT coalesce(sum(amount_vnd), 0) FROM settlement_entries WHERE producer_id = $1 AND kind = 'sale') AS ledger,
             (SELECT coalesce(sum(o.total_vnd), 0) FROM orders o WHERE o.producer_id = $1 AND EXISTS (
                SELECT 1 FROM order_status_changes c WHERE c.order_id = o.id
                   AND ((o.payment_method = 'cod' AND c.event = 'deliver') OR (o.payment_method <> 'cod' AND c.event IN ('pay', 'reinstate'))))
             ) AS settled`,
          [f.producer.id],
        )) as { ledger: string; settled: string }[];
        expect(row?.ledger).toBe(row?.settled);
      }
    }, 240_000);
  });
});
