import { defineErrors } from '@ocop/kernel';

export const PaymentErrorCode = {
  PaymentNotFound: 'PAYMENT_NOT_FOUND',
  InvalidAmount: 'INVALID_AMOUNT',
  IllegalTransition: 'ILLEGAL_TRANSITION',
  WrongMethod: 'WRONG_PAYMENT_METHOD',
  CollectedAmountMismatch: 'COLLECTED_AMOUNT_MISMATCH',
  CardPaymentsDisabled: 'CARD_PAYMENTS_DISABLED',
  WebhooksDisabled: 'WEBHOOKS_DISABLED',
  WebhookSignatureInvalid: 'WEBHOOK_SIGNATURE_INVALID',
  WebhookTimestampStale: 'WEBHOOK_TIMESTAMP_STALE',
  ProviderRejected: 'PAYMENT_PROVIDER_REJECTED',
} as const;
export type PaymentErrorCode = (typeof PaymentErrorCode)[keyof typeof PaymentErrorCode];

export const PaymentError = defineErrors<PaymentErrorCode>({
  PAYMENT_NOT_FOUND: 'not_found',
  INVALID_AMOUNT: 'invalid',
  ILLEGAL_TRANSITION: 'conflict',
  WRONG_PAYMENT_METHOD: 'conflict',
  COLLECTED_AMOUNT_MISMATCH: 'unprocessable',
  CARD_PAYMENTS_DISABLED: 'unavailable',
  WEBHOOKS_DISABLED: 'unavailable',
  WEBHOOK_SIGNATURE_INVALID: 'invalid',
  WEBHOOK_TIMESTAMP_STALE: 'invalid',
  PAYMENT_PROVIDER_REJECTED: 'unavailable',
});
export type PaymentError = InstanceType<typeof PaymentError>;
