/**
 * What payments announces to the rest of the platform (orders listens; payments knows nothing of orders). Emitted
 * in-process through EventEmitter2 after the transaction that caused them has committed.
 */
export const PaymentEvents = {
  Succeeded: 'payments.succeeded',
  Failed: 'payments.failed',
  Refunded: 'payments.refunded',
} as const;
export type PaymentEventName = (typeof PaymentEvents)[keyof typeof PaymentEvents];

export interface PaymentOutcomeEvent {
  paymentId: string;
  /** The caller's reference given when the payment started (an order id, for orders). */
  reference: string;
  amountVnd: number;
}
export type PaymentSucceededEvent = PaymentOutcomeEvent;
export type PaymentFailedEvent = PaymentOutcomeEvent;
export type PaymentRefundedEvent = PaymentOutcomeEvent;
