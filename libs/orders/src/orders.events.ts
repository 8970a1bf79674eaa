/** Outbox topics the orders context writes (attribution and the room announcement subscribe later). */
export interface OrderPlacedLinePayload {
  productId: string;
  productName: string;
  unitPriceVnd: string;
  quantity: number;
  lineTotalVnd: string;
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
  status: string;
  paymentMethod: 'cod' | 'card';
  /** Money as a string of whole VND (outbox payloads are plain JSON). */
  totalVnd: string;
  items: number;
  sessionId: string | null;
  referralCode: string | null;
  placedAt: string;
  lines: OrderPlacedLinePayload[];
}

declare module '@ocop/db' {
  interface OutboxTopics {
    'orders.placed': OrderPlacedPayload;
  }
}
