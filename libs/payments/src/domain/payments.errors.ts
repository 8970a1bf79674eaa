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
  NotPayable: 'PAYMENT_NOT_PAYABLE',
  VietqrPaymentsDisabled: 'VIETQR_PAYMENTS_DISABLED',
  WebhookMalformed: 'WEBHOOK_MALFORMED',
  RefundExceedsPaid: 'REFUND_EXCEEDS_PAID',
  RefundAlreadyRecorded: 'REFUND_ALREADY_RECORDED',
  RefundInProgress: 'REFUND_IN_PROGRESS',
  // Transfers held for review, decided by an admin.
  HeldTransferNotFound: 'HELD_TRANSFER_NOT_FOUND',
  TransferAlreadyDecided: 'TRANSFER_ALREADY_DECIDED',
  TransferNotReinstatable: 'TRANSFER_NOT_REINSTATABLE',
  ReinstateAmountMismatch: 'REINSTATE_AMOUNT_MISMATCH',
  RefundExceedsReceived: 'REFUND_EXCEEDS_RECEIVED',
  BankReferenceInvalid: 'BANK_REFERENCE_INVALID',
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
  PAYMENT_NOT_PAYABLE: 'conflict',
  VIETQR_PAYMENTS_DISABLED: 'unavailable',
  WEBHOOK_MALFORMED: 'invalid',
  REFUND_EXCEEDS_PAID: 'unprocessable',
  REFUND_ALREADY_RECORDED: 'conflict',
  // The platform is paying this refund through payOS: recording one by hand would pay the buyer twice.
  REFUND_IN_PROGRESS: 'conflict',
  HELD_TRANSFER_NOT_FOUND: 'not_found',
  TRANSFER_ALREADY_DECIDED: 'conflict',
  TRANSFER_NOT_REINSTATABLE: 'conflict',
  REINSTATE_AMOUNT_MISMATCH: 'unprocessable',
  REFUND_EXCEEDS_RECEIVED: 'unprocessable',
  BANK_REFERENCE_INVALID: 'invalid',
});
export type PaymentError = InstanceType<typeof PaymentError>;
