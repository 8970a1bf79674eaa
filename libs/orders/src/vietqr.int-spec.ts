import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import { PaymentsHttpModule } from '@ocop/payments';
import { OutboxRelayModule } from '@ocop/queue';
import {
  authHeader,
  checkoutBody,
  connectSocket,
  createTestApp,
  Farmer,
  idempotencyKey,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  nextSocketEvent,
  PAYOS_TEST_KEYS,
  PayosStub,
  PayosWebhookBody,
  postCheckout,
  startPayosStub,
  TestApp,
} from '@ocop/testing';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { CheckoutResult } from './application/views';
import { OrdersHttpModule } from './orders-http.module';

/** Polls `read` until `done` holds (the outbox relay works in the background), or fails after 15 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('VietQR through payOS: checkout, signed webhooks, expiry (real PostgreSQL and Redis, SDK on the stub)', () => {
  let stub: PayosStub;
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let buyer: MadeUser;

  beforeAll(async () => {
    stub = await startPayosStub();
    t = await createTestApp({
      imports: [
        OrdersHttpModule,
        PaymentsHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
        OutboxRelayModule.forRoot(),
      ],
      config: { ...PAYOS_TEST_KEYS, PAYOS_API_URL: stub.url },
      websockets: true,
    });
    stub.setWebhookUrl(`${t.url}/api/payments/payos/webhook`);
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    buyer = await makeUser(t);
  }, 60_000);
  afterEach(() => stub.setOutage(null));
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const product = (priceVnd: number, stock = 10) => makeActiveProduct(t, { farmer, admin, stock, priceVnd });
  async function vietqrCheckout(priceVnd = 120_000, token = buyer.accessToken) {
    const p = await product(priceVnd);
    const res = await postCheckout(
      t,
      token,
      checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
    );
    expect(res.status).toBe(201);
    const placed = res.body as CheckoutResult;
    expect(placed.paymentState).toBe('ready');
    return { placed, product: p, vietqr: placed.vietqr!, order: placed.orders[0]! };
  }
  const deliver = (body: unknown) =>
    t
      .http()
      .post('/api/payments/payos/webhook')
      .set('Content-Type', 'application/json')
      .send(body as object);
  const orderStatus = async (orderId: string) =>
    ((await t.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])) as { status: string }[])[0]
      ?.status;
  const payment = async (paymentId: string) =>
    (
      (await t.db.query(`SELECT status, review_reason FROM payments WHERE id = $1`, [paymentId])) as {
        status: string;
        review_reason: string | null;
      }[]
    )[0];
  const transitions = async (paymentId: string) =>
    (await t.db.query(
      `SELECT from_status, to_status FROM payment_transitions WHERE payment_id = $1 ORDER BY created_at`,
      [paymentId],
    )) as { from_status: string; to_status: string }[];
  const stockOf = async (productId: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [productId])) as { stock: number }[])[0]
      ?.stock;

  it('the whole flow: checkout, the bank pays, the webhook lands, the order turns paid in the buyer’s open socket', async () => {
    const { vietqr, order } = await vietqrCheckout(135_000);
    // One payOS link for the checkout: its order code, the exact amount, a short memo, QR data, the account.
    expect(vietqr).toMatchObject({ amountVnd: 135_000 + order.shippingFeeVnd, status: 'requires_payment' });
    expect(vietqr.amountVnd).toBe(order.totalVnd);
    expect(vietqr.memo).toBe(`DH${vietqr.orderCode}`);
    expect(vietqr.qrCode).toMatch(/^000201/);
    expect(vietqr.qrCode).toContain(String(vietqr.amountVnd));
    expect(vietqr.accountNumber).toBe('0001234567890');
    expect(stub.links.get(vietqr.orderCode)).toMatchObject({ amount: order.totalVnd, status: 'PENDING' });
    expect(order.status).toBe('pending_payment');

    // The order page shows it again (same link), and nobody else can see it.
    const again = await t
      .http()
      .post(`/api/checkouts/${order.checkoutId}/vietqr`)
      .set(authHeader(buyer.accessToken));
    expect(again.status).toBe(200);
    expect(again.body.vietqr).toEqual(vietqr);
    const stranger = await makeUser(t);
    const theirs = await t
      .http()
      .post(`/api/checkouts/${order.checkoutId}/vietqr`)
      .set(authHeader(stranger.accessToken));
    expect(theirs.status).toBe(404);
    expect(stub.links.size).toBeGreaterThan(0);

    const socket = await connectSocket(t, buyer.accessToken);
    const heard = nextSocketEvent<{ orderId: string; orderStatus: string }>(
      socket,
      'notification',
      (n) => n.orderId === order.id,
      15_000,
    );
    const paid = await stub.pay(vietqr.orderCode);
    expect(paid.status).toBe(200);
    expect(JSON.parse(paid.response)).toEqual({
      received: true,
      outcome: 'moved:succeeded',
      duplicate: false,
    });
    expect(await heard).toMatchObject({ orderId: order.id, orderStatus: 'confirmed' });
    expect(await orderStatus(order.id)).toBe('confirmed');
    expect(await payment(vietqr.paymentId)).toMatchObject({ status: 'succeeded' });

    // The same delivery again (payOS retries): harmless, the first outcome repeated.
    const replay = await deliver(paid.body);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ received: true, outcome: 'moved:succeeded', duplicate: true });
    expect(await transitions(vietqr.paymentId)).toEqual([
      { from_status: 'requires_payment', to_status: 'succeeded' },
    ]);

    // A second transfer for the paid order: kept for review, never a second transition.
    const second = await deliver(stub.webhookFor(vietqr.orderCode, { reference: 'FT-SECOND-1' }));
    expect(second.body).toMatchObject({ outcome: 'held:already_paid', duplicate: false });
    expect(await transitions(vietqr.paymentId)).toHaveLength(1);
    const review = (await t.db.query(
      `SELECT needs_review FROM payos_events WHERE order_code = $1 AND reference = 'FT-SECOND-1'`,
      [vietqr.orderCode],
    )) as { needs_review: boolean }[];
    expect(review).toEqual([{ needs_review: true }]);
  }, 60_000);

  it('deliveries racing: the same transfer ten times at once is stored once; five different transfers at once pay once', async () => {
    const post = (body: unknown) =>
      fetch(`${t.url}/api/payments/payos/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { outcome: string; duplicate: boolean },
      }));

    const first = await vietqrCheckout(42_000);
    const same = stub.webhookFor(first.vietqr.orderCode, { reference: 'FT-RACE-SAME' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(same)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.outcome))).toEqual(new Set(['moved:succeeded']));
    expect(await transitions(first.vietqr.paymentId)).toHaveLength(1);

    const second = await vietqrCheckout(43_000);
    const distinct = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        post(stub.webhookFor(second.vietqr.orderCode, { reference: `FT-RACE-${i}` })),
      ),
    );
    expect(distinct.map((a) => a.body.outcome).sort()).toEqual([
      'held:already_paid',
      'held:already_paid',
      'held:already_paid',
      'held:already_paid',
      'moved:succeeded',
    ]);
    expect(await transitions(second.vietqr.paymentId)).toEqual([
      { from_status: 'requires_payment', to_status: 'succeeded' },
    ]);
    const announced = (await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'payments.succeeded' AND key = $1`,
      [second.vietqr.paymentId],
    )) as { n: number }[];
    expect(announced).toEqual([{ n: 1 }]);
  });

  it('payOS down at checkout: the orders await payment; racing starts afterwards make one link for the checkout', async () => {
    const p = await product(56_000);
    stub.setOutage(/^POST \/v2\/payment-requests$/);
    const res = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
    );
    expect(res.status).toBe(201);
    const placed = res.body as CheckoutResult;
    expect(placed.paymentState).toBe('not_started');
    expect(placed.vietqr).toBeUndefined();
    expect(placed.orders[0]!.status).toBe('pending_payment');
    stub.setOutage(null);
    const before = stub.links.size;
    const starts = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http().post(`/api/checkouts/${placed.checkoutId}/vietqr`).set(authHeader(buyer.accessToken)),
      ),
    );
    expect(starts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const codes = new Set(starts.map((r) => (r.body as { vietqr: { orderCode: number } }).vietqr.orderCode));
    expect(codes.size).toBe(1);
    expect(stub.links.size).toBe(before + 1);
    const rows = (await t.db.query(`SELECT count(*)::int AS n FROM payments WHERE reference = $1`, [
      placed.checkoutId,
    ])) as { n: number }[];
    expect(rows).toEqual([{ n: 1 }]);
  }, 60_000);

  it('forged, tampered, stale and malformed webhooks are refused with stable codes and store nothing', async () => {
    const { vietqr, order } = await vietqrCheckout();
    const before = await t.db.query(`SELECT count(*)::int AS n FROM payos_events`);

    const forged = await deliver(
      stub.webhookFor(vietqr.orderCode, { checksumKey: 'not_the_checksum_key_000' }),
    );
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');

    const genuine = stub.webhookFor(vietqr.orderCode);
    const tampered: PayosWebhookBody = { ...genuine, data: { ...genuine.data, amount: 1 } };
    expect((await deliver(tampered)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');

    const stale = await deliver(
      stub.webhookFor(vietqr.orderCode, { at: new Date(Date.now() - 4 * 86_400_000) }),
    );
    expect(stale.status).toBe(400);
    expect(stale.body.code).toBe('WEBHOOK_TIMESTAMP_STALE');
    // payOS's own sample (posted when a webhook URL is registered): old, for an order code nobody has: acknowledged.
    const sampleData = {
      orderCode: 123,
      amount: 3000,
      description: 'VQRIO123',
      accountNumber: '12345678',
      reference: 'TF230204212323',
      transactionDateTime: '2023-02-04 18:25:00',
      currency: 'VND',
      paymentLinkId: '124c33293c43417ab7879e14c8d9eb18',
      code: '00',
      desc: 'Thành công',
    };
    const sample = await deliver({
      code: '00',
      desc: 'success',
      success: true,
      data: sampleData,
      signature: stub.signData(sampleData),
    });
    expect(sample.status).toBe(200);
    expect(sample.body).toEqual({ received: true, outcome: 'ignored:unknown_order_code', duplicate: false });

    for (const bad of [
      {},
      { data: 'x', signature: genuine.signature },
      { ...genuine, data: { ...genuine.data, orderCode: String(vietqr.orderCode) } },
      { ...genuine, signature: 'zz' },
      [genuine],
    ]) {
      const res = await deliver(bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WEBHOOK_MALFORMED');
    }
    const notJson = await t
      .http()
      .post('/api/payments/payos/webhook')
      .set('Content-Type', 'application/json')
      .send('{"data":');
    expect(notJson.status).toBe(400);

    expect(await t.db.query(`SELECT count(*)::int AS n FROM payos_events`)).toEqual(before);
    expect(await orderStatus(order.id)).toBe('pending_payment');
    expect(await payment(vietqr.paymentId)).toMatchObject({ status: 'requires_payment' });
  });

  it('an amount off by one đồng is held for review and never confirms the order, whatever comes after', async () => {
    const { vietqr, order } = await vietqrCheckout(99_000);
    const short = await deliver(stub.webhookFor(vietqr.orderCode, { amount: vietqr.amountVnd - 1 }));
    expect(short.status).toBe(200);
    expect(short.body).toMatchObject({ outcome: 'held:amount_mismatch', duplicate: false });
    expect(await payment(vietqr.paymentId)).toEqual({
      status: 'held_for_review',
      review_reason: 'amount_mismatch',
    });

    // The exact amount afterwards does not confirm a payment under review either.
    const exact = await deliver(stub.webhookFor(vietqr.orderCode, { reference: 'FT-TOPUP' }));
    expect(exact.body).toMatchObject({ outcome: 'held:under_review' });
    const over = await deliver(
      stub.webhookFor(vietqr.orderCode, { amount: vietqr.amountVnd + 1, reference: 'FT-OVER' }),
    );
    expect(over.body).toMatchObject({ outcome: 'held:under_review' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await orderStatus(order.id)).toBe('pending_payment');
    expect(await transitions(vietqr.paymentId)).toEqual([
      { from_status: 'requires_payment', to_status: 'held_for_review' },
    ]);
  });

  it('an unknown order code is acknowledged (payOS stops retrying) and kept for review; nothing moves', async () => {
    const data = {
      orderCode: 987_654_321,
      amount: 50_000,
      description: 'DH987654',
      accountNumber: '0001234567890',
      reference: 'FT-UNKNOWN',
      transactionDateTime: new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
      currency: 'VND',
      paymentLinkId: 'f'.repeat(32),
      code: '00',
      desc: 'success',
    };
    const res = await deliver({
      code: '00',
      desc: 'success',
      success: true,
      data,
      signature: stub.signData(data),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'ignored:unknown_order_code', duplicate: false });
    const rows = (await t.db.query(
      `SELECT payment_id, needs_review FROM payos_events WHERE order_code = 987654321`,
    )) as unknown[];
    expect(rows).toEqual([{ payment_id: null, needs_review: true }]);
  });

  it('a transfer for an order the buyer cancelled: the link was canceled at payOS, the money is held for review', async () => {
    const { vietqr, order, product: p } = await vietqrCheckout(77_000);
    expect(await stockOf(p.id)).toBe(9);
    const cancel = await t
      .http()
      .post(`/api/orders/${order.id}/cancel`)
      .set(authHeader(buyer.accessToken))
      .send({});
    expect(cancel.status).toBe(200);
    expect(await stockOf(p.id)).toBe(10);
    // The link is canceled at payOS from the committed change (the outbox), and the payment with it.
    await eventually(
      async () => stub.links.get(vietqr.orderCode)?.status,
      (s) => s === 'CANCELLED',
      'payOS link',
    );
    await eventually(
      async () => (await payment(vietqr.paymentId))?.status,
      (s) => s === 'canceled',
      'payment',
    );
    const late = await deliver(stub.webhookFor(vietqr.orderCode));
    expect(late.body).toMatchObject({ outcome: 'held:payment_canceled' });
    expect(await payment(vietqr.paymentId)).toEqual({
      status: 'held_for_review',
      review_reason: 'payment_canceled',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await orderStatus(order.id)).toBe('cancelled');
  });

  it('expiry with the worker down at the due time: the sweep expires the order, returns the stock and cancels the link; a late transfer is held', async () => {
    const { vietqr, order, product: p } = await vietqrCheckout(64_000);
    expect(await stockOf(p.id)).toBe(9);
    // The due time passed while no worker ran: no expiry job fired.
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '2 minutes' WHERE id = $1`, [order.id]);
    await t.db.query(
      `UPDATE payments SET payos_link = jsonb_set(payos_link, '{expiresAt}', to_jsonb((now() - interval '2 minutes')::text)) WHERE id = $1`,
      [vietqr.paymentId],
    );
    // A transfer landing now, before the sweep: after the deadline, so held (never confirms an expiring order).
    const late = await deliver(stub.webhookFor(vietqr.orderCode, { reference: 'FT-LATE' }));
    expect(late.body).toMatchObject({ outcome: 'held:after_expiry' });

    // The worker comes back: its boot sweep expires what fell due.
    expect(await t.app.get(OrderLifecycleService).sweep()).toBeGreaterThanOrEqual(1);
    expect(await orderStatus(order.id)).toBe('expired');
    expect(await stockOf(p.id)).toBe(10);
    await eventually(
      async () => stub.links.get(vietqr.orderCode)?.status,
      (s) => s === 'CANCELLED',
      'payOS link',
    );
    // The payment stays held for review (the money is there); the link is closed at payOS.
    expect(await payment(vietqr.paymentId)).toMatchObject({ status: 'held_for_review' });
  });

  it('expiry of an unpaid transfer cancels the link at payOS, retrying while payOS is down', async () => {
    const { vietqr, order } = await vietqrCheckout(51_000);
    await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [order.id]);
    stub.setOutage(/^POST \/v2\/payment-requests\/\d+\/cancel$/);
    expect(await t.app.get(OrderLifecycleService).expire(order.id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(stub.links.get(vietqr.orderCode)?.status).toBe('PENDING');
    stub.setOutage(null);
    await eventually(
      async () => stub.links.get(vietqr.orderCode)?.status,
      (s) => s === 'CANCELLED',
      'payOS link after the outage',
    );
    await eventually(
      async () => (await payment(vietqr.paymentId))?.status,
      (s) => s === 'canceled',
      'payment',
    );
  }, 40_000);

  it('two checkouts race for the last unit, one by transfer and one by COD: exactly one gets it', async () => {
    const p = await product(88_000, 1);
    const other = await makeUser(t);
    const [a, b] = await Promise.all([
      postCheckout(
        t,
        buyer.accessToken,
        checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
        idempotencyKey(),
      ),
      postCheckout(
        t,
        other.accessToken,
        checkoutBody([{ productId: p.id }], { paymentMethod: 'cod' }),
        idempotencyKey(),
      ),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(JSON.stringify(loser.body)).toContain('SOLD_OUT');
    expect(await stockOf(p.id)).toBe(0);
    const orders = (await t.db.query(
      `SELECT payment_method FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.product_id = $1`,
      [p.id],
    )) as unknown[];
    expect(orders).toHaveLength(1);
    if (a.status === 201) {
      // The transfer won: its link exists for the exact amount; unpaid, the unit comes back at expiry.
      const placed = a.body as CheckoutResult;
      expect(stub.links.get(placed.vietqr!.orderCode)?.amount).toBe(placed.orders[0]!.totalVnd);
      await t.db.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        placed.orders[0]!.id,
      ]);
      await t.app.get(OrderLifecycleService).expire(placed.orders[0]!.id);
      expect(await stockOf(p.id)).toBe(1);
    }
  });

  it('without payOS keys VietQR is off: client-config says so and the checkout refuses it with a stable code', async () => {
    const off = await createTestApp({
      imports: [
        OrdersHttpModule,
        PaymentsHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
    });
    try {
      const config = await off.http().get('/api/client-config');
      expect(config.body).toMatchObject({ vietqrPayments: false, simulatedBankUrl: null });
      const p = await product(10_000);
      const res = await postCheckout(
        off,
        buyer.accessToken,
        checkoutBody([{ productId: p.id }], { paymentMethod: 'vietqr' }),
      );
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('VIETQR_PAYMENT_UNAVAILABLE');
      const hook = await off.http().post('/api/payments/payos/webhook').send({});
      expect(hook.status).toBe(503);
      expect(hook.body.code).toBe('WEBHOOKS_DISABLED');
    } finally {
      await off.close();
    }
    const on = await t.http().get('/api/client-config');
    expect(on.body).toMatchObject({ vietqrPayments: true });
  });
});
