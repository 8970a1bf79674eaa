import type { PaymentTrigger } from './payment-status';

/** The Stripe event types we act on, and what each means for a payment. */
export const STRIPE_EVENT_TRIGGERS: Readonly<Record<string, PaymentTrigger>> = {
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeed',
  'payment_intent.payment_failed': 'fail',
  'payment_intent.canceled': 'cancel',
  'charge.refunded': 'refunded',
};

/** The PaymentIntent an event is about, or null when it concerns none (or a partial refund we do not track). */
export function paymentIntentOfEvent(type: string, object: Record<string, unknown>): string | null {
  if (type.startsWith('payment_intent.')) return typeof object['id'] === 'string' ? object['id'] : null;
  if (type === 'charge.refunded') {
    if (object['refunded'] !== true) return null;
    return typeof object['payment_intent'] === 'string' ? object['payment_intent'] : null;
  }
  return null;
}
