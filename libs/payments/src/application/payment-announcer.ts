import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@ocop/db';
import { EntityManager } from 'typeorm';
import { PaymentEventName, PaymentEvents, PaymentStatus } from '../domain';

/** The outcome a payment status announces, if any: succeeded (or COD collected), failed, refunded. */
export function announcedEvent(to: PaymentStatus): PaymentEventName | null {
  if (to === 'succeeded' || to === 'collected') return PaymentEvents.Succeeded;
  if (to === 'failed') return PaymentEvents.Failed;
  if (to === 'refunded') return PaymentEvents.Refunded;
  return null;
}

/**
 * Tells the rest of the platform about outcomes through the outbox, inside the transaction that moved the payment:
 * the announcement commits with the change or not at all.
 */
@Injectable()
export class PaymentAnnouncer {
  constructor(private readonly outbox: OutboxWriter) {}

  async announce(
    em: EntityManager,
    to: PaymentStatus,
    payment: { id: string; reference: string; amountVnd: number },
  ): Promise<void> {
    const topic = announcedEvent(to);
    if (!topic) return;
    await this.outbox.write(em, {
      topic,
      key: payment.id,
      payload: { paymentId: payment.id, reference: payment.reference, amountVnd: String(payment.amountVnd) },
    });
  }
}
