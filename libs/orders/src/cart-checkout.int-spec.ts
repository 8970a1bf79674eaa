import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  deliveryAddress,
  Farmer,
  idempotencyKey,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeShoppersFast,
  makeUser,
  postCheckout,
  TestApp,
} from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '@ocop/db';
import type { CheckoutResult, OrderView } from './application/views';
import { OrdersRepository } from './infrastructure/orders.repository';
import { ORDER_CODE_RE } from './domain';
import { OrdersHttpModule } from './orders-http.module';

/** A cart across producers: each producer's shipping fee, an order code per order, and wards from the official list. */
describe('cart checkout: shipping fees, order codes, wards', () => {
  let t: TestApp;
  let admin: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let farmerC: Farmer;
  let buyer: MadeUser;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      config: { DATABASE_POOL_SIZE: 30 },
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    farmerC = await makeFarmer(t, { branchId: tree.communeA2.id });
    buyer = await makeUser(t);
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const product = (owner: Farmer, priceVnd: number, stock = 50) =>
    makeActiveProduct(t, { farmer: owner, admin, stock, priceVnd });
  const setRate = (owner: Pick<MadeUser, 'accessToken'>, body: Record<string, unknown>) =>
    t.http().put('/api/farmer/shipping').set(authHeader(owner.accessToken)).send(body);

  it('a farmer sets a flat fee or free shipping from an amount; bad values are 400 SHIPPING_RATE_INVALID', async () => {
    const initial = await t.http().get('/api/farmer/shipping').set(authHeader(farmerC.accessToken));
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({ flatFeeVnd: 0, freeFromVnd: null });

    for (const bad of [
      { flatFeeVnd: -1 },
      { flatFeeVnd: 1.5 },
      { flatFeeVnd: 2_000_000 },
      { flatFeeVnd: '30000' },
      { flatFeeVnd: 30_000, freeFromVnd: 0 },
      { flatFeeVnd: 30_000, freeFromVnd: 1e12 },
      { flatFeeVnd: 30_000, extra: 1 },
    ]) {
      const res = await setRate(farmerC, bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    const ok = await setRate(farmerC, { flatFeeVnd: 25_000, freeFromVnd: 300_000 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ flatFeeVnd: 25_000, freeFromVnd: 300_000 });
    expect((await t.http().get('/api/farmer/shipping').set(authHeader(farmerC.accessToken))).body).toEqual({
      flatFeeVnd: 25_000,
      freeFromVnd: 300_000,
    });
    // A shopper has no shipping fee to set.
    expect((await setRate(buyer, { flatFeeVnd: 1000 })).status).toBe(403);
  });

  it('one cart, three producers: each order carries its own fee (flat, free from an amount, none), in its total', async () => {
    await setRate(farmerA, { flatFeeVnd: 30_000 });
    await setRate(farmerB, { flatFeeVnd: 20_000, freeFromVnd: 200_000 });
    const a = await product(farmerA, 100_000);
    const b = await product(farmerB, 150_000);
    const free = await product(farmerC, 400_000);
    const cheap = await product(farmerC, 50_000);
    const made = await makeLiveSession(t, { products: [a, b, free, cheap] });
    const lines = [
      { productId: a.id, quantity: 1 },
      { productId: b.id, quantity: 2 },
      { productId: free.id, quantity: 1 },
    ];

    // The quote: what the sheet shows before the buyer confirms.
    const quote = await t
      .http()
      .post('/api/checkouts/quote')
      .set(authHeader(buyer.accessToken))
      .send({ lines, sessionId: made.session.id });
    expect(quote.status).toBe(200);
    const byProducer = (id: string) =>
      (quote.body.orders as { producerId: string }[]).find((o) => o.producerId === id);
    expect(byProducer(farmerA.producer.id)).toMatchObject({
      goodsVnd: 100_000,
      shippingFeeVnd: 30_000,
      totalVnd: 130_000,
    });
    expect(byProducer(farmerB.producer.id)).toMatchObject({
      goodsVnd: 300_000,
      shippingFeeVnd: 0,
      freeFromVnd: 200_000,
    });
    expect(byProducer(farmerC.producer.id)).toMatchObject({
      goodsVnd: 400_000,
      shippingFeeVnd: 0,
      producerName: farmerC.producer.name,
    });
    expect(quote.body).toMatchObject({ goodsVnd: 800_000, shippingFeeVnd: 30_000, totalVnd: 830_000 });

    const res = await postCheckout(t, buyer.accessToken, checkoutBody(lines, { sessionId: made.session.id }));
    expect(res.status).toBe(201);
    const result = res.body as CheckoutResult;
    expect(result.orders).toHaveLength(3);
    const order = (producerId: string) => result.orders.find((o) => o.producerId === producerId) as OrderView;
    expect(order(farmerA.producer.id)).toMatchObject({ shippingFeeVnd: 30_000, totalVnd: 130_000 });
    expect(order(farmerB.producer.id)).toMatchObject({ shippingFeeVnd: 0, totalVnd: 300_000 });
    expect(order(farmerC.producer.id)).toMatchObject({ shippingFeeVnd: 0, totalVnd: 400_000 });
    expect(result.orders.reduce((n, o) => n + o.totalVnd, 0)).toBe(quote.body.totalVnd);

    // Stored: the fee on the order, and the COD payment the courier collects is the total with the fee.
    const rows = (await t.db.query(
      `SELECT o.producer_id, o.shipping_fee_vnd::int AS fee, o.total_vnd::int AS total, p.amount_vnd::int AS cod
       FROM orders o JOIN payments p ON p.id = o.payment_id WHERE o.checkout_id = $1`,
      [result.checkoutId],
    )) as { producer_id: string; fee: number; total: number; cod: number }[];
    const rowA = rows.find((r) => r.producer_id === farmerA.producer.id);
    expect(rowA).toMatchObject({ fee: 30_000, total: 130_000, cod: 130_000 });

    // Under the threshold, farmer B's flat fee applies; farmer C's free-from rule is per order, not per cart.
    const small = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody(
        [
          { productId: b.id, quantity: 1 },
          { productId: cheap.id, quantity: 1 },
        ],
        { sessionId: made.session.id },
      ),
    );
    expect(small.status).toBe(201);
    const smallOrders = (small.body as CheckoutResult).orders;
    expect(smallOrders.find((o) => o.producerId === farmerB.producer.id)).toMatchObject({
      shippingFeeVnd: 20_000,
      totalVnd: 170_000,
    });
    expect(smallOrders.find((o) => o.producerId === farmerC.producer.id)).toMatchObject({
      shippingFeeVnd: 25_000,
      totalVnd: 75_000,
    });
  }, 60_000);

  it('the client cannot set the fee or the total: unknown fields are refused, the server computes both', async () => {
    await setRate(farmerA, { flatFeeVnd: 30_000 });
    const a = await product(farmerA, 100_000);
    for (const extra of [{ shippingFeeVnd: 0 }, { totalVnd: 1 }]) {
      const res = await postCheckout(t, buyer.accessToken, {
        ...checkoutBody([{ productId: a.id }]),
        ...extra,
      });
      expect(res.status).toBe(400);
    }
    const res = await postCheckout(t, buyer.accessToken, {
      ...checkoutBody([{ productId: a.id }]),
      lines: [{ productId: a.id, quantity: 1, shippingFeeVnd: 0 }],
    });
    expect(res.status).toBe(400);
    const ok = await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: a.id }]));
    expect((ok.body as CheckoutResult).orders[0]).toMatchObject({
      shippingFeeVnd: 30_000,
      totalVnd: 130_000,
    });
  });

  it('every order gets a unique readable code, even in a racing batch of checkouts; the farmer finds it by code', async () => {
    const p = await product(farmerB, 60_000, 200);
    const shoppers = await makeShoppersFast(t, 40);
    const answers = await Promise.all(
      shoppers.map((s) => postCheckout(t, s.accessToken, checkoutBody([{ productId: p.id }]))),
    );
    expect(answers.map((r) => r.status)).toEqual(shoppers.map(() => 201));
    const codes = answers.map((r) => (r.body as CheckoutResult).orders[0]?.code as string);
    for (const code of codes) expect(code).toMatch(ORDER_CODE_RE);
    expect(new Set(codes).size).toBe(codes.length);
    const [{ n, distinct }] = (await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT code)::int AS distinct FROM orders`,
    )) as { n: number; distinct: number }[];
    expect(distinct).toBe(n);

    // A collision is caught by the unique index (the checkout draws again; here the index itself is shown to hold).
    const [first] = codes;
    await expect(
      t.db.query(`UPDATE orders SET code = $1 WHERE code = $2`, [first, codes[1]]),
    ).rejects.toMatchObject({ code: '23505' });

    // The checkout's own retry: a drawn code that is taken rolls back to its savepoint and the next draw is used,
    // inside the same transaction.
    const repo = t.app.get(OrdersRepository);
    const tx = t.app.get(TransactionRunner);
    const [{ id: checkoutId }] = (await t.db.query(
      `INSERT INTO checkouts (buyer_user_id, idempotency_key, fingerprint) VALUES ($1, $2, 'x') RETURNING id`,
      [buyer.id, idempotencyKey()],
    )) as { id: string }[];
    const draws = [first as string, first as string, 'ZZZZ2222'];
    const orderId = randomUUID();
    const got = await tx.run((em) =>
      repo.insertOrder(
        em,
        {
          id: orderId,
          checkoutId,
          buyerUserId: buyer.id,
          producerId: farmerB.producer.id,
          status: 'confirmed',
          paymentMethod: 'cod',
          paymentId: null,
          totalVnd: 60_000,
          shippingFeeVnd: 0,
          deliveryAddress: {
            recipientName: 'A B',
            phone: '+84912345678',
            provinceCode: 'ha-noi',
            provinceName: 'Hà Nội',
            ward: 'Phường Hoàn Kiếm',
            street: 'Số 1',
          },
          referralCode: null,
          expiresAt: null,
          placedAt: new Date(),
          sessionId: null,
          shareCode: null,
        },
        [],
        () => draws.shift() as string,
      ),
    );
    expect(got).toBe('ZZZZ2222');
    expect(draws).toEqual([]);
    expect(await t.db.query(`SELECT code FROM orders WHERE id = $1`, [orderId])).toEqual([
      { code: 'ZZZZ2222' },
    ]);

    const typed = `${(first as string).slice(0, 4).toLowerCase()}-${(first as string).slice(4)}`;
    const found = await t
      .http()
      .get('/api/farmer/orders')
      .query({ code: typed })
      .set(authHeader(farmerB.accessToken));
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0].code).toBe(first);
    // Another producer's farmer does not find it.
    const other = await t
      .http()
      .get('/api/farmer/orders')
      .query({ code: first })
      .set(authHeader(farmerA.accessToken));
    expect(other.body.items).toHaveLength(0);
  }, 90_000);

  it("wards: a ward of the province is stored under its official name; another province's, an unknown one, or invisible text is 400", async () => {
    const p = await product(farmerA, 80_000);
    const placeWith = (address: Record<string, unknown>) =>
      postCheckout(
        t,
        buyer.accessToken,
        { ...checkoutBody([{ productId: p.id }]), address },
        idempotencyKey(),
      );

    const good = await placeWith(deliveryAddress({ province: 'ha-noi', commune: 'xa bat trang' }));
    expect(good.status).toBe(201);
    expect((good.body as CheckoutResult).orders[0]?.deliveryAddress.ward).toBe('Xã Bát Tràng');

    const elsewhere = await placeWith(deliveryAddress({ province: 'ho-chi-minh', commune: 'Xã Bát Tràng' }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.code).toBe('INVALID_WARD');
    const unknown = await placeWith(deliveryAddress({ commune: 'Phường Hàng Bạc' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('INVALID_WARD');
    for (const commune of ['Xã Bát\u0000Tràng', '\u200b\u200b\u200b', '\u202eXã Bát Tràng']) {
      const res = await placeWith(deliveryAddress({ commune }));
      expect({ commune, status: res.status }).toEqual({ commune, status: 400 });
      expect(['ADDRESS_INVALID', 'INVALID_TEXT']).toContain(res.body.code);
    }
    // Saving an address checks the same way.
    const saved = await t
      .http()
      .post('/api/me/addresses')
      .set(authHeader(buyer.accessToken))
      .send(deliveryAddress({ province: 'hue', commune: 'Xã Bát Tràng' }));
    expect(saved.status).toBe(400);
    expect(saved.body.code).toBe('INVALID_WARD');

    // The lists the picker reads: public, cacheable, one province at a time.
    const wards = await t.http().get('/api/provinces/ha-noi/wards');
    expect(wards.status).toBe(200);
    expect(wards.headers['cache-control']).toContain('max-age');
    expect(wards.body).toContainEqual({ code: '00577', name: 'Xã Bát Tràng' });
    expect(wards.body.length).toBe(126);
    expect((await t.http().get('/api/provinces/atlantis/wards')).status).toBe(400);
    expect((await t.http().get('/api/provinces/..%2F..%2Fetc/wards')).status).toBe(400);
  });

  it("my orders show the producer's name and phone and the timeline, only to the order's buyer", async () => {
    const p = await product(farmerA, 90_000);
    const res = await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }]));
    const orderId = (res.body as CheckoutResult).orders[0]?.id as string;
    const mine = await t.http().get(`/api/orders/${orderId}`).set(authHeader(buyer.accessToken));
    expect(mine.status).toBe(200);
    expect(mine.body.producer).toEqual({ name: farmerA.producer.name, phone: farmerA.producer.phone });
    expect(mine.body.history).toEqual([{ status: 'confirmed', at: expect.any(String) }]);
    const list = await t.http().get('/api/orders').set(authHeader(buyer.accessToken));
    expect(list.body.items.find((o: OrderView) => o.id === orderId).producer.name).toBe(
      farmerA.producer.name,
    );

    const stranger = await makeUser(t);
    expect((await t.http().get(`/api/orders/${orderId}`).set(authHeader(stranger.accessToken))).status).toBe(
      404,
    );
    // The farmer's view of the order does not carry the contact block (the farmer is the contact).
    const farmerView = await t
      .http()
      .get(`/api/farmer/orders/${orderId}`)
      .set(authHeader(farmerA.accessToken));
    expect(farmerView.body.producer).toBeUndefined();
  });
});
