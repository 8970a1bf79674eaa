/**
 * What payments announces to the rest of the platform (orders listens; payments knows nothing of orders). Written
 * as outbox rows in the transaction that moves the payment, so an outcome is announced if and only if it committed;
 * the worker's relay delivers it (at least once: subscribers are idempotent).
 */
export const PaymentEvents = {
  Succeeded: 'payments.succeeded',
  Failed: 'payments.failed',
  Refunded: 'payments.refunded',
} as const;
export type PaymentEventName = (typeof PaymentEvents)[keyof typeof PaymentEvents];

export interface PaymentOutcomeEvent {
  paymentId: string;
  /** The caller's reference given when the payment started (an order id or a checkout id, for orders). */
  reference: string;
  /** Whole VND as a string (outbox payloads are plain JSON). */
  amountVnd: string;
}
export type PaymentSucceededEvent = PaymentOutcomeEvent;
export type PaymentFailedEvent = PaymentOutcomeEvent;
export type PaymentRefundedEvent = PaymentOutcomeEvent;

/**
 * A VietQR transfer was kept for review (it cannot confirm its payment by itself): written with the transfer, so the
 * admins who may decide it are told (orders knows who they are).
 */
export interface TransferHeldEvent {
  transferId: string;
  paymentId: string;
  /** The caller's reference of the payment (a checkout or an order id, for orders). */
  reference: string;
  /** The webhook's outcome: held:amount_mismatch, held:after_expiry, held:already_paid… */
  outcome: string;
}

/** A verified Stripe event was stored (in the same transaction): the worker applies it to its payment. */
export interface StripeEventReceived {
  eventId: string;
}

declare module '@ocop/db' {
  interface OutboxTopics {
    'payments.stripe-event-received': StripeEventReceived;
    'payments.succeeded': PaymentSucceededEvent;
    'payments.failed': PaymentFailedEvent;
    'payments.refunded': PaymentRefundedEvent;
    'payments.transfer-held': TransferHeldEvent;
  }
}
