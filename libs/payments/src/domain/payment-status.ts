import { PaymentError } from './payments.errors';

export const PAYMENT_METHODS = ['cod', 'card', 'vietqr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_STATUSES = [
  // cash on delivery
  'awaiting_collection',
  'collected',
  // card (Stripe PaymentIntent) and VietQR transfer (payOS payment link): requires_payment -> succeeded | canceled
  'requires_payment',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  // refunds (card, or cash handed back)
  'refund_pending',
  'refunded',
  // VietQR: money landed that cannot confirm the payment (wrong amount, after the order expired): a person decides
  'held_for_review',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What can happen to a payment: a command of ours or an event reported by Stripe. */
export const PAYMENT_TRIGGERS = [
  'collect',
  'processing',
  'succeed',
  'fail',
  'cancel',
  'request_refund',
  'refunded',
  'hold',
  'reinstate',
  'return_transfer',
] as const;
export type PaymentTrigger = (typeof PAYMENT_TRIGGERS)[number];

interface Transition {
  from: readonly PaymentStatus[];
  to: PaymentStatus;
}

/**
 * The payment lifecycle as a table. A card payment that failed may still be retried by the buyer (Stripe moves the
 * intent back to requires_payment_method), so `failed` can still become `processing` or `succeeded`. Everything not
 * listed here is impossible: for a Stripe event that means it is a duplicate or arrived out of order.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentTrigger, Transition>> = {
  collect: { from: ['awaiting_collection'], to: 'collected' },
  processing: { from: ['requires_payment', 'failed'], to: 'processing' },
  succeed: { from: ['requires_payment', 'processing', 'failed'], to: 'succeeded' },
  fail: { from: ['requires_payment', 'processing'], to: 'failed' },
  cancel: { from: ['requires_payment', 'processing', 'failed', 'awaiting_collection'], to: 'canceled' },
  request_refund: { from: ['succeeded'], to: 'refund_pending' },
  // Stripe reporting a refunded charge proves the payment had succeeded, even when its success event is late.
  refunded: {
    from: ['succeeded', 'refund_pending', 'collected', 'requires_payment', 'processing', 'failed'],
    to: 'refunded',
  },
  // A VietQR transfer that cannot confirm the payment: the wrong amount while it was unpaid, or any transfer after
  // its link was canceled (the order expired). Never confirmed by itself.
  hold: { from: ['requires_payment', 'canceled'], to: 'held_for_review' },
  // An admin decides a held transfer: accepted as the payment (the exact amount, only late or after the link closed)…
  reinstate: { from: ['held_for_review'], to: 'succeeded' },
  // …or sent back to the payer by a bank transfer: the payment ends refunded without ever having paid an order.
  return_transfer: { from: ['held_for_review'], to: 'refunded' },
};

export function canApply(from: PaymentStatus, trigger: PaymentTrigger): boolean {
  return PAYMENT_TRANSITIONS[trigger].from.includes(from);
}

/** For our own commands: the next status, or a coded ILLEGAL_TRANSITION error. */
export function nextPaymentStatus(from: PaymentStatus, trigger: PaymentTrigger): PaymentStatus {
  if (!canApply(from, trigger)) {
    throw new PaymentError('ILLEGAL_TRANSITION', `A payment that is ${from} cannot ${describe(trigger)}`, {
      from,
      trigger,
      allowedFrom: PAYMENT_TRANSITIONS[trigger].from,
    });
  }
  return PAYMENT_TRANSITIONS[trigger].to;
}

export type EventOutcome =
  | { kind: 'moved'; from: PaymentStatus; to: PaymentStatus }
  | { kind: 'ignored'; status: PaymentStatus; reason: 'duplicate' | 'stale' | 'older' };

/**
 * For events reported by the provider, which may come twice or out of order: an event that would not move the
 * payment forward is ignored, never an error. `duplicate` when the payment is already where the event leads;
 * `older` when Stripe created it before the event that last moved the payment (it arrived late).
 */
export function applyPaymentEvent(
  from: PaymentStatus,
  trigger: PaymentTrigger,
  order: { eventCreatedAt?: Date | null; lastEventCreatedAt?: Date | null } = {},
): EventOutcome {
  // Created before the event that last moved the payment: it describes a past the payment has left.
  if (order.eventCreatedAt && order.lastEventCreatedAt && order.eventCreatedAt < order.lastEventCreatedAt) {
    return { kind: 'ignored', status: from, reason: 'older' };
  }
  if (canApply(from, trigger)) return { kind: 'moved', from, to: PAYMENT_TRANSITIONS[trigger].to };
  return {
    kind: 'ignored',
    status: from,
    reason: PAYMENT_TRANSITIONS[trigger].to === from ? 'duplicate' : 'stale',
  };
}

function describe(trigger: PaymentTrigger): string {
  switch (trigger) {
    case 'collect':
      return 'be collected';
    case 'processing':
      return 'start processing';
    case 'succeed':
      return 'succeed';
    case 'fail':
      return 'fail';
    case 'cancel':
      return 'be canceled';
    case 'request_refund':
      return 'be refunded';
    case 'refunded':
      return 'be marked refunded';
    case 'hold':
      return 'be held for review';
    case 'reinstate':
      return 'be reinstated';
    case 'return_transfer':
      return 'have its transfer sent back';
  }
}

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (PAYMENT_STATUSES as readonly string[]).includes(value);
}
