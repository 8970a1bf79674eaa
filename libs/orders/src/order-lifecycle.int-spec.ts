import { randomUUID } from 'node:crypto';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxSubscribers, OutboxTopic } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { PaymentsHttpModule, StripeWebhooksService } from '@ocop/payments';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  Farmer,
  idempotencyKey,
  MadeSession,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeShoppersFast,
  makeUser,
  nextSocketEvent,
  placeCheckout,
  postCheckout,
  socketInTestRoom,
  startStripeStub,
  StripeStub,
  TestApp,
  TestRoomModule,
} from '@ocop/testing';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { CheckoutResult, OrderView } from './application/views';
import type { OrderConfirmedAnnouncement } from './orders.events';
import { OrdersHttpModule } from './orders-http.module';

const WEBHOOK_SECRET = 'whsec_ocop_lifecycle';
const STRIPE = { STRIPE_SECRET_KEY: 'sk_test_ocop_lifecycle', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };

describe('order lifecycle: farmer fulfilment, COD settlement, cancellation and refunds, flash deals', () => {
  let stub: StripeStub;
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let otherFarmer: Farmer;
  let buyer: MadeUser;
  let stranger: MadeUser;

  beforeAll(async () => {
    stub = await startStripeStub({ webhookSecret: WEBHOOK_SECRET });
    t = await createTestApp({
      imports: [
        OrdersHttpModule,
        PaymentsHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        TestRoomModule,
      ],
      config: { ...STRIPE, STRIPE_API_URL: stub.url, DATABASE_POOL_SIZE: 40 },
      websockets: true,
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    otherFarmer = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t, { displayName: 'Nguyễn Thị Lan' });
    stranger = await makeUser(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const lifecycle = () => t.app.get(OrderLifecycleService);
  const stockOf = async (id: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id])) as { stock: number }[])[0]?.stock;
  const product = (stock = 20, priceVnd = 150_000, owner: Farmer = farmer) =>
    makeActiveProduct(t, { farmer: owner, admin, stock, priceVnd });
  const live = (...products: ProductView[]): Promise<MadeSession> => makeLiveSession(t, { products });
  const farmerPost = (owner: Farmer, orderId: string, action: string, body: object = {}) =>
    t.http().post(`/api/farmer/orders/${orderId}/${action}`).set(authHeader(owner.accessToken)).send(body);
  const statusOf = async (orderId: string) =>
    ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])) as { status: string }[])[0]
      ?.status;
  const outboxOf = async (topic: OutboxTopic, key: string) =>
    (
      (await t.db.query(`SELECT payload FROM outbox WHERE topic = $1 AND key = $2 ORDER BY created_at, id`, [
        topic,
        key,
      ])) as { payload: Record<string, unknown> }[]
    ).map((r) => r.payload);
  /** Delivers every outbox row of a topic and key to its subscribers, as the worker's relay does. */
  const relay = async (topic: OutboxTopic, key: string) => {
    const rows = (await t.db.query(
      `SELECT id, topic, key, payload, created_at FROM outbox WHERE topic = $1 AND key = $2 ORDER BY created_at, id`,
      [topic, key],
    )) as { id: string; topic: OutboxTopic; key: string; payload: never; created_at: Date }[];
    for (const row of rows) {
      for (const s of t.app.get(OutboxSubscribers).of(topic)) {
        await s.handle({
          id: row.id,
          topic: row.topic,
          key: row.key,
          payload: row.payload,
          createdAt: row.created_at,
        });
      }
    }
  };

  const intentOf = (c: CheckoutResult) =>
    [...stub.intents.values()].find((i) => (i.metadata as { reference: string }).reference === c.checkoutId);
  /**
   * The buyer pays: Stripe moves the intent and sends payment_intent.succeeded to the webhook; the worker applies
   * it to the payment (outbox: payments.succeeded) and the relay delivers that to orders.
   */
  const pay = async (c: CheckoutResult) => {
    const intent = stub.setIntentStatus(intentOf(c)?.id as string, 'succeeded');
    const event = stub.webhookEvent('payment_intent.succeeded', intent);
    const res = await t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Stripe-Signature', event.header)
      .set('Content-Type', 'application/json')
      .send(event.payload);
    expect(res.status).toBe(200);
    await t.app.get(StripeWebhooksService).process(event.id);
    await relay('payments.succeeded', c.payment?.paymentId as string);
  };

  it('COD goes from order to settlement: confirmed at once, shipped, delivered with the exact cash collected', async () => {
    const p = await product(10, 120_000);
    const made = await live(p);
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 2 }], { sessionId: made.session.id }),
    );
    const order = placed.orders[0] as OrderView;
    expect(order.status).toBe('confirmed');

    // Delivery before shipping is illegal; a shopper cannot use the farmer's endpoints.
    expect((await farmerPost(farmer, order.id, 'deliver', { cashCollectedVnd: 240_000 })).body).toMatchObject(
      {
        code: 'ILLEGAL_ORDER_TRANSITION',
      },
    );
    const asShopper = await t
      .http()
      .post(`/api/farmer/orders/${order.id}/ship`)
      .set(authHeader(buyer.accessToken));
    expect(asShopper.status).toBe(403);

    expect((await farmerPost(farmer, order.id, 'ship')).body).toMatchObject({ status: 'shipped' });
    const missing = await farmerPost(farmer, order.id, 'deliver');
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('CASH_COLLECTED_REQUIRED');
    const short = await farmerPost(farmer, order.id, 'deliver', { cashCollectedVnd: 200_000 });
    expect(short.status).toBe(422);
    expect(short.body.code).toBe('COLLECTED_AMOUNT_MISMATCH');
    expect(await statusOf(order.id)).toBe('shipped');

    const delivered = await farmerPost(farmer, order.id, 'deliver', { cashCollectedVnd: 240_000 });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('delivered');
    const [payment] = (await t.db.query(
      `SELECT p.status, p.collected_vnd FROM payments p JOIN orders o ON o.payment_id = p.id WHERE o.id = $1`,
      [order.id],
    )) as { status: string; collected_vnd: string }[];
    expect(payment).toEqual({ status: 'collected', collected_vnd: '240000' });
    const changes = await outboxOf('orders.status-changed', order.id);
    expect(changes.map((c) => [c.from, c.to, c.settled])).toEqual([
      ['confirmed', 'shipped', false],
      ['shipped', 'delivered', true],
    ]);
    // Delivering twice is refused and changes nothing.
    expect((await farmerPost(farmer, order.id, 'deliver', { cashCollectedVnd: 240_000 })).status).toBe(409);
    expect(await outboxOf('orders.status-changed', order.id)).toHaveLength(2);
  });

  it('the shopper cancels a COD order before shipping: stock returns, the payment is canceled; after shipping it is 409', async () => {
    const p = await product(10, 50_000);
    const made = await live(p);
    const [first, second] = [
      await placeCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id, quantity: 3 }], { sessionId: made.session.id }),
      ),
      await placeCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id, quantity: 1 }], { sessionId: made.session.id }),
      ),
    ].map((r) => r.orders[0] as OrderView);
    expect(await stockOf(p.id)).toBe(6);

    const cancelled = await t
      .http()
      .post(`/api/orders/${first!.id}/cancel`)
      .set(authHeader(buyer.accessToken));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await stockOf(p.id)).toBe(9);
    const [payment] = (await t.db.query(
      `SELECT p.status FROM payments p JOIN orders o ON o.payment_id = p.id WHERE o.id = $1`,
      [first!.id],
    )) as { status: string }[];
    expect(payment?.status).toBe('canceled');

    await farmerPost(farmer, second!.id, 'ship');
    const late = await t.http().post(`/api/orders/${second!.id}/cancel`).set(authHeader(buyer.accessToken));
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ILLEGAL_ORDER_TRANSITION', details: { from: 'shipped' } });
    expect(await stockOf(p.id)).toBe(9);
  });

  it('a paid card order cancelled is refunded through Stripe, for its own amount only, then marked refunded', async () => {
    const a = await product(10, 100_000);
    const b = await product(10, 40_000, otherFarmer);
    const made = await live(a, b);
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: a.id }, { productId: b.id, quantity: 2 }], {
        sessionId: made.session.id,
        paymentMethod: 'card',
      }),
    );
    const intent = intentOf(placed);
    await pay(placed);
    const orderA = placed.orders.find((o) => o.producerId === farmer.producer.id) as OrderView;
    const orderB = placed.orders.find((o) => o.producerId === otherFarmer.producer.id) as OrderView;
    expect(await statusOf(orderA.id)).toBe('confirmed');

    const cancelled = await t
      .http()
      .post(`/api/orders/${orderB.id}/cancel`)
      .set(authHeader(buyer.accessToken));
    expect(cancelled.status).toBe(200);
    expect(['refund_due', 'refunded']).toContain(cancelled.body.status);
    const refunds = [...stub.refunds.values()].filter((r) => r.payment_intent === intent?.id);
    expect(refunds.map((r) => r.amount)).toEqual([80_000]);
    expect(await stockOf(b.id)).toBe(10);

    // Stripe answered succeeded at once: payments announced it; the subscriber marks the order refunded, once.
    const [{ id: paymentId }] = (await t.db.query(`SELECT payment_id AS id FROM orders WHERE id = $1`, [
      orderB.id,
    ])) as { id: string }[];
    await relay('payments.refunded', paymentId);
    await relay('payments.refunded', paymentId);
    expect(await statusOf(orderB.id)).toBe('refunded');
    expect(await statusOf(orderA.id)).toBe('confirmed');
    const [payment] = (await t.db.query(`SELECT status FROM payments WHERE id = $1`, [paymentId])) as {
      status: string;
    }[];
    expect(payment?.status).toBe('succeeded');
    // Cancelling again asks for no second refund.
    expect(
      (await t.http().post(`/api/orders/${orderB.id}/cancel`).set(authHeader(buyer.accessToken))).status,
    ).toBe(409);
    expect([...stub.refunds.values()].filter((r) => r.payment_intent === intent?.id)).toHaveLength(1);
  });

  it("access: nobody acts on or reads another's order; each farmer lists only their own", async () => {
    const p = await product(10, 30_000);
    const made = await live(p);
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { sessionId: made.session.id }),
    );
    const order = placed.orders[0] as OrderView;
    const byStranger = await t
      .http()
      .post(`/api/orders/${order.id}/cancel`)
      .set(authHeader(stranger.accessToken));
    expect(byStranger.status).toBe(404);
    expect(byStranger.body.code).toBe('ORDER_NOT_FOUND');
    expect((await farmerPost(otherFarmer, order.id, 'ship')).status).toBe(404);
    const otherRead = await t
      .http()
      .get(`/api/farmer/orders/${order.id}`)
      .set(authHeader(otherFarmer.accessToken));
    expect(otherRead.status).toBe(404);
    const own = await t.http().get(`/api/farmer/orders?status=confirmed`).set(authHeader(farmer.accessToken));
    expect(own.status).toBe(200);
    expect(own.body.items.map((o: OrderView) => o.id)).toContain(order.id);
    const others = await t.http().get(`/api/farmer/orders`).set(authHeader(otherFarmer.accessToken));
    expect(others.body.items.map((o: OrderView) => o.id)).not.toContain(order.id);
    expect(
      (await t.http().get(`/api/farmer/orders?status=nope`).set(authHeader(farmer.accessToken))).status,
    ).toBe(400);
    expect(
      (await t.http().post(`/api/farmer/orders/not-a-uuid/ship`).set(authHeader(farmer.accessToken))).status,
    ).toBe(400);
    expect(await statusOf(order.id)).toBe('confirmed');
  });

  it('a flash deal ends while buyers are paying: deal price within limits, and its stock returns exactly', async () => {
    const p = await product(20, 200_000);
    const made = await live(p);
    const started = await t
      .http()
      .post(`/api/sessions/${made.session.id}/deals`)
      .set(authHeader(made.hostToken))
      .send({ productId: p.id, priceVnd: 150_000, quantity: 10, perBuyerLimit: 2, durationSeconds: 600 });
    expect(started.status).toBe(201);
    const dealId = started.body.id as string;
    expect(await stockOf(p.id)).toBe(10);

    const buyers = await makeShoppersFast(t, 4);
    const body = (quantity: number) =>
      checkoutBody([{ productId: p.id, quantity, dealId }], {
        sessionId: made.session.id,
        paymentMethod: 'card',
      });
    const results = await Promise.all(
      buyers.map((b) => postCheckout(t, b.accessToken, body(2), idempotencyKey())),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    for (const r of results) {
      expect((r.body as CheckoutResult).orders[0]?.lines[0]).toMatchObject({
        unitPriceVnd: 150_000,
        quantity: 2,
      });
    }
    // The per-buyer limit holds at the deal price.
    const third = await postCheckout(t, buyers[0]!.accessToken, body(1), idempotencyKey());
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: 'BUYER_LIMIT_REACHED' });

    // The host ends the deal: the 2 unsold units go back to the product; the 8 in unpaid orders stay held.
    const ended = await t
      .http()
      .post(`/api/sessions/${made.session.id}/deals/${dealId}/end`)
      .set(authHeader(made.hostToken));
    expect(ended.status).toBe(200);
    expect(await stockOf(p.id)).toBe(12);
    const late = await postCheckout(t, buyers[1]!.accessToken, body(1), idempotencyKey());
    expect(late.body).toMatchObject({ code: 'DEAL_ENDED' });

    // Two buyers pay; two let their payment window run out, one of them paying in the very last second.
    const checkouts = results.map((r) => r.body as CheckoutResult);
    const intentOf = (c: CheckoutResult) =>
      [...stub.intents.values()].find(
        (i) => (i.metadata as { reference: string }).reference === c.checkoutId,
      );
    for (const c of checkouts.slice(0, 2)) {
      stub.setIntentStatus(intentOf(c)?.id as string, 'succeeded');
      await lifecycle().paid(c.checkoutId);
    }
    const unpaid = checkouts.slice(2).map((c) => c.orders[0]!.id);
    // One of them paid at the last second; the webhook is still on its way when the order expires.
    stub.setIntentStatus(intentOf(checkouts[2]!)?.id as string, 'succeeded');
    await t.db.query(
      `UPDATE orders SET expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [unpaid],
    );
    const expired = await Promise.all(
      unpaid.flatMap((id) => [lifecycle().expire(id), lifecycle().expire(id)]),
    );
    expect(expired.filter(Boolean)).toHaveLength(2);
    expect(await stockOf(p.id)).toBe(16);

    await pay(checkouts[2]!);
    expect(await statusOf(unpaid[0]!)).toBe('refund_due');
    expect(
      [...stub.refunds.values()].filter((r) => r.payment_intent === intentOf(checkouts[2]!)?.id),
    ).toHaveLength(1);

    // Every unit is accounted for exactly once: 16 on the shelf, 4 sold at the deal price.
    const [{ sold }] = (await t.db.query(
      `SELECT coalesce(sum(l.quantity), 0)::int AS sold FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.product_id = $1 AND o.status = 'confirmed'`,
      [p.id],
    )) as { sold: number }[];
    expect(sold + (await stockOf(p.id))!).toBe(20);
    expect(sold).toBe(4);
  });

  it('per-buyer lineup limit under a race: 100 buyers x 4 attempts, limit 2, stock 150 -> 150 sold, nobody above 2', async () => {
    const p = await product(150, 20_000);
    const made = await live(p);
    await t.db.query(`UPDATE live_session_products SET per_buyer_limit = 2 WHERE session_id = $1`, [
      made.session.id,
    ]);
    const shoppers = await makeShoppersFast(t, 100);
    const body = checkoutBody([{ productId: p.id }], { sessionId: made.session.id });
    const attempts = shoppers.flatMap((s) => Array.from({ length: 4 }, () => s));
    const answers = await Promise.all(
      attempts.map((s) => postCheckout(t, s.accessToken, body, idempotencyKey())),
    );
    // Said in full when it fails: which 5xx, with its code and details.
    expect(answers.filter((r) => r.status >= 500).map((r) => [r.status, r.body])).toEqual([]);
    const codes = new Set(
      answers.filter((r) => r.status !== 201).map((r) => (r.body as { code: string }).code),
    );
    for (const code of codes) expect(['SOLD_OUT', 'BUYER_LIMIT_REACHED']).toContain(code);
    const perBuyer = (await t.db.query(
      `SELECT o.buyer_user_id, sum(l.quantity)::int AS units FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE l.product_id = $1 GROUP BY o.buyer_user_id`,
      [p.id],
    )) as { units: number }[];
    expect(Math.max(...perBuyer.map((r) => r.units))).toBeLessThanOrEqual(2);
    expect(perBuyer.reduce((n, r) => n + r.units, 0)).toBe(150);
    expect(await stockOf(p.id)).toBe(0);
  }, 120_000);

  it('an Idempotency-Key held by a request that died is taken over after its lease, without a second order', async () => {
    const p = await product(10, 60_000);
    const made = await live(p);
    const key = idempotencyKey();
    const body = checkoutBody([{ productId: p.id }], { sessionId: made.session.id });
    const first = await postCheckout(t, buyer.accessToken, body, key);
    expect(first.status).toBe(201);
    const placed = first.body as CheckoutResult;

    // The request committed its orders, then its process died before storing the answer, lease still running.
    await t.db.query(
      `UPDATE checkouts SET result = NULL, lease_until = now() + interval '1 minute' WHERE id = $1`,
      [placed.checkoutId],
    );
    const busy = await postCheckout(t, buyer.accessToken, body, key);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('IDEMPOTENT_REQUEST_IN_PROGRESS');

    await t.db.query(`UPDATE checkouts SET lease_until = now() - interval '1 second' WHERE id = $1`, [
      placed.checkoutId,
    ]);
    const retried = await postCheckout(t, buyer.accessToken, body, key);
    expect(retried.status).toBe(201);
    expect((retried.body as CheckoutResult).orders.map((o) => o.id)).toEqual(placed.orders.map((o) => o.id));
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM orders WHERE checkout_id = $1`, [
      placed.checkoutId,
    ])) as { n: number }[];
    expect(n).toBe(1);
    expect(await stockOf(p.id)).toBe(9);
    // Another body under the expired key is still refused.
    const other = await postCheckout(t, buyer.accessToken, { ...body, paymentMethod: 'card' }, key);
    expect(other.status).toBe(422);
  });

  it("a confirmed order is announced in its room with the buyer's given name and ward, nothing more", async () => {
    const p = await product(10, 90_000);
    const made = await live(p);
    const socket = await socketInTestRoom(t, made.session.id);
    const heard = nextSocketEvent<OrderConfirmedAnnouncement>(socket, 'order:confirmed');
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 2 }], { sessionId: made.session.id }),
    );
    const orderId = placed.orders[0]!.id;
    await relay('orders.placed', orderId);
    const announcement = await heard;
    expect(announcement).toEqual({
      sessionId: made.session.id,
      orderId,
      buyerName: 'Lan',
      ward: expect.any(String),
      lines: [{ productId: p.id, productName: p.name, quantity: 2 }],
    });
    expect(JSON.stringify(announcement)).not.toMatch(/\+84|Nguyễn/);
    socket.disconnect();
  });

  it('bad input on lifecycle endpoints: unknown fields, wrong types, negative cash are 400 and change nothing', async () => {
    const p = await product(10, 10_000);
    const made = await live(p);
    const placed = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { sessionId: made.session.id }),
    );
    const order = placed.orders[0] as OrderView;
    await farmerPost(farmer, order.id, 'ship');
    for (const body of [
      { cashCollectedVnd: -1 },
      { cashCollectedVnd: '10000' },
      { cashCollectedVnd: 10_000, status: 'delivered' },
    ]) {
      const res = await farmerPost(farmer, order.id, 'deliver', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toEqual(expect.any(String));
    }
    expect(await statusOf(order.id)).toBe('shipped');
    const forged = await t
      .http()
      .post(`/api/checkouts`)
      .set(authHeader(buyer.accessToken))
      .set('Idempotency-Key', randomUUID())
      .send({
        ...checkoutBody([{ productId: p.id }], { sessionId: made.session.id }),
        lines: [{ productId: p.id, quantity: 1, unitPriceVnd: 1 }],
      });
    expect(forged.status).toBe(400);
  });
});
