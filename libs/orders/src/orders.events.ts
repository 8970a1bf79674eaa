import type { OrderEvent, OrderStatus, PaymentMethod } from './domain/order-state';

/** Outbox topics the orders context writes (attribution, the room announcements and dashboards subscribe). */
export interface OrderPlacedLinePayload {
  /** The order line's id: attribution keys its immutable record on it. */
  lineId: string;
  productId: string;
  productName: string;
  /** The list price at order time; unitPriceVnd is what the buyer pays (the deal price during a flash deal). */
  listUnitPriceVnd: string;
  unitPriceVnd: string;
  quantity: number;
  lineTotalVnd: string;
  dealId: string | null;
  sessionId: string | null;
  hostUserId: string | null;
  branchId: string | null;
  branchPath: string[] | null;
}

export interface OrderPlacedPayload {
  orderId: string;
  checkoutId: string;
  buyerUserId: string;
  producerId: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  /** Money as a string of whole VND (outbox payloads are plain JSON). */
  totalVnd: string;
  items: number;
  /** The session page (live room or replay) the purchase was made from. */
  sessionId: string | null;
  /** The referral code typed at checkout, upper-cased. */
  referralCode: string | null;
  /** The share link the buyer followed. */
  shareCode: string | null;
  placedAt: string;
  lines: OrderPlacedLinePayload[];
}

/**
 * Every status change of an order, written in the transaction that makes it. `settled` is true on the change that
 * makes the money real: delivery of a paid order (COD: delivered with the cash collected; card: delivered after the
 * payment succeeded).
 */
export interface OrderStatusChangedPayload {
  orderId: string;
  checkoutId: string;
  buyerUserId: string;
  producerId: string;
  sessionId: string | null;
  paymentMethod: PaymentMethod;
  totalVnd: string;
  from: OrderStatus;
  to: OrderStatus;
  event: OrderEvent;
  actor: 'shopper' | 'farmer' | 'system';
  settled: boolean;
  at: string;
}

declare module '@ocop/db' {
  interface OutboxTopics {
    'orders.placed': OrderPlacedPayload;
    'orders.status-changed': OrderStatusChangedPayload;
  }
}

/** What the session room sees of a confirmed order (social proof): never the full name, phone or street. */
export interface OrderConfirmedAnnouncement {
  sessionId: string;
  orderId: string;
  /** The buyer's given name ("Lan" for Nguyễn Thị Lan). */
  buyerName: string;
  ward: string;
  lines: { productId: string; productName: string; quantity: number }[];
}

declare module '@ocop/realtime' {
  interface ServerToClientEvents {
    /** An order from this session was confirmed (to rooms.session). */
    'order:confirmed': (a: OrderConfirmedAnnouncement) => void;
  }
}
