import { OrderError } from './order.errors';
import type { OrderEvent, OrderStatus, PaymentMethod } from './order-state';

/**
 * What an admin's decision on a VietQR transfer held for review does to the orders its payment was for, as a pure
 * plan (the payment's side is decided by payments). Refunding the money that held the payment cancels the orders
 * still waiting for it (their stock returns); refunding extra money moves no order. Reinstating confirms every order:
 * one still waiting is paid, one that expired is reinstated and takes its stock again. An order in any other status
 * (cancelled by the buyer, already confirmed) cannot be reinstated: ORDER_NOT_REINSTATABLE (409), refund instead.
 */
export interface ReviewedOrder {
  id: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
}

export interface ReviewOrderStep {
  orderId: string;
  event: Extract<OrderEvent, 'pay' | 'reinstate' | 'cancel'>;
  /** The order's goods went back to stock when it expired: they are taken again (or the decision is refused). */
  takesStock: boolean;
}

export function planOrdersForDecision(
  decision: { decision: 'refunded'; paymentReturned: boolean } | { decision: 'reinstated' },
  orders: readonly ReviewedOrder[],
): ReviewOrderStep[] {
  if (decision.decision === 'refunded') {
    if (!decision.paymentReturned) return [];
    return orders
      .filter((o) => o.status === 'pending_payment')
      .map((o) => ({ orderId: o.id, event: 'cancel' as const, takesStock: false }));
  }
  if (orders.length === 0) {
    throw new OrderError('ORDER_NOT_REINSTATABLE', 'No order waits for this transfer: refund it instead');
  }
  return orders.map((o) => {
    if (o.paymentMethod === 'vietqr' && o.status === 'pending_payment') {
      return { orderId: o.id, event: 'pay' as const, takesStock: false };
    }
    if (o.paymentMethod === 'vietqr' && o.status === 'expired') {
      return { orderId: o.id, event: 'reinstate' as const, takesStock: true };
    }
    throw new OrderError(
      'ORDER_NOT_REINSTATABLE',
      `An order that is ${o.status} cannot take this transfer as its payment: refund it instead`,
      { orderId: o.id, status: o.status },
    );
  });
}
