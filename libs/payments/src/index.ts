export * from './payments.module';
export * from './payments-http.module';
export * from './payments-jobs.module';
export { PaymentsService } from './application/payments.service';
export { StripeWebhooksService } from './application/stripe-webhooks.service';
export { VietqrPaymentsService } from './application/vietqr-payments.service';
export { PayosWebhooksService } from './application/payos-webhooks.service';
export type { PayosWebhookReceipt } from './application/payos-webhooks.service';
export { RecordedRefunds } from './application/refund-providers';
export { HELD_TRANSFERS_LIMIT, HeldTransfersService } from './application/held-transfers.service';
export type { HeldTransferView, TransferDecisionResult } from './application/held-transfers.service';
export type { RecordedRefund, RefundProviderName } from './application/refund-providers';
export type {
  PaymentView,
  StartCardPaymentInput,
  StartCodPaymentInput,
  StartedCardPayment,
  StartVietqrPaymentInput,
  VietqrPaymentView,
} from './application/views';
export type { WebhookReceipt } from './application/stripe-webhooks.service';
export {
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  PaymentError,
  PaymentErrorCode,
  PaymentEvents,
  HOLDING_OUTCOMES,
  isPaymentStatus,
  vietqrMemo,
} from './domain';
export type {
  PaymentEventName,
  PaymentFailedEvent,
  PaymentMethod,
  PaymentOutcomeEvent,
  PaymentRefundedEvent,
  PayerAccount,
  PaymentStatus,
  PaymentSucceededEvent,
  TransferHeldEvent,
  TransferReviewRequest,
} from './domain';
