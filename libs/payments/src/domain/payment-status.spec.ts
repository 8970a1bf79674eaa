import { DomainError } from '@ocop/kernel';
import { applyPaymentEvent, nextPaymentStatus, PaymentStatus, PaymentTrigger } from './payment-status';
import { paymentIntentOfEvent, STRIPE_EVENT_TRIGGERS } from './stripe-event-mapping';

/** Replays provider events in order, ignoring those that cannot apply, as the webhook processor does. */
function replay(start: PaymentStatus, triggers: PaymentTrigger[]): PaymentStatus {
  return triggers.reduce<PaymentStatus>((status, trigger) => {
    const outcome = applyPaymentEvent(status, trigger);
    return outcome.kind === 'moved' ? outcome.to : status;
  }, start);
}

describe('payment lifecycle', () => {
  it('cash on delivery: the courier collects the cash', () => {
    expect(nextPaymentStatus('awaiting_collection', 'collect')).toBe('collected');
  });

  it('a buyer pays by card and the bank confirms after processing', () => {
    expect(replay('requires_payment', ['processing', 'succeed'])).toBe('succeeded');
  });

  it('a card is declined, the buyer retries with another card and it goes through', () => {
    expect(replay('requires_payment', ['fail', 'processing', 'succeed'])).toBe('succeeded');
  });

  it('Stripe delivers "processing" after "succeeded": the late event is ignored as stale', () => {
    expect(applyPaymentEvent('succeeded', 'processing')).toEqual({
      kind: 'ignored',
      status: 'succeeded',
      reason: 'stale',
    });
    expect(replay('requires_payment', ['succeed', 'processing'])).toBe('succeeded');
  });

  it('Stripe delivers "succeeded" twice: the second changes nothing', () => {
    expect(applyPaymentEvent('requires_payment', 'succeed')).toEqual({
      kind: 'moved',
      from: 'requires_payment',
      to: 'succeeded',
    });
    expect(applyPaymentEvent('succeeded', 'succeed')).toEqual({
      kind: 'ignored',
      status: 'succeeded',
      reason: 'duplicate',
    });
  });

  it('a failure reported after the payment succeeded does not undo it', () => {
    expect(replay('processing', ['succeed', 'fail'])).toBe('succeeded');
  });

  it('an order expires while the buyer has not paid: the payment is canceled and a late success is ignored', () => {
    expect(replay('requires_payment', ['cancel', 'succeed'])).toBe('canceled');
  });

  it('a refund is requested after payment and confirmed by Stripe; a repeated "refunded" changes nothing', () => {
    expect(nextPaymentStatus('succeeded', 'request_refund')).toBe('refund_pending');
    expect(replay('refund_pending', ['refunded', 'refunded'])).toBe('refunded');
  });

  it('an event Stripe created before the one that last moved the payment is ignored as older', () => {
    const last = new Date('2026-11-22T10:00:10Z');
    expect(
      applyPaymentEvent('failed', 'processing', {
        eventCreatedAt: new Date('2026-11-22T10:00:00Z'),
        lastEventCreatedAt: last,
      }),
    ).toEqual({ kind: 'ignored', status: 'failed', reason: 'older' });
    expect(
      applyPaymentEvent('failed', 'processing', {
        eventCreatedAt: new Date('2026-11-22T10:00:20Z'),
        lastEventCreatedAt: last,
      }),
    ).toEqual({ kind: 'moved', from: 'failed', to: 'processing' });
    // Same second: the table decides.
    expect(
      applyPaymentEvent('failed', 'succeed', { eventCreatedAt: last, lastEventCreatedAt: last }),
    ).toMatchObject({
      kind: 'moved',
    });
  });

  it('a refunded charge reported before its success still ends refunded', () => {
    expect(applyPaymentEvent('requires_payment', 'refunded')).toEqual({
      kind: 'moved',
      from: 'requires_payment',
      to: 'refunded',
    });
  });

  it('cash handed back to a COD buyer marks the payment refunded', () => {
    expect(nextPaymentStatus('collected', 'refunded')).toBe('refunded');
  });

  it('refunding a payment that never succeeded is refused with a coded error', () => {
    let caught: unknown;
    try {
      nextPaymentStatus('requires_payment', 'request_refund');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'ILLEGAL_TRANSITION', kind: 'conflict' });
  });

  it('collecting cash twice is refused', () => {
    expect(() => nextPaymentStatus('collected', 'collect')).toThrow('cannot be collected');
  });
});

describe('Stripe events', () => {
  it('map each handled event type to a trigger', () => {
    expect(STRIPE_EVENT_TRIGGERS['payment_intent.succeeded']).toBe('succeed');
    expect(STRIPE_EVENT_TRIGGERS['payment_intent.payment_failed']).toBe('fail');
    expect(STRIPE_EVENT_TRIGGERS['customer.created']).toBeUndefined();
  });

  it('find the PaymentIntent of an intent event and of a fully refunded charge, not of a partial refund', () => {
    expect(paymentIntentOfEvent('payment_intent.succeeded', { id: 'pi_1' })).toBe('pi_1');
    expect(
      paymentIntentOfEvent('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', refunded: true }),
    ).toBe('pi_1');
    expect(
      paymentIntentOfEvent('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', refunded: false }),
    ).toBeNull();
  });
});
