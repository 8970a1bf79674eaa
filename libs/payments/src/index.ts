export * from './payments.module';
export * from './payments-http.module';
export * from './payments-jobs.module';
export { PaymentsService } from './application/payments.service';
export { StripeWebhooksService } from './application/stripe-webhooks.service';
export type {
  PaymentView,
  StartCardPaymentInput,
  StartCodPaymentInput,
  StartedCardPayment,
} from './application/views';
export type { WebhookReceipt } from './application/stripe-webhooks.service';
export {
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  PaymentError,
  PaymentErrorCode,
  PaymentEvents,
  isPaymentStatus,
} from './domain';
export type {
  PaymentEventName,
  PaymentFailedEvent,
  PaymentMethod,
  PaymentOutcomeEvent,
  PaymentRefundedEvent,
  PaymentStatus,
  PaymentSucceededEvent,
} from './domain';
