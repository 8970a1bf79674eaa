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
