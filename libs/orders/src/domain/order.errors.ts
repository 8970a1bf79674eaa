import { defineErrors } from '@ocop/kernel';

export const OrderErrorCode = {
  OrderNotFound: 'ORDER_NOT_FOUND',
  IllegalOrderTransition: 'ILLEGAL_ORDER_TRANSITION',
  OrderActionForbidden: 'ORDER_ACTION_FORBIDDEN',
  CashCollectedRequired: 'CASH_COLLECTED_REQUIRED',
  // Per-line outcomes of a checkout: each line gets one clear answer.
  SoldOut: 'SOLD_OUT',
  BuyerLimitReached: 'BUYER_LIMIT_REACHED',
  ProductNotSellable: 'PRODUCT_NOT_SELLABLE',
  SessionNotOpen: 'SESSION_NOT_OPEN',
  DealEnded: 'DEAL_ENDED',
  // The request itself.
  LinesInvalid: 'LINES_INVALID',
  QuantityInvalid: 'QUANTITY_INVALID',
  DuplicateLine: 'DUPLICATE_LINE',
  AddressInvalid: 'ADDRESS_INVALID',
  PaymentMethodInvalid: 'PAYMENT_METHOD_INVALID',
  ReferralCodeInvalid: 'REFERRAL_CODE_INVALID',
  CardPaymentUnavailable: 'CARD_PAYMENT_UNAVAILABLE',
  IdempotencyKeyInvalid: 'IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotentRequestInProgress: 'IDEMPOTENT_REQUEST_IN_PROGRESS',
  // Flash deals and expiry settings.
  PaymentWindowInvalid: 'PAYMENT_WINDOW_INVALID',
  // The shopper's address book.
  SavedAddressNotFound: 'SAVED_ADDRESS_NOT_FOUND',
  SavedAddressLimitReached: 'SAVED_ADDRESS_LIMIT_REACHED',
  DefaultAddressRequired: 'DEFAULT_ADDRESS_REQUIRED',
} as const;
export type OrderErrorCode = (typeof OrderErrorCode)[keyof typeof OrderErrorCode];

export const OrderError = defineErrors<OrderErrorCode>({
  ORDER_NOT_FOUND: 'not_found',
  ILLEGAL_ORDER_TRANSITION: 'conflict',
  ORDER_ACTION_FORBIDDEN: 'forbidden',
  CASH_COLLECTED_REQUIRED: 'invalid',
  SOLD_OUT: 'conflict',
  BUYER_LIMIT_REACHED: 'conflict',
  PRODUCT_NOT_SELLABLE: 'conflict',
  SESSION_NOT_OPEN: 'conflict',
  DEAL_ENDED: 'conflict',
  LINES_INVALID: 'invalid',
  QUANTITY_INVALID: 'invalid',
  DUPLICATE_LINE: 'invalid',
  ADDRESS_INVALID: 'invalid',
  PAYMENT_METHOD_INVALID: 'invalid',
  REFERRAL_CODE_INVALID: 'invalid',
  CARD_PAYMENT_UNAVAILABLE: 'unavailable',
  IDEMPOTENCY_KEY_INVALID: 'invalid',
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
  IDEMPOTENT_REQUEST_IN_PROGRESS: 'conflict',
  PAYMENT_WINDOW_INVALID: 'invalid',
  SAVED_ADDRESS_NOT_FOUND: 'not_found',
  SAVED_ADDRESS_LIMIT_REACHED: 'conflict',
  DEFAULT_ADDRESS_REQUIRED: 'conflict',
});
export type OrderError = InstanceType<typeof OrderError>;

/** An unknown order, or someone else's: both are answered alike (404), so ids cannot be probed. */
export function orderNotFound(orderId: string): OrderError {
  return new OrderError('ORDER_NOT_FOUND', 'No such order', { orderId });
}

/** The codes a single checkout line may be answered with instead of "confirmed". */
export const LINE_REJECTION_CODES = [
  'SOLD_OUT',
  'BUYER_LIMIT_REACHED',
  'PRODUCT_NOT_SELLABLE',
  'SESSION_NOT_OPEN',
  'DEAL_ENDED',
] as const satisfies readonly OrderErrorCode[];
export type LineRejectionCode = (typeof LINE_REJECTION_CODES)[number];

export function isLineRejectionCode(code: unknown): code is LineRejectionCode {
  return typeof code === 'string' && (LINE_REJECTION_CODES as readonly string[]).includes(code);
}
