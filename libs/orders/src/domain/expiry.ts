import { OrderError } from './order.errors';
import { OrderStateView, paysOnline } from './order-state';

export const DEFAULT_PAYMENT_WINDOW_MINUTES = 15;
export const MAX_PAYMENT_WINDOW_MINUTES = 24 * 60;

export function assertPaymentWindow(minutes: number): void {
  if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > MAX_PAYMENT_WINDOW_MINUTES) {
    throw new OrderError(
      'PAYMENT_WINDOW_INVALID',
      `The payment window is 1 to ${MAX_PAYMENT_WINDOW_MINUTES} minutes`,
      {
        minutes,
      },
    );
  }
}

/** When an unpaid card order placed at `placedAt` expires. */
export function expiresAt(placedAt: Date, minutes: number = DEFAULT_PAYMENT_WINDOW_MINUTES): Date {
  assertPaymentWindow(minutes);
  return new Date(placedAt.getTime() + minutes * 60_000);
}

export interface ExpirableOrder extends OrderStateView {
  expiresAt: Date | null;
}

/**
 * An order is expired when it is a card order still waiting for payment and its deadline has come (the deadline
 * instant itself counts as expired). COD orders and anything already paid never expire. Works the same for a
 * sweeper that runs late after a worker restart: it only compares with `now`.
 */
export function isExpired(order: ExpirableOrder, now: Date): boolean {
  return (
    paysOnline(order.paymentMethod) &&
    order.status === 'pending_payment' &&
    order.expiresAt !== null &&
    now.getTime() >= order.expiresAt.getTime()
  );
}

/** Delay for the delayed expiry job (0 when already due). */
export function expiryDelayMs(order: { expiresAt: Date }, now: Date): number {
  return Math.max(0, order.expiresAt.getTime() - now.getTime());
}
