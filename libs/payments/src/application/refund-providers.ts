import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { isUuid } from '@ocop/kernel';
import { canApply, PaymentError } from '../domain';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { StripeClient } from './stripe-client';

/**
 * How the money of a paid online payment goes back. `stripe`: the platform refunds the card through Stripe by itself
 * when an order becomes refund due (PaymentsService.refundPart). `manual`: a person sends the money (a bank transfer)
 * and records it with the bank's reference (RecordedRefunds). Cash on delivery is handed back and has neither.
 * `payos`: the platform pays a VietQR transfer back through a payOS payout (settlement sends it); the refund is
 * reserved (pending) when the payout opens, so nobody records another one meanwhile, and completes or fails with it.
 */
export type RefundProviderName = 'stripe' | 'manual' | 'payos';

export interface RecordedRefund {
  paymentId: string;
  reference: string;
  amountVnd: number;
  provider: RefundProviderName;
  /** pending: a payOS payout is paying it; succeeded: paid (failed ones are not answered). */
  status: 'pending' | 'succeeded';
  bankReference: string | null;
  recordedBy: string | null;
  createdAt: string;
}

interface RefundRow {
  payment_id: string;
  reference: string;
  amount_vnd: string;
  status: string;
  provider: RefundProviderName;
  bank_reference: string | null;
  recorded_by: string | null;
  created_at: Date;
}

