import type { ImageView } from '@ocop/assets';
import type { VietqrPaymentView } from '@ocop/payments';
import type { DeliveryAddress, OrderStatus, PaymentMethod } from '../domain';
import type { OrderWithLines } from '../infrastructure/orders.repository';

export interface OrderLineView {
  productId: string;
  productName: string;
  /** The list price at order time; unitPriceVnd is what the buyer pays (lower during a flash deal). */
  listUnitPriceVnd: number;
  unitPriceVnd: number;
  /** The flash deal that priced the line, if any. */
  dealId: string | null;
  quantity: number;
  lineTotalVnd: number;
  sessionId: string | null;
  /** The product's cover photo now (added when the order is shown; absent in stored checkout answers). */
  image?: ImageView | null;
}

/** The producer of an order as its buyer may reach it (only on the buyer's own orders). */
export interface OrderProducerView {
  name: string;
  /** E.164. */
  phone: string;
}

export interface OrderView {
  id: string;
  /** The short code the buyer reads out on the phone (8 characters, no 0/O/1/I). */
  code: string;
  checkoutId: string;
  producerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  /** Goods plus shipping: what the buyer pays, and what the courier collects for COD. */
  totalVnd: number;
  /** The producer's shipping fee charged on this order (included in totalVnd). */
  shippingFeeVnd: number;
  /** The producer's name and phone: on the buyer's own orders only. */
  producer?: OrderProducerView;
  /** Every status the order went through, oldest first (on one order fetched by its buyer). */
  history?: { status: OrderStatus; at: string }[];
  deliveryAddress: DeliveryAddress;
  referralCode: string | null;
  expiresAt: string | null;
  placedAt: string;
  lines: OrderLineView[];
}

/**
 * Where a checkout's payment stands: `on_delivery` (cash on delivery, nothing to pay now); `ready` (card: `payment`
 * holds the PaymentIntent's client secret); `not_started` (card: the orders are placed and await payment, but the
 * payment could not be started; start it with POST /api/checkouts/{checkoutId}/payment).
 */
export const CHECKOUT_PAYMENT_STATES = ['on_delivery', 'ready', 'not_started'] as const;
export type CheckoutPaymentState = (typeof CHECKOUT_PAYMENT_STATES)[number];

export interface CheckoutResult {
  checkoutId: string;
  orders: OrderView[];
  paymentState: CheckoutPaymentState;
  /** Card checkouts: one PaymentIntent for the whole checkout; its client secret goes to Stripe.js. */
  payment?: { paymentId: string; clientSecret: string };
  /** VietQR checkouts: one payOS payment link for the whole checkout, drawn as a QR code in the browser. */
  vietqr?: VietqrPaymentView;
}

/** A card checkout's payment, started or resumed: what Stripe.js needs, for the orders it pays. */
export interface CheckoutPaymentView {
  checkoutId: string;
  paymentId: string;
  clientSecret: string;
  amountVnd: number;
  orderIds: string[];
}

/** A VietQR checkout's payment, started or resumed: what the buyer's page draws, for the orders it pays. */
export interface CheckoutVietqrView {
  checkoutId: string;
  orderIds: string[];
  vietqr: VietqrPaymentView;
}

/** A stored answer as it is replayed: answers stored before `paymentState` existed get it from what they hold. */
export function withPaymentState(
  result: Omit<CheckoutResult, 'paymentState'> & { paymentState?: CheckoutPaymentState },
): CheckoutResult {
  if (result.paymentState) return result as CheckoutResult;
  const online = result.orders.some((o) => o.paymentMethod !== 'cod');
  return {
    ...result,
    paymentState: !online ? 'on_delivery' : result.payment || result.vietqr ? 'ready' : 'not_started',
  };
}

export function orderView(o: OrderWithLines): OrderView {
  return {
    id: o.id,
    code: o.code,
    checkoutId: o.checkoutId,
    producerId: o.producerId,
    status: o.status,
    paymentMethod: o.paymentMethod,
    totalVnd: o.totalVnd,
    shippingFeeVnd: o.shippingFeeVnd,
    deliveryAddress: o.deliveryAddress,
    referralCode: o.referralCode,
    expiresAt: o.expiresAt ? o.expiresAt.toISOString() : null,
    placedAt: o.placedAt.toISOString(),
    lines: o.lines.map((l) => ({
      productId: l.productId,
      productName: l.productName,
      listUnitPriceVnd: l.listUnitPriceVnd,
      unitPriceVnd: l.unitPriceVnd,
      dealId: l.dealId,
      quantity: l.quantity,
      lineTotalVnd: l.lineTotalVnd,
      sessionId: l.sessionId,
    })),
  };
}
