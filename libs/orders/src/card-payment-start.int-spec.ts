import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  Farmer,
  idempotencyKey,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeUser,
  postCheckout,
  startStripeStub,
  StripeStub,
  TestApp,
} from '@ocop/testing';
import { CheckoutPaymentView, CheckoutResult, OrderView } from './application/views';
import { OrdersHttpModule } from './orders-http.module';

const STRIPE = {
  STRIPE_SECRET_KEY: 'sk_test_ocop_card_start',
  STRIPE_WEBHOOK_SECRET: 'whsec_ocop_card_start',
};
const INTENTS = { method: 'POST', path: /^\/v1\/payment_intents$/, status: 500 };

describe('an honest card payment: a checkout whose PaymentIntent could not be created', () => {
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
      config: { ...STRIPE, STRIPE_API_URL: stub.url },
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    otherFarmer = await makeFarmer(t, { branchId: tree.communeB1.id });
    buyer = await makeUser(t);
  }, 60_000);
  afterEach(() => {
    stub.outage = null;
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const product = (priceVnd: number, owner: Farmer = farmer) =>
    makeActiveProduct(t, { farmer: owner, admin, stock: 10, priceVnd });
  const startPayment = (token: string, checkoutId: string) =>
    t.http().post(`/api/checkouts/${checkoutId}/payment`).set(authHeader(token));
  const ordersOf = async (checkoutId: string) =>
    (await t.db.query(
      `SELECT id, status, payment_id AS "paymentId" FROM orders WHERE checkout_id = $1 ORDER BY id`,
      [checkoutId],
    )) as { id: string; status: string; paymentId: string | null }[];
  const intentsOf = (checkoutId: string) =>
    [...stub.intents.values()].filter((i) => (i.metadata as { reference?: string }).reference === checkoutId);

  it('Stripe answers 500: the orders await payment, the answer says the payment did not start, and a retry with the same key starts it', async () => {
    const a = await product(100_000);
    const b = await product(50_000, otherFarmer);
    const body = checkoutBody([{ productId: a.id }, { productId: b.id }], { paymentMethod: 'card' });
    const key = idempotencyKey();

    stub.outage = INTENTS;
    const first = await postCheckout(t, buyer.accessToken, body, key);
    expect(first.status).toBe(201);
    const placed = first.body as CheckoutResult;
    expect(placed.paymentState).toBe('not_started');
    expect(placed.payment).toBeUndefined();
    expect(placed.orders.map((o: OrderView) => o.status)).toEqual(['pending_payment', 'pending_payment']);
    expect(await ordersOf(placed.checkoutId)).toEqual([
      expect.objectContaining({ status: 'pending_payment', paymentId: null }),
      expect.objectContaining({ status: 'pending_payment', paymentId: null }),
    ]);
    // The stripe client really asked (and retried) before giving up; Stripe created nothing.
    expect(
      stub.requests.filter((r) => r.path === '/v1/payment_intents' && r.status === 500).length,
    ).toBeGreaterThan(0);
    expect(intentsOf(placed.checkoutId)).toHaveLength(0);

    // Still down: the replay is honest again (not started), and places nothing twice.
    const stillDown = await postCheckout(t, buyer.accessToken, body, key);
    expect(stillDown.status).toBe(201);
    expect((stillDown.body as CheckoutResult).paymentState).toBe('not_started');
    expect((stillDown.body as CheckoutResult).checkoutId).toBe(placed.checkoutId);

    // Stripe is back: the same request (same key) starts the payment of the same orders.
    stub.outage = null;
    const retried = await postCheckout(t, buyer.accessToken, body, key);
    expect(retried.status).toBe(201);
    const ready = retried.body as CheckoutResult;
    expect(ready.checkoutId).toBe(placed.checkoutId);
    expect(ready.paymentState).toBe('ready');
    expect(ready.payment?.clientSecret).toEqual(expect.stringContaining('_secret_'));
    const [intent] = intentsOf(placed.checkoutId);
    expect(intentsOf(placed.checkoutId)).toHaveLength(1);
    expect(intent?.amount).toBe(150_000);
    expect(ready.payment?.clientSecret).toBe(intent?.['client_secret']);
    const orders = await ordersOf(placed.checkoutId);
    expect(orders.map((o) => o.paymentId)).toEqual([ready.payment?.paymentId, ready.payment?.paymentId]);

    // The endpoint resumes the same payment (the same intent, no second one), as often as asked.
    const resumed = await Promise.all(
      [1, 2, 3].map(() => startPayment(buyer.accessToken, placed.checkoutId)),
    );
    for (const r of resumed) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        checkoutId: placed.checkoutId,
        paymentId: ready.payment?.paymentId,
        clientSecret: intent?.['client_secret'],
        amountVnd: 150_000,
        orderIds: expect.arrayContaining(orders.map((o) => o.id)),
      });
    }
    expect(intentsOf(placed.checkoutId)).toHaveLength(1);
  });

  it('the buyer starts the payment through its endpoint: racing taps make one PaymentIntent and one payment', async () => {
    const p = await product(120_000);
    stub.outage = INTENTS;
    const first = await postCheckout(
      t,
      buyer.accessToken,
      checkoutBody([{ productId: p.id, quantity: 2 }], { paymentMethod: 'card' }),
    );
    const placed = first.body as CheckoutResult;
    expect(placed.paymentState).toBe('not_started');

    // While Stripe is down the endpoint says so (503, a stable code, Retry-After) and starts nothing.
    const down = await startPayment(buyer.accessToken, placed.checkoutId);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ code: 'PAYMENT_PROVIDER_REJECTED' });
    expect(await ordersOf(placed.checkoutId)).toEqual([expect.objectContaining({ paymentId: null })]);

    stub.outage = null;
    const taps = await Promise.all(
      Array.from({ length: 6 }, () => startPayment(buyer.accessToken, placed.checkoutId)),
    );
    expect(taps.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const answers = taps.map((r) => r.body as CheckoutPaymentView);
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.clientSecret)).size).toBe(1);
    expect(answers[0]?.amountVnd).toBe(240_000);
    expect(intentsOf(placed.checkoutId)).toHaveLength(1);
    const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM payments WHERE reference = $1`, [
      placed.checkoutId,
    ])) as { n: number }[];
    expect(n).toBe(1);
    expect(await ordersOf(placed.checkoutId)).toEqual([
      expect.objectContaining({ status: 'pending_payment', paymentId: answers[0]?.paymentId }),
    ]);
  });

  it("only the buyer's own checkout, and only while an order awaits payment", async () => {
    const p = await product(90_000);
    stub.outage = INTENTS;
    const placed = (
      await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }], { paymentMethod: 'card' }))
    ).body as CheckoutResult;
    stub.outage = null;

    const stranger = await makeUser(t);
    const theirs = await startPayment(stranger.accessToken, placed.checkoutId);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ code: 'CHECKOUT_NOT_FOUND' });
    expect((await startPayment(buyer.accessToken, 'not-a-checkout')).status).toBe(400);

    const cancelled = await t
      .http()
      .post(`/api/orders/${placed.orders[0]?.id}/cancel`)
      .set(authHeader(buyer.accessToken));
    expect(cancelled.status).toBe(200);
    const nothing = await startPayment(buyer.accessToken, placed.checkoutId);
    expect(nothing.status).toBe(409);
    expect(nothing.body).toMatchObject({ code: 'NOTHING_TO_PAY' });
    expect(intentsOf(placed.checkoutId)).toHaveLength(0);

    const cod = (
      await postCheckout(t, buyer.accessToken, checkoutBody([{ productId: p.id }], { paymentMethod: 'cod' }))
    ).body as CheckoutResult;
    expect(cod.paymentState).toBe('on_delivery');
    expect((await startPayment(buyer.accessToken, cod.checkoutId)).body).toMatchObject({
      code: 'NOTHING_TO_PAY',
    });
  });
});