function toRecorded(r: RefundRow): RecordedRefund {
  return {
    paymentId: r.payment_id,
    reference: r.reference,
    amountVnd: Number(r.amount_vnd),
    provider: r.provider,
    status: r.status === 'pending' ? 'pending' : 'succeeded',
    bankReference: r.bank_reference,
    recordedBy: r.recorded_by,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Refunds recorded by hand (the manual provider), once per (payment, reference), never above what was paid. */
@Injectable()
export class RecordedRefunds {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly stripe: StripeClient,
    private readonly db: DataSource,
  ) {}

  /** Who refunds a paid payment of this method: Stripe for cards while card payments are on, else a person. */
  providerFor(method: string): RefundProviderName | null {
    if (method === 'cod') return null;
    return method === 'card' && this.stripe.api !== null ? 'stripe' : 'manual';
  }

  /**
   * Records a refund sent by hand. Refused: a cash-on-delivery payment (WRONG_PAYMENT_METHOD), one never paid
   * (ILLEGAL_TRANSITION), an amount above what is left of the payment (REFUND_EXCEEDS_PAID), a second refund for the
   * same reference with other details (REFUND_ALREADY_RECORDED). The same refund recorded again answers the first.
   * Announced as payments.refunded (with the reference) in the same transaction.
   */
  async record(
    paymentId: string,
    input: { reference: string; amountVnd: number; bankReference: string; recordedBy: string },
    provider: 'manual' | 'payos' = 'manual',
  ): Promise<RecordedRefund> {
    if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0) {
      throw new PaymentError('INVALID_AMOUNT', 'The amount must be a positive whole number of đồng', {
        amountVnd: input.amountVnd,
      });
    }
    if (!isUuid(paymentId)) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
    return this.tx.run(async (em) => {
      const p = await this.payments.lock(em, paymentId);
      if (!p) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
      if (p.method === 'cod') {
        throw new PaymentError(
          'WRONG_PAYMENT_METHOD',
          'Cash on delivery is handed back, not refunded by transfer',
        );
      }
      const existing = await this.find(em, paymentId, input.reference);
      const reserved = existing?.provider === 'payos' && existing.status === 'pending';
      if (existing && !(reserved && provider === 'payos' && existing.amountVnd === input.amountVnd)) {
        if (
          existing.provider === provider &&
          existing.status === 'succeeded' &&
          existing.bankReference === input.bankReference &&
          existing.amountVnd === input.amountVnd
        ) {
          return existing;
        }
        if (reserved) {
          throw new PaymentError(
            'REFUND_IN_PROGRESS',
            'The platform is paying this refund through payOS: wait for it, or for it to fail',
            { amountVnd: existing.amountVnd },
          );
        }
        throw new PaymentError('REFUND_ALREADY_RECORDED', 'A refund was already recorded for this order', {
          amountVnd: existing.amountVnd,
          provider: existing.provider,
        });
      }
      if (p.status !== 'succeeded' && p.status !== 'refund_pending') {
        throw new PaymentError('ILLEGAL_TRANSITION', `A payment that is ${p.status} cannot be refunded`, {
          from: p.status,
        });
      }
      // A reservation being completed is already counted in what was refunded.
      const refunded = (await this.payments.refundedTotal(paymentId, em)) - (reserved ? input.amountVnd : 0);
      if (refunded + input.amountVnd > p.amountVnd) {
        throw new PaymentError('REFUND_EXCEEDS_PAID', 'A refund cannot be larger than what was paid', {
          amountVnd: input.amountVnd,
          paidVnd: p.amountVnd,
          refundedVnd: refunded,
        });
      }
      // A provider's refund that failed (a closed card, a payout payOS refused) gives way to this one; the payOS
      // payout's own reservation is completed by it.
      const [row] = (await em.query(
        `INSERT INTO payment_refunds
           (payment_id, reference, amount_vnd, status, provider, bank_reference, recorded_by)
         VALUES ($1, $2, $3, 'succeeded', $6, $4, $5)
         ON CONFLICT (payment_id, reference) DO UPDATE
           SET amount_vnd = EXCLUDED.amount_vnd, status = 'succeeded', provider = EXCLUDED.provider,
               bank_reference = EXCLUDED.bank_reference, recorded_by = EXCLUDED.recorded_by,
               stripe_refund_id = NULL, updated_at = now()
           WHERE payment_refunds.status = 'failed'
              OR (payment_refunds.status = 'pending' AND payment_refunds.provider = 'payos' AND EXCLUDED.provider = 'payos')
         RETURNING payment_id, reference, amount_vnd, status, provider, bank_reference, recorded_by, created_at`,
        [paymentId, input.reference, input.amountVnd, input.bankReference, input.recordedBy, provider],
      )) as RefundRow[];
      await this.outbox.write(em, {
        topic: 'payments.refunded',
        key: p.id,
        payload: { paymentId: p.id, reference: input.reference, amountVnd: String(input.amountVnd) },
      });
      if (refunded + input.amountVnd >= p.amountVnd && canApply(p.status, 'refunded')) {
        // Wholly refunded by its parts (each announced on its own): the status moves silently.
        await this.payments.transition(em, p, 'refunded', 'refunded', null);
      }
      return toRecorded(row as RefundRow);
    });
  }

  /**
   * Reserves the refund a payOS payout is about to pay (provider payos, pending), in the caller's transaction: a
   * refund recorded by hand meanwhile is refused (REFUND_IN_PROGRESS). The same reservation again is a no-op; refused
   * like `record`: another refund recorded, a payment not paid, more than what is left of it.
   */
  async reserve(
    em: EntityManager,
    paymentId: string,
    input: { reference: string; amountVnd: number; recordedBy: string },
  ): Promise<void> {
    const p = await this.payments.lock(em, paymentId);
    if (!p) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
    const existing = await this.find(em, paymentId, input.reference);
    if (existing) {
      if (existing.provider === 'payos' && existing.status === 'pending') return;
      throw new PaymentError('REFUND_ALREADY_RECORDED', 'A refund was already recorded for this order', {
        amountVnd: existing.amountVnd,
        provider: existing.provider,
      });
    }
    if (p.status !== 'succeeded' && p.status !== 'refund_pending') {
      throw new PaymentError('ILLEGAL_TRANSITION', `A payment that is ${p.status} cannot be refunded`, {
        from: p.status,
      });
    }
    const refunded = await this.payments.refundedTotal(paymentId, em);
    if (refunded + input.amountVnd > p.amountVnd) {
      throw new PaymentError('REFUND_EXCEEDS_PAID', 'A refund cannot be larger than what was paid', {
        amountVnd: input.amountVnd,
        paidVnd: p.amountVnd,
        refundedVnd: refunded,
      });
    }
    await em.query(
      `INSERT INTO payment_refunds (payment_id, reference, amount_vnd, status, provider, recorded_by)
       VALUES ($1, $2, $3, 'pending', 'payos', $4)
       ON CONFLICT (payment_id, reference) DO UPDATE
         SET amount_vnd = EXCLUDED.amount_vnd, status = 'pending', provider = 'payos', bank_reference = NULL,
             recorded_by = EXCLUDED.recorded_by, stripe_refund_id = NULL, updated_at = now()
         WHERE payment_refunds.status = 'failed'`,
      [paymentId, input.reference, input.amountVnd, input.recordedBy],
    );
  }

  /** A payOS refund payout failed: its reservation gives way (another payout, or a refund recorded by hand). */
  async release(paymentId: string, reference: string): Promise<void> {
    await this.db.query(
      `UPDATE payment_refunds SET status = 'failed', updated_at = now()
        WHERE payment_id = $1 AND reference = $2 AND provider = 'payos' AND status = 'pending'`,
      [paymentId, reference],
    );
  }

  /** The refund recorded for (payment, reference), by any provider, unless it failed. */
  async find(em: EntityManager | null, paymentId: string, reference: string): Promise<RecordedRefund | null> {
    const rows = (await (em ?? this.db).query(
      `SELECT payment_id, reference, amount_vnd, status, provider, bank_reference, recorded_by, created_at
         FROM payment_refunds WHERE payment_id = $1 AND reference = $2 AND status <> 'failed'`,
      [paymentId, reference],
    )) as RefundRow[];
    return rows[0] ? toRecorded(rows[0]) : null;
  }
}
