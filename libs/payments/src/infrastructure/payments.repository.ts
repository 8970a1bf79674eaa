import type { OutboxTopics } from '@ocop/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { PaymentStatus, PaymentTrigger } from '../domain';
import { PaymentEntity } from './payment.entity';
import { StripeEventEntity } from './stripe-event.entity';

/** The columns a transition may change besides the status, as TypeORM names them and as PostgreSQL does. */
const TRANSITION_COLUMNS = [
  ['stripeRefundId', 'stripe_refund_id'],
  ['collectedVnd', 'collected_vnd'],
  ['lastEventCreatedAt', 'last_event_created_at'],
  ['reviewReason', 'review_reason'],
] as const;

@Injectable()
export class PaymentsRepository {
  constructor(@InjectRepository(PaymentEntity) private readonly repo: Repository<PaymentEntity>) {}

  findById(id: string): Promise<PaymentEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<PaymentEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo.findBy({ id: In([...ids]) });
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
    // Plain SQL: a COD payment is inserted inside every cash-on-delivery checkout's transaction. A VietQR payment
    // takes its numeric order code from payos_order_code_seq.
    const rows = (await em.query(
      `INSERT INTO payments (reference, method, amount_vnd, status, stripe_payment_intent_id, payos_order_code)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $2 = 'vietqr' THEN nextval('payos_order_code_seq') END)
       RETURNING id, payos_order_code, created_at, updated_at`,
      [values.reference, values.method, values.amountVnd, values.status, values.stripePaymentIntentId],
    )) as { id: string; payos_order_code: string | null; created_at: Date; updated_at: Date }[];
    const row = rows[0] as {
      id: string;
      payos_order_code: string | null;
      created_at: Date;
      updated_at: Date;
    };
    return em.getRepository(PaymentEntity).create({
      ...values,
      id: row.id,
      stripeRefundId: null,
      collectedVnd: null,
      lastEventCreatedAt: null,
      payosOrderCode: row.payos_order_code === null ? null : Number(row.payos_order_code),
      payosLink: null,
      reviewReason: null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  /** The open VietQR payment started with `reference` for this amount, locked; null when there is none. */
  lockOpenVietqr(em: EntityManager, reference: string, amountVnd: number): Promise<PaymentEntity | null> {
    return em.getRepository(PaymentEntity).findOne({
      where: { reference, method: 'vietqr', amountVnd, status: 'requires_payment' },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockByOrderCode(em: EntityManager, orderCode: number): Promise<PaymentEntity | null> {
    return em
      .getRepository(PaymentEntity)
      .findOne({ where: { payosOrderCode: orderCode }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The counter account (as payOS's webhook data names it) of the transfer that paid a VietQR payment: the stored
   * delivery whose outcome moved the payment to succeeded. Empty strings and nulls stay as payOS sent them.
   */
  async confirmingTransferAccount(
    paymentId: string,
  ): Promise<{ bankId: unknown; accountNumber: unknown; accountName: unknown } | null> {
    const rows = (await this.repo.manager.query(
      `SELECT payload->'data'->'counterAccountBankId' AS bank_id,
              payload->'data'->'counterAccountNumber' AS account_number,
              payload->'data'->'counterAccountName' AS account_name
         FROM payos_events WHERE payment_id = $1 AND outcome = 'moved:succeeded'
        ORDER BY received_at LIMIT 1`,
      [paymentId],
    )) as { bank_id: unknown; account_number: unknown; account_name: unknown }[];
    const r = rows[0];
    return r ? { bankId: r.bank_id, accountNumber: r.account_number, accountName: r.account_name } : null;
  }

  async orderCodeExists(orderCode: number): Promise<boolean> {
    const rows = (await this.repo.query(`SELECT 1 FROM payments WHERE payos_order_code = $1`, [
      orderCode,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** A fresh order code for a payment whose first one payOS already knows (a link created but never stored). */
  async renewOrderCode(em: EntityManager, payment: PaymentEntity): Promise<void> {
    const result = (await em.query(
      `UPDATE payments SET payos_order_code = nextval('payos_order_code_seq'), updated_at = now()
       WHERE id = $1 RETURNING payos_order_code`,
      [payment.id],
    )) as unknown[];
    // An UPDATE ... RETURNING answers [rows, count] through TypeORM's pg driver.
    const rows = (Array.isArray(result[0]) ? result[0] : result) as { payos_order_code: string }[];
    payment.payosOrderCode = Number(rows[0]?.payos_order_code);
  }

  async setPayosLink(
    em: EntityManager,
    payment: PaymentEntity,
    link: PaymentEntity['payosLink'],
  ): Promise<void> {
    payment.payosLink = link;
    await em.query(`UPDATE payments SET payos_link = $2, updated_at = now() WHERE id = $1`, [
      payment.id,
      JSON.stringify(link),
    ]);
  }

  /**
   * Stores a verified payOS webhook once, by its signature (a redelivery carries the same signed data), with the
   * outcome it has: the stored transfer's id when it is new (the caller applies that outcome in the same
   * transaction); the outcome recorded when it was first seen otherwise (nothing is applied twice).
   */
  async insertPayosEvent(
    em: EntityManager,
    event: {
      signature: string;
      orderCode: number;
      amountVnd: number;
      reference: string;
      payload: unknown;
      outcome: string;
      paymentId: string | null;
      needsReview: boolean;
    },
  ): Promise<{ id: string } | { seen: string }> {
    const rows = (await em.query(
      `INSERT INTO payos_events (signature, order_code, amount_vnd, reference, payload, outcome, payment_id, needs_review)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (signature) DO NOTHING RETURNING id`,
      [
        event.signature,
        event.orderCode,
        event.amountVnd,
        event.reference,
        JSON.stringify(event.payload),
        event.outcome,
        event.paymentId,
        event.needsReview,
      ],
    )) as { id: string }[];
    if (rows[0]) return { id: rows[0].id };
    const seen = (await em.query(`SELECT outcome FROM payos_events WHERE signature = $1`, [
      event.signature,
    ])) as { outcome: string }[];
    return { seen: seen[0]?.outcome ?? 'pending' };
  }

  /**
   * Moves a locked payment and records the transition in its history, in one statement (the payment's UPDATE and
   * the history's INSERT): a webhook's acknowledgement waits on as few round trips as the rules allow.
   */
  async transition(
    em: EntityManager,
    payment: PaymentEntity,
    to: PaymentStatus,
    trigger: PaymentTrigger,
    stripeEventId: string | null,
    changes: Partial<
      Pick<PaymentEntity, 'stripeRefundId' | 'collectedVnd' | 'lastEventCreatedAt' | 'reviewReason'>
    > = {},
    payosEvent: string | null = null,
  ): Promise<void> {
    const from = payment.status;
    const params: unknown[] = [payment.id, to, from, trigger, stripeEventId, payosEvent];
    const sets = ['status = $2', 'updated_at = now()'];
    for (const [key, column] of TRANSITION_COLUMNS) {
      if (changes[key] === undefined) continue;
      params.push(changes[key]);
      sets.push(`${column} = $${params.length}`);
    }
    await em.query(
      `WITH moved AS (UPDATE payments SET ${sets.join(', ')} WHERE id = $1 RETURNING id)
       INSERT INTO payment_transitions (payment_id, from_status, to_status, trigger, stripe_event_id, payos_event)
       SELECT id, $3, $2, $4, $5, $6 FROM moved`,
      params,
    );
    Object.assign(payment, changes, { status: to, updatedAt: new Date() });
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

  /** Stored events received in [since, before) and never applied (stripe_events_unprocessed_idx), oldest first. */
  async unprocessedEventIds(since: Date, before: Date, limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT id FROM stripe_events
       WHERE processed_at IS NULL AND received_at >= $1 AND received_at < $2
       ORDER BY received_at LIMIT $3`,
      [since, before, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
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
