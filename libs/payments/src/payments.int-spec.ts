import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { createTestApp, startStripeStub, StripeStub, TestApp } from '@ocop/testing';
import { PaymentsService } from './application/payments.service';
import { stripeClientOptions } from './application/stripe-client';
import { PaymentOutcomeEvent } from './domain';
import { PaymentsHttpModule } from './payments-http.module';
import { OutboxRelayModule } from '@ocop/queue';
import { PaymentsJobsModule } from './payments-jobs.module';

const STRIPE_KEY = 'sk_test_ocop_payments';

describe('payments (card through the Stripe stub, cash on delivery)', () => {
  let stub: StripeStub;
  let t: TestApp;
  let payments: PaymentsService;
  /** What payments announced: its outbox rows, committed with the transitions. */
  const heard = async () =>
    (await t.db.query(
      `SELECT topic AS name, payload AS event FROM outbox WHERE topic LIKE 'payments.%' ORDER BY created_at, id`,
    )) as { name: string; event: PaymentOutcomeEvent }[];

  beforeAll(async () => {
    stub = await startStripeStub();
    t = await createTestApp({
      imports: [PaymentsHttpModule, PaymentsJobsModule, OutboxRelayModule.forRoot()],
      config: {
        STRIPE_SECRET_KEY: STRIPE_KEY,
        STRIPE_WEBHOOK_SECRET: 'whsec_ocop_payments',
        STRIPE_API_URL: stub.url,
      },
    });
    payments = t.app.get(PaymentsService);
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  const transitionsOf = async (paymentId: string) =>
    (await t.db.query(
      `SELECT from_status, to_status FROM payment_transitions WHERE payment_id = $1 ORDER BY created_at, id`,
      [paymentId],
    )) as { from_status: string; to_status: string }[];

  it('a buyer starts a card payment: a PaymentIntent in whole đồng, with a client secret and the reference', async () => {
    const reference = `order-${randomUUID()}`;
    const started = await payments.startCardPayment({
      reference,
      amountVnd: 185_000,
      idempotencyKey: `${reference}:pay`,
      description: 'Mật ong rừng U Minh',
    });

    expect(started.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
    const seen = stub.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents').at(-1);
    expect(seen).toMatchObject({
      status: 200,
      problems: [],
      idempotencyKey: `${reference}:pay`,
      params: {
        amount: '185000',
        currency: 'vnd',
        metadata: { reference },
        payment_method_types: { 0: 'card' },
      },
    });
    const payment = await payments.find(started.paymentId);
    expect(payment).toMatchObject({
      reference,
      method: 'card',
      amountVnd: 185_000,
      status: 'requires_payment',
    });
    const row = (
      await t.db.query(`SELECT amount_vnd::text AS amount FROM payments WHERE id = $1`, [started.paymentId])
    )[0];
    expect(row.amount).toBe('185000');
  });

  it('a retried start (same idempotency key) creates no second PaymentIntent nor payment', async () => {
    const reference = `order-${randomUUID()}`;
    const input = { reference, amountVnd: 50_000, idempotencyKey: `${reference}:pay` };
    const first = await payments.startCardPayment(input);
    const again = await payments.startCardPayment(input);
    expect(again).toEqual(first);
    const rows = await t.db.query(`SELECT id FROM payments WHERE reference = $1`, [reference]);
    expect(rows).toHaveLength(1);
  });

  it('the stub rejects a parameter Stripe does not know, so a wrong call fails our tests', async () => {
    const client = new Stripe(STRIPE_KEY, stripeClientOptions(stub.url));
    const params = { amount: 10_000, currency: 'vnd', tip_jar: 'yes' } as Stripe.PaymentIntentCreateParams;
    await expect(client.paymentIntents.create(params)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      message: expect.stringContaining('Received unknown parameter: tip_jar'),
    });
    expect(stub.requests.at(-1)).toMatchObject({
      status: 400,
      problems: ['Received unknown parameter: tip_jar'],
    });
  });

  it('a paid card order is refunded through Stripe, once, and orders hear payments.refunded', async () => {
    const reference = `order-${randomUUID()}`;
    const started = await payments.startCardPayment({
      reference,
      amountVnd: 90_000,
      idempotencyKey: `${reference}:pay`,
    });
    const intentId = (await payments.find(started.paymentId))?.stripePaymentIntentId as string;
    stub.setIntentStatus(intentId, 'succeeded');
    await t.db.query(`UPDATE payments SET status = 'succeeded' WHERE id = $1`, [started.paymentId]);

    const refunded = await payments.refund(started.paymentId, 'Hàng bị vỡ khi giao');
    expect(refunded.status).toBe('refunded');
    const refundCall = stub.requests.filter((r) => r.path === '/v1/refunds').at(-1);
    expect(refundCall).toMatchObject({
      status: 200,
      idempotencyKey: `payment:${started.paymentId}:refund`,
      params: { payment_intent: intentId, reason: 'requested_by_customer' },
    });
    expect(await transitionsOf(started.paymentId)).toEqual([
      { from_status: 'succeeded', to_status: 'refund_pending' },
      { from_status: 'refund_pending', to_status: 'refunded' },
    ]);
    expect(await heard()).toContainEqual({
      name: 'payments.refunded',
      event: { paymentId: started.paymentId, reference, amountVnd: '90000' },
    });
    await expect(payments.refund(started.paymentId, 'again')).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('an order expires before the buyer pays: the intent is canceled at Stripe', async () => {
    const reference = `order-${randomUUID()}`;
    const started = await payments.startCardPayment({
      reference,
      amountVnd: 20_000,
      idempotencyKey: `${reference}:pay`,
    });
    const canceled = await payments.cancelCardPayment(started.paymentId);
    expect(canceled.status).toBe('canceled');
    expect(stub.intents.get(canceled.stripePaymentIntentId as string)?.['status']).toBe('canceled');
    expect(stub.requests.at(-1)).toMatchObject({
      path: `/v1/payment_intents/${canceled.stripePaymentIntentId}/cancel`,
      status: 200,
    });
  });

  it('cash on delivery from start to collection; the courier must hand over exactly the amount due', async () => {
    const reference = `order-${randomUUID()}`;
    const cod = await payments.startCodPayment({ reference, amountVnd: 120_000 });
    expect(cod).toMatchObject({ method: 'cod', status: 'awaiting_collection', amountVnd: 120_000 });

    await expect(payments.recordCodCollection(cod.id, { collectedVnd: 100_000 })).rejects.toMatchObject({
      code: 'COLLECTED_AMOUNT_MISMATCH',
    });
    const collected = await payments.recordCodCollection(cod.id, { collectedVnd: 120_000 });
    expect(collected).toMatchObject({ status: 'collected', collectedVnd: 120_000 });
    expect(await heard()).toContainEqual({
      name: 'payments.succeeded',
      event: { paymentId: cod.id, reference, amountVnd: '120000' },
    });
    await expect(payments.recordCodCollection(cod.id, { collectedVnd: 120_000 })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('rejects a non-integer or non-positive amount before calling Stripe', async () => {
    const before = stub.requests.length;
    await expect(
      payments.startCardPayment({ reference: 'o', amountVnd: 1500.5, idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({ code: 'INVALID_AMOUNT' });
    await expect(payments.startCodPayment({ reference: 'o', amountVnd: 0 })).rejects.toMatchObject({
      code: 'INVALID_AMOUNT',
    });
    expect(stub.requests.length).toBe(before);
    expect(await payments.find('not-a-uuid')).toBeNull();
  });
});

describe('payments without Stripe keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      imports: [PaymentsHttpModule, PaymentsJobsModule, OutboxRelayModule.forRoot()],
      config: { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_URL: undefined },
    });
  });
  afterAll(() => t?.close());

  it('card payment is switched off with a clear coded error (kind unavailable: 503) while cash on delivery works', async () => {
    const payments = t.app.get(PaymentsService);
    let caught: unknown;
    try {
      await payments.startCardPayment({
        reference: 'order-x',
        amountVnd: 10_000,
        idempotencyKey: randomUUID(),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'CARD_PAYMENTS_DISABLED', kind: 'unavailable' });
    expect((caught as Error).message).toMatch(/STRIPE_SECRET_KEY/);

    const cod = await payments.startCodPayment({ reference: 'order-x', amountVnd: 10_000 });
    expect(cod.status).toBe('awaiting_collection');
  });

  it('the webhook answers 503 WEBHOOKS_DISABLED', async () => {
    const res = await t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Stripe-Signature', 't=1,v1=x')
      .send({ id: 'evt_1' });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('WEBHOOKS_DISABLED');
  });
});
