import { OrderError } from './order.errors';
import { paysOnline, type OrderStatus, type PaymentMethod } from './order-state';

/**
 * The amount of a refund recorded by hand for an order, or a coded refusal. Only a paid online order that is refund
 * due (cancelled after payment, returned, or paid after it expired) is refunded this way, and in whole: returns are
 * whole (no partial returns), so the amount is the order's total. More is REFUND_EXCEEDS_PAID, less is
 * REFUND_AMOUNT_MISMATCH. A refund recorded before is answered again by payments (idempotent), whatever the status.
 */
export function decideRecordedRefund(
  order: { status: OrderStatus; paymentMethod: PaymentMethod; totalVnd: number; paymentId: string | null },
  alreadyRecorded: boolean,
  amountVnd: number | undefined,
): number {
  if (!paysOnline(order.paymentMethod) || !order.paymentId) {
    throw new OrderError('REFUND_NOT_DUE', 'Cash on delivery is handed back, not refunded by transfer', {
      paymentMethod: order.paymentMethod,
    });
  }
  const amount = amountVnd ?? order.totalVnd;
  if (amount > order.totalVnd) {
    throw new OrderError(
      'REFUND_EXCEEDS_PAID',
      'A refund cannot be larger than what was paid for the order',
      {
        amountVnd: amount,
        paidVnd: order.totalVnd,
      },
    );
  }
  if (amount < order.totalVnd) {
    throw new OrderError('REFUND_AMOUNT_MISMATCH', 'An order is refunded in whole', {
      amountVnd: amount,
      paidVnd: order.totalVnd,
    });
  }
  if (!alreadyRecorded && order.status !== 'refund_due') {
    throw new OrderError('REFUND_NOT_DUE', `An order that is ${order.status} has no refund due`, {
      status: order.status,
    });
  }
  return amount;
}
