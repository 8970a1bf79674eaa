/**
 * Every outbox topic and its payload. Empty here: each context adds its own topics by module augmentation, so
 * that OutboxWriter.write and OutboxSubscribers.on are typed per topic:
 *
 *   declare module '@ocop/db' {
 *     interface OutboxTopics {
 *       'payments.succeeded': { paymentId: string; orderId: string; amountVnd: string };
 *     }
 *   }
 *
 * Payloads are stored as jsonb: plain JSON values only (no Date, no bigint; money as a string of VND).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by module augmentation
export interface OutboxTopics {}

export type OutboxTopic = keyof OutboxTopics & string;

/** What a caller writes: `key` is the id of the aggregate the message is about (an order id, a payment id). */
export interface OutboxDraft<T extends OutboxTopic> {
  topic: T;
  key: string;
  payload: OutboxTopics[T];
}

/** A stored outbox message, as a subscriber receives it. */
export interface OutboxMessage<T extends OutboxTopic = OutboxTopic> {
  id: string;
  topic: T;
  key: string;
  payload: OutboxTopics[T];
  createdAt: Date;
}

/** The NOTIFY channel the insert trigger signals on. */
export const OUTBOX_CHANNEL = 'outbox';
