import type { Schema } from '../../api/client';

type Order = Schema<'OrderResponse'>;
export type OrderStatus = Order['status'];
export type FarmerAction = 'confirm' | 'ship' | 'deliver' | 'refuse' | 'return';

/** What the farmer can do next with an order (the api's order lifecycle, farmer rows only). */
export function farmerActions(order: Pick<Order, 'status' | 'paymentMethod'>): FarmerAction[] {
  switch (order.status) {
    case 'pending_payment':
      return order.paymentMethod === 'cod' ? ['confirm'] : [];
    case 'confirmed':
      return ['ship'];
    case 'shipped':
      // A cash-on-delivery buyer may refuse the parcel at the door.
      return order.paymentMethod === 'cod' ? ['deliver', 'refuse'] : ['deliver'];
    case 'delivered':
      return ['return'];
    default:
      return [];
  }
}

/** The status filters offered, in the order work flows: to confirm, to ship, on the way, delivered, all. */
export const ORDER_FILTERS = [
  'all',
  'pending_payment',
  'confirmed',
  'shipped',
  'delivered',
  'refund_due',
  'cancelled',
] as const satisfies readonly ('all' | OrderStatus)[];
export type OrderFilter = (typeof ORDER_FILTERS)[number];

/** The badge class of an order status. */
export function orderTone(status: OrderStatus): '' | 'warn' | 'danger' {
  if (status === 'delivered' || status === 'shipped' || status === 'confirmed') return '';
  if (status === 'pending_payment' || status === 'refund_due') return 'warn';
  return 'danger';
}

/** Orders whose buyer's cash-on-delivery record the farmer looks at: COD orders not yet delivered or refused. */
export function showsBuyerRecord(order: Pick<Order, 'status' | 'paymentMethod'>): boolean {
  return (
    order.paymentMethod === 'cod' &&
    (order.status === 'pending_payment' || order.status === 'confirmed' || order.status === 'shipped')
  );
}
