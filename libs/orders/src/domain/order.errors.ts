import { defineErrors } from '@ocop/kernel';

export const OrderErrorCode = {
  OrderNotFound: 'ORDER_NOT_FOUND',
  IllegalOrderTransition: 'ILLEGAL_ORDER_TRANSITION',
  OrderActionForbidden: 'ORDER_ACTION_FORBIDDEN',
  /** The buyer was removed (banned) from the session the checkout is bought in. */
  BannedFromSession: 'BANNED_FROM_SESSION',
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
  VietqrPaymentUnavailable: 'VIETQR_PAYMENT_UNAVAILABLE',
  IdempotencyKeyInvalid: 'IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotentRequestInProgress: 'IDEMPOTENT_REQUEST_IN_PROGRESS',
  // A card checkout's payment, started or resumed after the orders were placed.
  CheckoutNotFound: 'CHECKOUT_NOT_FOUND',
  NothingToPay: 'NOTHING_TO_PAY',
  // Flash deals and expiry settings.
  PaymentWindowInvalid: 'PAYMENT_WINDOW_INVALID',
  // The shopper's address book.
  SavedAddressNotFound: 'SAVED_ADDRESS_NOT_FOUND',
  SavedAddressLimitReached: 'SAVED_ADDRESS_LIMIT_REACHED',
  DefaultAddressRequired: 'DEFAULT_ADDRESS_REQUIRED',
  // Shipping fees and wards.
  ShippingRateInvalid: 'SHIPPING_RATE_INVALID',
  InvalidWard: 'INVALID_WARD',
  ProducerRequired: 'PRODUCER_REQUIRED',
  // Cash-on-delivery guard-rails.
  CodLimitExceeded: 'COD_LIMIT_EXCEEDED',
  CodSuspended: 'COD_SUSPENDED',
  PhoneNotConfirmed: 'PHONE_NOT_CONFIRMED',
  // Refunds recorded by hand.
  RefundNotDue: 'REFUND_NOT_DUE',
  RefundExceedsPaid: 'REFUND_EXCEEDS_PAID',
  RefundAmountMismatch: 'REFUND_AMOUNT_MISMATCH',
  // Transfers held for review.
  OrderNotReinstatable: 'ORDER_NOT_REINSTATABLE',
  ReinstateStockGone: 'REINSTATE_STOCK_GONE',
} as const;
export type OrderErrorCode = (typeof OrderErrorCode)[keyof typeof OrderErrorCode];

export const OrderError = defineErrors<OrderErrorCode>({
  ORDER_NOT_FOUND: 'not_found',
  ILLEGAL_ORDER_TRANSITION: 'conflict',
  ORDER_ACTION_FORBIDDEN: 'forbidden',
  BANNED_FROM_SESSION: 'forbidden',
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
  VIETQR_PAYMENT_UNAVAILABLE: 'unavailable',
  IDEMPOTENCY_KEY_INVALID: 'invalid',
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
  IDEMPOTENT_REQUEST_IN_PROGRESS: 'conflict',
  CHECKOUT_NOT_FOUND: 'not_found',
  NOTHING_TO_PAY: 'conflict',
  PAYMENT_WINDOW_INVALID: 'invalid',
  SAVED_ADDRESS_NOT_FOUND: 'not_found',
  SAVED_ADDRESS_LIMIT_REACHED: 'conflict',
  DEFAULT_ADDRESS_REQUIRED: 'conflict',
  SHIPPING_RATE_INVALID: 'invalid',
  INVALID_WARD: 'invalid',
  PRODUCER_REQUIRED: 'forbidden',
  COD_LIMIT_EXCEEDED: 'conflict',
  COD_SUSPENDED: 'forbidden',
  PHONE_NOT_CONFIRMED: 'forbidden',
  REFUND_NOT_DUE: 'conflict',
  REFUND_EXCEEDS_PAID: 'unprocessable',
  REFUND_AMOUNT_MISMATCH: 'unprocessable',
  ORDER_NOT_REINSTATABLE: 'conflict',
  REINSTATE_STOCK_GONE: 'conflict',
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
