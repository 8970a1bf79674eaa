import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { OutboxRelayModule } from '@ocop/queue';
import { getQueueToken } from '@nestjs/bullmq';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { OutboxSubscribers } from '@ocop/db';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  deliveryAddress,
  Farmer,
  idempotencyKey,
  MadeSession,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeSession,
  makeShoppersFast,
  makeUser,
  placeCheckout,
  postCheckout,
  startStripeStub,
  StripeStub,
  TestApp,
  waitFor,
} from '@ocop/testing';
import { expiryJobId } from './application/order-expiry.jobs';
import { CheckoutResult, OrderView } from './application/views';
import { OrdersHttpModule } from './orders-http.module';
import { OrdersJobsModule } from './orders-jobs.module';

const STRIPE = { STRIPE_SECRET_KEY: 'sk_test_ocop_orders', STRIPE_WEBHOOK_SECRET: 'whsec_ocop_orders' };

describe('checkout: stock-safe, idempotent, one order per producer', () => {
  let stub: StripeStub;
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let otherFarmer: Farmer;
  let buyer: MadeUser;

  beforeAll(async () => {
    stub = await startStripeStub();
    t = await createTestApp({
      imports: [OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      config: { ...STRIPE, STRIPE_API_URL: stub.url, DATABASE_POOL_SIZE: 40 },
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    otherFarmer = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t);
    // Listen once, so that many concurrent supertest requests share one server instead of each binding it.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const stockOf = async (id: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id])) as { stock: number }[])[0]?.stock;
  const liveWith = async (...products: ProductView[]): Promise<MadeSession> =>
    makeLiveSession(t, { products });
  const product = (stock = 20, priceVnd = 150_000, owner: Farmer = farmer) =>
    makeActiveProduct(t, { farmer: owner, admin, stock, priceVnd });

  it('500 concurrent buyers on a stock of 50: exactly 50 sold, 450 SOLD_OUT, no 5xx, retries give one order each', async () => {
    const p = await product(50);
    const made = await liveWith(p);
    const shoppers = await makeShoppersFast(t, 50);
    const attempts = shoppers.flatMap((s) =>
      Array.from({ length: 10 }, () => ({ token: s.accessToken, key: idempotencyKey() })),
    );
    const body = checkoutBody([{ productId: p.id }], { sessionId: made.session.id });
    // 500 distinct checkouts, plus an impatient double tap on the first 100 sent at the same moment.
    const burst = [...attempts, ...attempts.slice(0, 100)];
    const first = await Promise.all(burst.map((a) => postCheckout(t, a.token, body, a.key)));
    expect(first.filter((r) => r.status >= 500)).toHaveLength(0);
    for (const r of first) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409)
        expect(['SOLD_OUT', 'IDEMPOTENT_REQUEST_IN_PROGRESS']).toContain((r.body as { code: string }).code);
    }
    expect(await stockOf(p.id)).toBe(0);

    // Everyone retries with their key: each attempt has exactly one answer, and the orders are the 50 sold.
    const retried = await Promise.all(attempts.map((a) => postCheckout(t, a.token, body, a.key)));
    const sold = retried.filter((r) => r.status === 201);
    const soldOut = retried.filter(
      (r) => r.status === 409 && (r.body as { code: string }).code === 'SOLD_OUT',
    );
    expect(sold).toHaveLength(50);
    expect(soldOut).toHaveLength(450);
    const checkoutIds = new Set(sold.map((r) => (r.body as CheckoutResult).checkoutId));
    expect(checkoutIds.size).toBe(50);
    expect((soldOut[0]?.body as { details: { lines: unknown[] } }).details.lines).toEqual([
      expect.objectContaining({ productId: p.id, status: 'rejected', code: 'SOLD_OUT' }),
    ]);
    const [{ units, orders }] = (await t.db.query(
      `SELECT coalesce(sum(l.quantity), 0)::int AS units, count(DISTINCT o.id)::int AS orders
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = $1`,
      [p.id],
    )) as { units: number; orders: number }[];
    expect({ units, orders }).toEqual({ units: 50, orders: 50 });
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM orders WHERE checkout_id = ANY($1::uuid[])`,
      [[...checkoutIds]],
    )) as { n: number }[];
    expect(n).toBe(50);
  }, 180_000);

  it('COD: confirmed at once with its payment, prices and attribution snapshotted, orders.placed in the outbox', async () => {
    const a = await product(10, 120_000);
    const b = await product(10, 80_000, otherFarmer);
    const made = await liveWith(a, b);
    const result = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody(
        [
          { productId: a.id, quantity: 2 },
          { productId: b.id, quantity: 3 },
        ],
        { sessionId: made.session.id, referralCode: 'lan2026' },
      ),
    );
    expect(result.orders).toHaveLength(2);
    expect(result.payment).toBeUndefined();
    const byProducer = new Map(result.orders.map((o) => [o.producerId, o]));
    expect(byProducer.get(farmer.producer.id)).toMatchObject({ status: 'confirmed', totalVnd: 240_000 });
    expect(byProducer.get(otherFarmer.producer.id)).toMatchObject({ status: 'confirmed', totalVnd: 240_000 });
    expect(await stockOf(a.id)).toBe(8);
    expect(await stockOf(b.id)).toBe(7);

    const rows = (await t.db.query(
      `SELECT o.payment_id, p.method, p.status, p.amount_vnd::int AS amount
       FROM orders o JOIN payments p ON p.id = o.payment_id WHERE o.checkout_id = $1`,
      [result.checkoutId],
    )) as { method: string; status: string; amount: number }[];
    expect(rows.map((r) => [r.method, r.status, r.amount])).toEqual([
      ['cod', 'awaiting_collection', 240_000],
      ['cod', 'awaiting_collection', 240_000],
    ]);

    const outbox = (await t.db.query(
      `SELECT key, payload FROM outbox WHERE topic = 'orders.placed' AND key = ANY($1)`,
      [result.orders.map((o) => o.id)],
    )) as {
      key: string;
      payload: { lines: Record<string, unknown>[]; referralCode: string; totalVnd: string };
    }[];
    expect(outbox).toHaveLength(2);
    for (const row of outbox) {
      expect(row.payload.referralCode).toBe('LAN2026');
      expect(row.payload.totalVnd).toBe('240000');
      expect(row.payload.lines[0]).toMatchObject({
        sessionId: made.session.id,
        hostUserId: made.session.hostUserId,
        branchId: made.session.branchId,
        branchPath: made.session.branchPath,
      });
    }

    // A later price change leaves the order's snapshot alone.
    await t.db.query(`UPDATE products SET price_vnd = 1 WHERE id = $1`, [a.id]);
    const order = await t
      .http()
      .get(`/api/orders/${byProducer.get(farmer.producer.id)?.id}`)
      .set(authHeader(buyer.accessToken));
    expect(order.status).toBe(200);
    expect((order.body as OrderView).lines[0]).toMatchObject({
      productId: a.id,
      unitPriceVnd: 120_000,
      quantity: 2,
    });
  });

  it('the same key replays the same answer; the same key with another body is 422; no key is 400', async () => {
    const p = await product(10);
    const made = await liveWith(p);
    const key = idempotencyKey();
    const body = checkoutBody([{ productId: p.id, quantity: 1 }], { sessionId: made.session.id });
    const one = await postCheckout(t, buyer.accessToken, body, key);
    // The same body written differently (phone format) is the same request.
    const again = await postCheckout(
      t,
      buyer.accessToken,
      { ...body, address: deliveryAddress({ phone: '+84 912 345 678' }) },
      key,
    );
    expect(one.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(one.body);
    expect(await stockOf(p.id)).toBe(9);

    const other = await postCheckout(
      t,
      buyer.accessToken,
      { ...body, lines: [{ productId: p.id, quantity: 2 }] },
      key,
    );
    expect(other.status).toBe(422);
    expect((other.body as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Keys are per buyer: another shopper's identical key is a checkout of its own.
    const stranger = await makeUser(t);
    expect((await postCheckout(t, stranger.accessToken, body, key)).status).toBe(201);

    for (const bad of [null, 'short', 'x'.repeat(200), 'has spaces in it']) {
      const res = await postCheckout(t, buyer.accessToken, body, bad);
      expect(res.status).toBe(400);
      expect((res.body as { code: string }).code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await stockOf(p.id)).toBe(8);
  });

  it('mass assignment, malformed addresses and bad quantities are 400 and touch nothing', async () => {
    const p = await product(10);
    const base = checkoutBody([{ productId: p.id, quantity: 1 }]);
    const bodies: unknown[] = [
      { ...base, price: 1 },
      { ...base, status: 'confirmed' },
      { ...base, branchId: admin.id },
      { ...base, totalVnd: 1 },
      { ...base, lines: [{ productId: p.id, quantity: 1, unitPriceVnd: 1 }] },
      { ...base, lines: [{ productId: p.id, quantity: -1 }] },
      { ...base, lines: [{ productId: p.id, quantity: 0 }] },
      { ...base, lines: [{ productId: p.id, quantity: 1_000_000 }] },
      { ...base, lines: [{ productId: p.id, quantity: 1.5 }] },
      { ...base, lines: [{ productId: p.id, quantity: '3' }] },
      { ...base, lines: [] },
      { ...base, lines: [{ productId: 'not-a-uuid', quantity: 1 }] },
      {
        ...base,
        lines: [
          { productId: p.id, quantity: 1 },
          { productId: p.id, quantity: 2 },
        ],
      },
      { ...base, paymentMethod: 'bitcoin' },
      { ...base, address: deliveryAddress({ phone: '12345' }) },
      { ...base, address: deliveryAddress({ province: 'Atlantis' }) },
      { ...base, address: deliveryAddress({ street: '' }) },
      { ...base, address: { ...deliveryAddress(), extra: 'x' } },
      { ...base, address: 'Hà Nội' },
      { ...base, referralCode: '!!' },
    ];
    for (const body of bodies) {
      const res = await postCheckout(t, buyer.accessToken, body);
      if (res.status !== 400)
        throw new Error(`${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}`);
    }
    const noAuth = await t.http().post('/api/checkouts').set('Idempotency-Key', idempotencyKey()).send(base);
    expect(noAuth.status).toBe(401);
    expect(await stockOf(p.id)).toBe(10);
  });

  it('all or nothing: a refused line refuses the checkout, every line answered, no stock taken', async () => {
    const plenty = await product(10);
    const scarce = await product(1);
    const made = await liveWith(plenty, scarce);
    const notInLineup = await product(5);
    const res = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody(
        [
          { productId: plenty.id, quantity: 2 },
          { productId: scarce.id, quantity: 3 },
        ],
        { sessionId: made.session.id },
      ),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'SOLD_OUT',
      details: {
        lines: [
          { productId: plenty.id, status: 'ok' },
          { productId: scarce.id, status: 'rejected', code: 'SOLD_OUT' },
        ],
      },
    });
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(1);

    const outside = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: notInLineup.id }], { sessionId: made.session.id }),
    );
    expect(outside.status).toBe(409);
    expect((outside.body as { code: string }).code).toBe('PRODUCT_NOT_SELLABLE');

    const scheduled = await makeSession(t, { products: [plenty] });
    const early = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: plenty.id }], { sessionId: scheduled.session.id }),
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'SESSION_NOT_OPEN',
      details: { lines: [{ productId: plenty.id, status: 'rejected', code: 'SESSION_NOT_OPEN' }] },
    });
    expect(await stockOf(plenty.id)).toBe(10);
  });

  it('a shopper lists and reads only their own orders; anyone else gets 404', async () => {
    const p = await product(10);
    const mine = await makeUser(t);
    const placed = await placeCheckout(t, mine.accessToken, checkoutBody([{ productId: p.id }]));
    const orderId = placed.orders[0]?.id as string;
    const list = await t.http().get('/api/orders?pageSize=5').set(authHeader(mine.accessToken));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ id: orderId }] });

    const other = await makeUser(t);
    const res = await t.http().get(`/api/orders/${orderId}`).set(authHeader(other.accessToken));
    expect(res.status).toBe(404);
    expect((res.body as { code: string }).code).toBe('ORDER_NOT_FOUND');
    expect((await t.http().get('/api/orders').set(authHeader(other.accessToken))).body).toMatchObject({
      total: 0,
    });
    expect((await t.http().get(`/api/orders/${orderId}`).set(authHeader(mine.accessToken))).status).toBe(200);
  });

  it('card: pending with a client secret; payments.succeeded confirms every order of the checkout once', async () => {
    const a = await product(10, 100_000);
    const b = await product(10, 50_000, otherFarmer);
    const result = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: a.id }, { productId: b.id }], { paymentMethod: 'card' }),
    );
    expect(result.payment?.clientSecret).toEqual(expect.any(String));
    expect(result.orders.map((o) => o.status)).toEqual(['pending_payment', 'pending_payment']);
    const intent = [...stub.intents.values()].find(
      (i) => (i.metadata as { reference: string }).reference === result.checkoutId,
    );
    expect(intent?.amount).toBe(150_000);

    // The outbox delivers payments.succeeded to its subscribers, at least once: deliver it twice.
    const subscribers = t.app.get(OutboxSubscribers).of('payments.succeeded');
    expect(subscribers.map((s) => s.name)).toContain('orders.paid');
    const message = {
      id: randomUUID(),
      topic: 'payments.succeeded' as const,
      key: result.payment?.paymentId as string,
      payload: {
        paymentId: result.payment?.paymentId as string,
        reference: result.checkoutId,
        amountVnd: '150000',
      },
      createdAt: new Date(),
    };
    for (let i = 0; i < 2; i++) for (const s of subscribers) await s.handle(message);
    const statuses = (await t.db.query(
      `SELECT o.status, (SELECT count(*)::int FROM order_status_changes c WHERE c.order_id = o.id AND c.event = 'pay') AS pays
       FROM orders o WHERE checkout_id = $1`,
      [result.checkoutId],
    )) as { status: string; pays: number }[];
    expect(statuses).toEqual([
      { status: 'confirmed', pays: 1 },
      { status: 'confirmed', pays: 1 },
    ]);
  });

  it('card expiry: the delayed job expires an unpaid order once, returns its stock and cancels the intent', async () => {
    // A worker: the orders' jobs and the outbox relay (the intent is canceled from the committed expiry event).
    const worker = await createTestApp({
      imports: [OrdersJobsModule, OutboxRelayModule.forRoot()],
      config: { ...STRIPE, STRIPE_API_URL: stub.url },
    });
    try {
      const p = await product(10);
      const result = await placeCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id, quantity: 4 }], { paymentMethod: 'card' }),
      );
      const orderId = result.orders[0]?.id as string;
      expect(await stockOf(p.id)).toBe(6);
      const queue = t.app.get<Queue>(getQueueToken('orders'));
      const job = await queue.getJob(expiryJobId(orderId));
      expect(job?.opts.delay).toBeGreaterThan(14 * 60_000);
      // The deadline arrives: move it into the past and let the job run now.
      await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [orderId]);
      await job?.promote();
      await waitFor(async () => (await orderStatus(orderId)) === 'expired', 10_000);
      expect(await stockOf(p.id)).toBe(10);
      await waitFor(async () => {
        const intent = [...stub.intents.values()].find(
          (i) => (i.metadata as { reference: string }).reference === result.checkoutId,
        );
        return intent?.status === 'canceled';
      }, 10_000);
      // Running it again (a retry, the sweeper) changes nothing.
      await queue.add('expire-order', { orderId }, { jobId: `again-${orderId}` });
      await new Promise((r) => setTimeout(r, 300));
      expect(await stockOf(p.id)).toBe(10);
    } finally {
      await worker.close();
    }
  });

  it('card expiry when the worker was down at the due time: the sweeper on its boot returns the stock', async () => {
    const p = await product(10);
    const result = await placeCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 3 }], { paymentMethod: 'card' }),
    );
    const orderId = result.orders[0]?.id as string;
    // No worker is running; the delayed job is lost with it, and the deadline passes.
    await t.app.get<Queue>(getQueueToken('orders')).remove(expiryJobId(orderId));
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '10 minutes' WHERE id = $1`, [orderId]);
    expect(await stockOf(p.id)).toBe(7);
    const worker = await createTestApp({
      imports: [OrdersJobsModule],
      config: { ...STRIPE, STRIPE_API_URL: stub.url },
    });
    try {
      expect(await orderStatus(orderId)).toBe('expired');
      expect(await stockOf(p.id)).toBe(10);
      const changes = (await t.db.query(
        `SELECT from_status, to_status FROM order_status_changes WHERE order_id = $1 ORDER BY created_at`,
        [orderId],
      )) as unknown[];
      expect(changes).toEqual([
        { from_status: null, to_status: 'pending_payment' },
        { from_status: 'pending_payment', to_status: 'expired' },
      ]);
    } finally {
      await worker.close();
    }
  });

  const orderStatus = async (id: string) =>
    ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [id])) as { status: string }[])[0]?.status;
});

describe('checkout without Stripe keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [OrdersHttpModule, CatalogueHttpModule, IdentityHttpModule],
      config: { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_URL: undefined },
    });
  });
  afterAll(() => t?.close());

  it('a card checkout is refused with 503 before any stock is reserved; COD still works', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const p = await makeActiveProduct(t, { farmer, admin, stock: 5 });
    const buyer = await makeUser(t);
    const card = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { paymentMethod: 'card' }),
    );
    expect(card.status).toBe(503);
    expect((card.body as { code: string }).code).toBe('CARD_PAYMENT_UNAVAILABLE');
    const cod = await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    expect(cod.status).toBe(201);
    expect((cod.body as CheckoutResult).orders[0]?.status).toBe('confirmed');
  });
});
