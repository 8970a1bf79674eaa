import { randomUUID } from 'node:crypto';
import { createTestApp, startStripeStub, StripeStub, TestApp } from '@ocop/testing';
import { PaymentsService } from './application/payments.service';
import { PaymentOutcomeEvent } from './domain';
import { PaymentsHttpModule } from './payments-http.module';
import { OutboxRelayModule } from '@ocop/queue';
import { PaymentsJobsModule } from './payments-jobs.module';

const WEBHOOK_SECRET = 'whsec_ocop_webhook_tests';

describe('Stripe webhooks (POST /api/payments/stripe/webhook)', () => {
  let stub: StripeStub;
  let t: TestApp;
  let payments: PaymentsService;
  /** What payments announced: its outbox rows, committed with the transitions. */
  const heard = async () =>
    (await t.db.query(
      `SELECT topic AS name, payload AS event FROM outbox WHERE topic LIKE 'payments.%' ORDER BY created_at, id`,
    )) as { name: string; event: PaymentOutcomeEvent }[];

  beforeAll(async () => {
    stub = await startStripeStub({ webhookSecret: WEBHOOK_SECRET });
    t = await createTestApp({
      imports: [PaymentsHttpModule, PaymentsJobsModule, OutboxRelayModule.forRoot()],
      config: {
        STRIPE_SECRET_KEY: 'sk_test_ocop_webhooks',
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        STRIPE_API_URL: stub.url,
      },
      // Listens on a real loopback port, so that concurrent deliveries are concurrent HTTP requests to one server.
      websockets: true,
    });
    payments = t.app.get(PaymentsService);
  });
  afterAll(async () => {
    await t?.close();
    await stub?.close();
  });

  async function cardPayment(amountVnd = 75_000) {
    const reference = `order-${randomUUID()}`;
    const started = await payments.startCardPayment({
      reference,
      amountVnd,
      idempotencyKey: `${reference}:pay`,
    });
    const intentId = (await payments.find(started.paymentId))?.stripePaymentIntentId as string;
    return { paymentId: started.paymentId, intentId, reference };
  }

  function deliver(delivery: { payload: string; header: string }) {
    return t
      .http()
      .post('/api/payments/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', delivery.header)
      .send(delivery.payload);
  }

  async function processed(eventId: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = (await t.db.query(
        `SELECT outcome FROM stripe_events WHERE id = $1 AND processed_at IS NOT NULL`,
        [eventId],
      )) as { outcome: string }[];
      if (rows[0]) return rows[0].outcome;
      if (Date.now() > deadline) throw new Error(`event ${eventId} was not processed`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const transitionsOf = async (paymentId: string) =>
    (await t.db.query(
      `SELECT from_status, to_status, stripe_event_id FROM payment_transitions WHERE payment_id = $1 ORDER BY created_at, id`,
      [paymentId],
    )) as { from_status: string; to_status: string; stripe_event_id: string | null }[];
  const storedEvents = async (eventId: string) =>
    (
      (await t.db.query(`SELECT count(*)::int AS n FROM stripe_events WHERE id = $1`, [eventId])) as {
        n: number;
      }[]
    )[0]?.n;

  it('the buyer pays: payment_intent.succeeded is stored, processed by the worker and announced to orders', async () => {
    const p = await cardPayment();
    const event = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(p.intentId, 'succeeded'),
    );

    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, eventId: event.id, duplicate: false });
    expect(await processed(event.id)).toBe('moved:requires_payment->succeeded');
    expect((await payments.find(p.paymentId))?.status).toBe('succeeded');
    expect(await transitionsOf(p.paymentId)).toEqual([
      { from_status: 'requires_payment', to_status: 'succeeded', stripe_event_id: event.id },
    ]);
    expect(await heard()).toContainEqual({
      name: 'payments.succeeded',
      event: { paymentId: p.paymentId, reference: p.reference, amountVnd: '75000' },
    });
  });

  it('Stripe delivers the same event twice: acknowledged 200, stored once, one transition', async () => {
    const p = await cardPayment();
    const event = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(p.intentId, 'succeeded'),
    );
    expect((await deliver(event)).status).toBe(200);
    await processed(event.id);
    const again = await deliver(event);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(await storedEvents(event.id)).toBe(1);
    expect(await transitionsOf(p.paymentId)).toHaveLength(1);
  });

  it('"processing" arrives after "succeeded": the late event is ignored and the payment stays paid', async () => {
    const p = await cardPayment();
    const processing = stub.webhookEvent('payment_intent.processing', {
      ...stub.setIntentStatus(p.intentId, 'processing'),
    });
    const succeeded = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(p.intentId, 'succeeded'),
    );

    await deliver(succeeded);
    expect(await processed(succeeded.id)).toBe('moved:requires_payment->succeeded');
    await deliver(processing);
    expect(await processed(processing.id)).toBe('ignored:stale');
    expect((await payments.find(p.paymentId))?.status).toBe('succeeded');
    expect(await transitionsOf(p.paymentId)).toHaveLength(1);
  });

  it('a card is declined: payment_intent.payment_failed marks the payment failed and orders hear it', async () => {
    const p = await cardPayment(33_000);
    const failed = stub.webhookEvent(
      'payment_intent.payment_failed',
      stub.setIntentStatus(p.intentId, 'requires_payment_method'),
    );
    await deliver(failed);
    expect(await processed(failed.id)).toBe('moved:requires_payment->failed');
    expect(await heard()).toContainEqual({
      name: 'payments.failed',
      event: { paymentId: p.paymentId, reference: p.reference, amountVnd: '33000' },
    });
  });

  it('ten concurrent deliveries of the same event produce one stored event and one transition', async () => {
    const p = await cardPayment();
    const event = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(p.intentId, 'succeeded'),
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const res = await fetch(`${t.url}/api/payments/stripe/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': event.header },
          body: event.payload,
        });
        return { status: res.status, body: (await res.json()) as { duplicate?: boolean } };
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    await processed(event.id);
    expect(await storedEvents(event.id)).toBe(1);
    expect(await transitionsOf(p.paymentId)).toHaveLength(1);
    expect((await heard()).filter((h) => h.event.paymentId === p.paymentId)).toHaveLength(1);
  });

  it('a bad signature is refused with 400 WEBHOOK_SIGNATURE_INVALID and nothing is stored', async () => {
    const p = await cardPayment();
    const forged = stub.webhookEvent(
      'payment_intent.succeeded',
      stub.setIntentStatus(p.intentId, 'succeeded'),
      {
        secret: 'whsec_not_ours',
      },
    );
    const res = await deliver(forged);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await storedEvents(forged.id)).toBe(0);

    const genuine = stub.webhookEvent('payment_intent.succeeded', {
      id: p.intentId,
      object: 'payment_intent',
    });
    const tampered = {
      payload: genuine.payload.replace(p.intentId, 'pi_someone_else'),
      header: genuine.header,
    };
    expect((await deliver(tampered)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const unsigned = await t.http().post('/api/payments/stripe/webhook').send({ id: 'evt_x' });
    expect(unsigned.status).toBe(400);
    expect((await payments.find(p.paymentId))?.status).toBe('requires_payment');
  });

  it('a replayed delivery signed long ago is refused with 400 WEBHOOK_TIMESTAMP_STALE', async () => {
    const p = await cardPayment();
    const old = stub.webhookEvent('payment_intent.succeeded', stub.setIntentStatus(p.intentId, 'succeeded'), {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const res = await deliver(old);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(await storedEvents(old.id)).toBe(0);
  });

  it('a refund that Stripe confirms later: refund_pending until charge.refunded, then refunded once', async () => {
    const p = await cardPayment(64_000);
    const paid = stub.webhookEvent('payment_intent.succeeded', stub.setIntentStatus(p.intentId, 'succeeded'));
    await deliver(paid);
    await processed(paid.id);

    stub.refundStatus = 'pending';
    try {
      expect((await payments.refund(p.paymentId, 'Khách đổi ý')).status).toBe('refund_pending');
    } finally {
      stub.refundStatus = 'succeeded';
    }
    const charge = {
      id: `ch_${randomUUID().slice(0, 8)}`,
      object: 'charge',
      payment_intent: p.intentId,
      refunded: true,
      amount_refunded: 64_000,
    };
    const refunded = stub.webhookEvent('charge.refunded', charge);
    await deliver(refunded);
    expect(await processed(refunded.id)).toBe('moved:refund_pending->refunded');
    const again = stub.webhookEvent('charge.refunded', charge);
    await deliver(again);
    expect(await processed(again.id)).toBe('ignored:duplicate');
    expect((await transitionsOf(p.paymentId)).map((r) => r.to_status)).toEqual([
      'succeeded',
      'refund_pending',
      'refunded',
    ]);
    expect(
      (await heard()).filter((h) => h.name === 'payments.refunded' && h.event.paymentId === p.paymentId),
    ).toHaveLength(1);
  });

  it('out of order: a late older event never moves a payment back, and a refund that overtakes the success wins', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Stripe created processing, then payment_failed; they arrive the other way round.
    const a = await cardPayment(41_000);
    const failed = stub.webhookEvent(
      'payment_intent.payment_failed',
      { id: a.intentId, object: 'payment_intent', status: 'requires_payment_method' },
      { created: now - 10 },
    );
    const processing = stub.webhookEvent(
      'payment_intent.processing',
      { id: a.intentId, object: 'payment_intent', status: 'processing' },
      { created: now - 20 },
    );
    expect((await deliver(failed)).status).toBe(200);
    expect(await processed(failed.id)).toBe('moved:requires_payment->failed');
    expect((await deliver(processing)).status).toBe(200);
    expect(await processed(processing.id)).toBe('ignored:older');
    expect((await payments.find(a.paymentId))?.status).toBe('failed');

    // Stripe created succeeded, then charge.refunded; the refund arrives first.
    const b = await cardPayment(52_000);
    stub.setIntentStatus(b.intentId, 'succeeded');
    const refunded = stub.webhookEvent(
      'charge.refunded',
      { id: 'ch_' + randomUUID().slice(0, 8), object: 'charge', refunded: true, payment_intent: b.intentId },
      { created: now - 5 },
    );
    const succeeded = stub.webhookEvent(
      'payment_intent.succeeded',
      { id: b.intentId, object: 'payment_intent', status: 'succeeded' },
      { created: now - 15 },
    );
    expect((await deliver(refunded)).status).toBe(200);
    expect(await processed(refunded.id)).toBe('moved:requires_payment->refunded');
    expect((await deliver(succeeded)).status).toBe(200);
    expect(await processed(succeeded.id)).toBe('ignored:older');
    expect((await payments.find(b.paymentId))?.status).toBe('refunded');
    expect((await transitionsOf(b.paymentId)).map((r) => r.to_status)).toEqual(['refunded']);
  });

  it('an event we do not handle is acknowledged and recorded as ignored', async () => {
    const event = stub.webhookEvent('customer.created', { id: 'cus_1', object: 'customer' });
    expect((await deliver(event)).status).toBe(200);
    expect(await processed(event.id)).toBe('ignored:unhandled');
  });
});
