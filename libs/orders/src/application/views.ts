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
}

export interface OrderView {
  id: string;
  checkoutId: string;
  producerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  totalVnd: number;
  deliveryAddress: DeliveryAddress;
  referralCode: string | null;
  expiresAt: string | null;
  placedAt: string;
  lines: OrderLineView[];
}

export interface CheckoutResult {
  checkoutId: string;
  orders: OrderView[];
  /** Card checkouts: one PaymentIntent for the whole checkout; its client secret goes to Stripe.js. */
  payment?: { paymentId: string; clientSecret: string };
}

export function orderView(o: OrderWithLines): OrderView {
  return {
    id: o.id,
    checkoutId: o.checkoutId,
    producerId: o.producerId,
    status: o.status,
    paymentMethod: o.paymentMethod,
    totalVnd: o.totalVnd,
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
