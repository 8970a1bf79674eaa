import { OrderError } from './order.errors';

export const ORDER_STATUSES = [
  'pending_payment',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
  'expired',
  'refund_due',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = [
  'pay',
  'confirm',
  'ship',
  'deliver',
  'expire',
  'cancel',
  'return',
  'refund',
  'refuse',
  'reinstate',
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export const PAYMENT_METHODS = ['cod', 'card', 'vietqr'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Paid before shipping (card through Stripe, VietQR transfer through payOS): such orders wait for their payment. */
export function paysOnline(method: PaymentMethod): boolean {
  return method === 'card' || method === 'vietqr';
}

export type ActorKind = 'shopper' | 'farmer' | 'system';
export type OrderActor =
  | { kind: 'shopper'; userId: string }
  | { kind: 'farmer'; producerId: string }
  | { kind: 'system' };

/** What the state machine needs to know about an order. */
export interface OrderStateView {
  status: OrderStatus;
  paymentMethod: PaymentMethod;
}

/** An order as far as "who may act on it" is concerned. */
export interface OrderOwnership extends OrderStateView {
  buyerUserId: string;
  producerId: string;
}

export interface OrderTransition {
  event: OrderEvent;
  from: readonly OrderStatus[];
  to: OrderStatus;
  /** Only for orders paid this way (or one of these ways); absent means any method. */
  method?: PaymentMethod | readonly PaymentMethod[];
  actors: readonly ActorKind[];
}

/**
 * The order lifecycle as a table. Rows are tried in order; the first whose event, status and payment method
 * match decides the next status.
 *
 * - card and VietQR (paid online): pending_payment --pay--> confirmed; unpaid past the deadline --expire--> expired.
 * - COD: confirmed at once (`confirm` by the system at placement; the farmer may also confirm a COD order
 *   left pending). COD is settled when the farmer records delivery with the cash collected.
 * - confirmed --ship--> shipped --deliver--> delivered.
 * - The shopper cancels before shipping: an unpaid order becomes cancelled; a paid (card, confirmed) order
 *   becomes refund_due, and the system's `refund` (Stripe refund succeeded) makes it refunded.
 * - A payment that lands after the order was cancelled or expired (the buyer was paying when the deal ended)
 *   is never lost: `pay` on such an order makes it refund_due.
 * - A COD buyer may refuse the parcel at the door: the farmer records it (`refuse`), the order is cancelled and the
 *   refusal counts against the buyer's cash-on-delivery record.
 * - delivered is final except for one deliberately simple path: the farmer accepts a return (`return`),
 *   which makes it refund_due, then refunded. No partial returns.
 * - A VietQR transfer held for review is decided by an admin (through the system): a transfer of exactly the amount
 *   due that landed after the order expired may be accepted (`reinstate`: expired -> confirmed, its stock taken
 *   again); a transfer sent back cancels the orders still waiting for it (`cancel` by the system).
 */
const ONLINE: readonly PaymentMethod[] = ['card', 'vietqr'];

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  { event: 'pay', from: ['pending_payment'], to: 'confirmed', method: ONLINE, actors: ['system'] },
  { event: 'pay', from: ['cancelled', 'expired'], to: 'refund_due', method: ONLINE, actors: ['system'] },
  {
    event: 'confirm',
    from: ['pending_payment'],
    to: 'confirmed',
    method: 'cod',
    actors: ['system', 'farmer'],
  },
  { event: 'ship', from: ['confirmed'], to: 'shipped', actors: ['farmer'] },
  { event: 'deliver', from: ['shipped'], to: 'delivered', actors: ['farmer'] },
  { event: 'expire', from: ['pending_payment'], to: 'expired', method: ONLINE, actors: ['system'] },
  { event: 'cancel', from: ['pending_payment'], to: 'cancelled', actors: ['shopper', 'system'] },
  { event: 'cancel', from: ['confirmed'], to: 'cancelled', method: 'cod', actors: ['shopper'] },
  { event: 'cancel', from: ['confirmed'], to: 'refund_due', method: ONLINE, actors: ['shopper'] },
  { event: 'refuse', from: ['shipped'], to: 'cancelled', method: 'cod', actors: ['farmer'] },
  { event: 'return', from: ['delivered'], to: 'refund_due', actors: ['farmer'] },
  { event: 'refund', from: ['refund_due'], to: 'refunded', actors: ['system'] },
  { event: 'reinstate', from: ['expired'], to: 'confirmed', method: 'vietqr', actors: ['system'] },
];

export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['cancelled', 'expired', 'refunded'];

function findTransition(order: OrderStateView, event: OrderEvent): OrderTransition | undefined {
  return ORDER_TRANSITIONS.find(
    (row) =>
      row.event === event &&
      row.from.includes(order.status) &&
      (row.method === undefined ||
        (typeof row.method === 'string'
          ? row.method === order.paymentMethod
          : row.method.includes(order.paymentMethod))),
  );
}

export function canTransitionOrder(order: OrderStateView, event: OrderEvent): boolean {
  return findTransition(order, event) !== undefined;
}

/** The status after `event`, or ILLEGAL_ORDER_TRANSITION (409) with from/event/method details. */
export function transition(order: OrderStateView, event: OrderEvent): OrderStatus {
  const row = findTransition(order, event);
  if (!row) {
    throw new OrderError(
      'ILLEGAL_ORDER_TRANSITION',
      `A ${order.paymentMethod} order that is ${order.status} cannot take "${event}"`,
      { from: order.status, event, paymentMethod: order.paymentMethod },
    );
  }
  return row.to;
}

/**
 * Who may trigger an event: the shopper only on their own order, the farmer only on their own producer's
 * order, the system (webhooks, jobs) for payment, expiry and refunds. Throws ORDER_ACTION_FORBIDDEN (403).
 * Checks the actor before the state, so a stranger learns nothing about the order's status.
 */
export function assertMayTrigger(order: OrderOwnership, event: OrderEvent, actor: OrderActor): void {
  const rows = ORDER_TRANSITIONS.filter((row) => row.event === event);
  const kindAllowed = rows.some((row) => row.actors.includes(actor.kind));
  const owns =
    actor.kind === 'system' ||
    (actor.kind === 'shopper' && actor.userId === order.buyerUserId) ||
    (actor.kind === 'farmer' && actor.producerId === order.producerId);
  if (!kindAllowed || !owns) {
    throw new OrderError('ORDER_ACTION_FORBIDDEN', `A ${actor.kind} may not ${event} this order`, {
      event,
      actor: actor.kind,
    });
  }
}

/** Authorisation, then the table: the next status of `order` when `actor` triggers `event`. */
export function applyOrderEvent(order: OrderOwnership, event: OrderEvent, actor: OrderActor): OrderStatus {
  assertMayTrigger(order, event, actor);
  const row = findTransition(order, event);
  if (row && !row.actors.includes(actor.kind)) {
    throw new OrderError('ORDER_ACTION_FORBIDDEN', `A ${actor.kind} may not ${event} this order`, {
      event,
      actor: actor.kind,
    });
  }
  return transition(order, event);
}

export function isFinalOrderStatus(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}

/** Money has been taken for this order and not yet given back. */
export function holdsPayment(order: OrderStateView): boolean {
  if (order.status === 'refund_due') return true;
  if (paysOnline(order.paymentMethod)) return ['confirmed', 'shipped', 'delivered'].includes(order.status);
  return order.status === 'delivered';
}

/** Whether the order's stock is still held (returned to the product on cancel and expiry). */
export function holdsStock(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'confirmed' || status === 'shipped';
}

/** The status an order is born with: COD orders are confirmed at once, card orders wait for payment. */
export function initialOrderStatus(method: PaymentMethod): OrderStatus {
  return method === 'cod' ? 'confirmed' : 'pending_payment';
}

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && (PAYMENT_METHODS as readonly string[]).includes(value);
}
