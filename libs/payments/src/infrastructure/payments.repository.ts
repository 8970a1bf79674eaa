import type { OutboxTopics } from '@ocop/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { PaymentStatus, PaymentTrigger } from '../domain';
import { PaymentTransitionEntity } from './payment-transition.entity';
import { PaymentEntity } from './payment.entity';
import { StripeEventEntity } from './stripe-event.entity';

@Injectable()
export class PaymentsRepository {
  constructor(@InjectRepository(PaymentEntity) private readonly repo: Repository<PaymentEntity>) {}

  findById(id: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Locks the payment row (SELECT ... FOR UPDATE) so one change at a time sees and writes its status. */
  lock(em: EntityManager, id: string): Promise<PaymentEntity | null> {
    return em.getRepository(PaymentEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockByIntent(em: EntityManager, intentId: string): Promise<PaymentEntity | null> {
    return em
      .getRepository(PaymentEntity)
      .findOne({ where: { stripePaymentIntentId: intentId }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    em: EntityManager,
    values: Pick<PaymentEntity, 'reference' | 'method' | 'amountVnd' | 'status' | 'stripePaymentIntentId'>,
  ): Promise<PaymentEntity> {
    // Plain SQL: a COD payment is inserted inside every cash-on-delivery checkout's transaction.
    const rows = (await em.query(
      `INSERT INTO payments (reference, method, amount_vnd, status, stripe_payment_intent_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at, updated_at`,
      [values.reference, values.method, values.amountVnd, values.status, values.stripePaymentIntentId],
    )) as { id: string; created_at: Date; updated_at: Date }[];
    const row = rows[0] as { id: string; created_at: Date; updated_at: Date };
    return em.getRepository(PaymentEntity).create({
      ...values,
      id: row.id,
      stripeRefundId: null,
      collectedVnd: null,
      lastEventCreatedAt: null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  /** Moves a locked payment and records the transition in its history. */
  async transition(
    em: EntityManager,
    payment: PaymentEntity,
    to: PaymentStatus,
    trigger: PaymentTrigger,
    stripeEventId: string | null,
    changes: Partial<Pick<PaymentEntity, 'stripeRefundId' | 'collectedVnd' | 'lastEventCreatedAt'>> = {},
  ): Promise<void> {
    const from = payment.status;
    Object.assign(payment, changes, { status: to, updatedAt: new Date() });
    await em.getRepository(PaymentEntity).save(payment);
    await em
      .getRepository(PaymentTransitionEntity)
      .insert({ paymentId: payment.id, fromStatus: from, toStatus: to, trigger, stripeEventId });
  }

  findRefund(
    paymentId: string,
    reference: string,
  ): Promise<{ status: 'pending' | 'succeeded' | 'failed'; amountVnd: number } | null> {
    return this.repo
      .query(`SELECT status, amount_vnd FROM payment_refunds WHERE payment_id = $1 AND reference = $2`, [
        paymentId,
        reference,
      ])
      .then((rows: { status: 'pending' | 'succeeded' | 'failed'; amount_vnd: string }[]) =>
        rows[0] ? { status: rows[0].status, amountVnd: Number(rows[0].amount_vnd) } : null,
      );
  }

  /** What refunds that have not failed add up to (pending ones included: they are promised). */
  async refundedTotal(paymentId: string, em?: EntityManager): Promise<number> {
    const rows = (await (em ?? this.repo.manager).query(
      `SELECT coalesce(sum(amount_vnd), 0)::bigint AS total FROM payment_refunds
       WHERE payment_id = $1 AND status <> 'failed'`,
      [paymentId],
    )) as { total: string }[];
    return Number(rows[0]?.total ?? 0);
  }

  /** Records a refund once per (payment, reference); false when it was recorded before. */
  async insertRefund(
    em: EntityManager,
    refund: {
      paymentId: string;
      reference: string;
      amountVnd: number;
      status: string;
      stripeRefundId: string;
    },
  ): Promise<boolean> {
    const rows = (await em.query(
      `INSERT INTO payment_refunds (payment_id, reference, amount_vnd, status, stripe_refund_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (payment_id, reference) DO NOTHING RETURNING id`,
      [refund.paymentId, refund.reference, refund.amountVnd, refund.status, refund.stripeRefundId],
    )) as unknown[];
    return rows.length > 0;
  }

  async lockRefundByStripeId(
    em: EntityManager,
    stripeRefundId: string,
  ): Promise<{ id: string; paymentId: string; reference: string; amountVnd: number; status: string } | null> {
    const rows = (await em.query(
      `SELECT id, payment_id, reference, amount_vnd, status FROM payment_refunds
       WHERE stripe_refund_id = $1 FOR UPDATE`,
      [stripeRefundId],
    )) as { id: string; payment_id: string; reference: string; amount_vnd: string; status: string }[];
    const r = rows[0];
    return r
      ? {
          id: r.id,
          paymentId: r.payment_id,
          reference: r.reference,
          amountVnd: Number(r.amount_vnd),
          status: r.status,
        }
      : null;
  }

  async setRefundStatus(em: EntityManager, id: string, status: 'succeeded' | 'failed'): Promise<void> {
    await em.query(`UPDATE payment_refunds SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  }

  /**
   * Stores a verified event and, only if it is new, its outbox message `payments.stripe-event-received`, in ONE
   * statement (atomic on its own, one round trip on the webhook's acknowledgement path). False for a redelivery.
   */
  async insertEventAnnounced(event: {
    id: string;
    type: string;
    payload: StripeEventEntity['payload'];
  }): Promise<boolean> {
    const announced: OutboxTopics['payments.stripe-event-received'] = { eventId: event.id };
    const rows = (await this.repo.query(
      `WITH stored AS (
         INSERT INTO stripe_events (id, type, payload) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id
       )
       INSERT INTO outbox (topic, key, payload)
       SELECT 'payments.stripe-event-received', id, $4::jsonb FROM stored
       RETURNING id`,
      [event.id, event.type, JSON.stringify(event.payload), JSON.stringify(announced)],
    )) as unknown[];
    return rows.length > 0;
  }

  lockEvent(em: EntityManager, id: string): Promise<StripeEventEntity | null> {
    return em
      .getRepository(StripeEventEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markEventProcessed(em: EntityManager, id: string, outcome: string): Promise<void> {
    await em.getRepository(StripeEventEntity).update({ id }, { processedAt: new Date(), outcome });
  }
}
