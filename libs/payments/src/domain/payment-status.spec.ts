import { DomainError } from '@ocop/kernel';
import { applyPaymentEvent, nextPaymentStatus, PaymentStatus, PaymentTrigger } from './payment-status';
import { paymentIntentOfEvent, STRIPE_EVENT_TRIGGERS } from './stripe-event-mapping';
import { decideTransfer, parsePayosDateTime, vietqrMemo } from './vietqr';

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

describe('VietQR transfers (decideTransfer)', () => {
  const open = {
    status: 'requires_payment',
    amountVnd: 150_000,
    expiresAt: new Date('2026-12-07T10:15:00Z'),
  };
  const at = new Date('2026-12-07T10:00:00Z');

  it('the exact amount in time succeeds; one đồng off either way is held for review', () => {
    expect(decideTransfer(open, { amountVnd: 150_000, at })).toEqual({
      kind: 'succeed',
      outcome: 'moved:succeeded',
    });
    for (const amountVnd of [149_999, 150_001, 0]) {
      expect(decideTransfer(open, { amountVnd, at })).toEqual({
        kind: 'hold',
        outcome: 'held:amount_mismatch',
      });
    }
  });

  it('after the deadline, on a canceled payment, on a paid one or one under review: never confirmed', () => {
    expect(decideTransfer(open, { amountVnd: 150_000, at: new Date('2026-12-07T10:15:01Z') }).outcome).toBe(
      'held:after_expiry',
    );
    expect(decideTransfer({ ...open, status: 'canceled' }, { amountVnd: 150_000, at }).outcome).toBe(
      'held:payment_canceled',
    );
    expect(decideTransfer({ ...open, status: 'succeeded' }, { amountVnd: 150_000, at })).toEqual({
      kind: 'flag',
      outcome: 'held:already_paid',
    });
    expect(decideTransfer({ ...open, status: 'held_for_review' }, { amountVnd: 150_000, at }).kind).toBe(
      'flag',
    );
  });

  it('reads payOS dates as Vietnam time, and the memo is short', () => {
    expect(parsePayosDateTime('2026-12-07 17:00:00')?.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(parsePayosDateTime('07/12/2026')).toBeNull();
    expect(vietqrMemo(100_042)).toBe('DH100042');
    expect(vietqrMemo(100_042).length).toBeLessThanOrEqual(9);
  });

  it('hold is a transition of its own: from unpaid or canceled only', () => {
    expect(nextPaymentStatus('requires_payment', 'hold')).toBe('held_for_review');
    expect(nextPaymentStatus('canceled', 'hold')).toBe('held_for_review');
    expect(() => nextPaymentStatus('succeeded', 'hold')).toThrow();
  });

  it('an admin reinstates a held transfer or sends it back: both only from held_for_review', () => {
    expect(nextPaymentStatus('held_for_review', 'reinstate')).toBe('succeeded');
    expect(nextPaymentStatus('held_for_review', 'return_transfer')).toBe('refunded');
    for (const from of ['requires_payment', 'succeeded', 'canceled', 'refunded'] as const) {
      expect(() => nextPaymentStatus(from, 'reinstate')).toThrow(/cannot be reinstated/);
      expect(() => nextPaymentStatus(from, 'return_transfer')).toThrow(/cannot have its transfer sent back/);
    }
  });
});
