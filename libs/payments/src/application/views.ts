import type { PaymentMethod, PaymentStatus } from '../domain';

export interface PaymentView {
  id: string;
  reference: string;
  method: PaymentMethod;
  amountVnd: number;
  status: PaymentStatus;
  stripePaymentIntentId: string | null;
  collectedVnd: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface StartCardPaymentInput {
  /** The caller's reference (an order id, for orders); copied into the PaymentIntent's metadata. */
  reference: string;
  /** Whole Vietnamese đồng (VND is zero-decimal at Stripe: never multiplied by 100). */
  amountVnd: number;
  /** Stable per attempt (e.g. `order:<id>:pay`): a retried call creates no second PaymentIntent. */
  idempotencyKey: string;
  description?: string;
}

export interface StartedCardPayment {
  paymentId: string;
  /** For Stripe.js in the browser to confirm the payment. */
  clientSecret: string;
}

export interface StartCodPaymentInput {
  reference: string;
  amountVnd: number;
}

export interface StartVietqrPaymentInput {
  /** The caller's reference (a checkout id, for orders). */
  reference: string;
  /** Whole đồng: the exact amount the transfer must carry. */
  amountVnd: number;
  /** The link's deadline: a transfer after it is held for review, and the link is canceled then. */
  expiresAt: Date;
  /** Where payOS's own checkout page sends the buyer back (paid, or cancelled). */
  returnUrl: string;
  cancelUrl: string;
}

/** A VietQR payment as the buyer's page shows it: what to draw, whom to pay, how much and until when. */
export interface VietqrPaymentView {
  paymentId: string;
  status: PaymentStatus;
  /** payOS's numeric order code. */
  orderCode: number;
  amountVnd: number;
  /** The memo the bank app shows (the transfer's content). */
  memo: string;
  /** The VietQR (EMVCo) payload: the browser draws it as a QR code. */
  qrCode: string;
  /** payOS's checkout page (opens the buyer's banking app on a phone). */
  checkoutUrl: string;
  /** The receiving bank's BIN (NAPAS), account number and account name. */
  bin: string;
  accountNumber: string;
  accountName: string;
  expiresAt: string | null;
}
