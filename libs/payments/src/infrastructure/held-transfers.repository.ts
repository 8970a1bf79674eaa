import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

/** A stored payOS transfer with the facts of its payment, as the review needs them. */
export interface HeldTransferRow {
  id: string;
  orderCode: number;
  amountVnd: number;
  bankReference: string;
  outcome: string;
  needsReview: boolean;
  receivedAt: Date;
  transferredAt: string | null;
  counterAccountName: string | null;
  counterAccountNumber: string | null;
  counterAccountBankName: string | null;
  decision: string | null;
  paymentId: string;
  paymentReference: string;
  paymentAmountVnd: number;
  paymentStatus: string;
  reviewReason: string | null;
}

interface RawRow {
  id: string;
  order_code: string;
  amount_vnd: string;
  reference: string;
  outcome: string;
  needs_review: boolean;
  received_at: Date;
  transferred_at: string | null;
  counter_account_name: string | null;
  counter_account_number: string | null;
  counter_account_bank_name: string | null;
  decision: string | null;
  payment_id: string;
  payment_reference: string;
  payment_amount_vnd: string;
  payment_status: string;
  review_reason: string | null;
}

/** payOS sends the payer's account when the bank tells it, else empty strings or nulls: both read as unknown. */
const COLUMNS = `e.id, e.order_code, e.amount_vnd, e.reference, e.outcome, e.needs_review, e.received_at, e.decision,
  e.payload->'data'->>'transactionDateTime' AS transferred_at,
  nullif(btrim(e.payload->'data'->>'counterAccountName'), '') AS counter_account_name,
  nullif(btrim(e.payload->'data'->>'counterAccountNumber'), '') AS counter_account_number,
  nullif(btrim(e.payload->'data'->>'counterAccountBankName'), '') AS counter_account_bank_name,
  p.id AS payment_id, p.reference AS payment_reference, p.amount_vnd AS payment_amount_vnd,
  p.status AS payment_status, p.review_reason`;

function toRow(r: RawRow): HeldTransferRow {
  return {
    id: r.id,
    orderCode: Number(r.order_code),
    amountVnd: Number(r.amount_vnd),
    bankReference: r.reference,
    outcome: r.outcome,
    needsReview: r.needs_review,
    receivedAt: r.received_at,
    transferredAt: r.transferred_at,
    counterAccountName: r.counter_account_name,
    counterAccountNumber: r.counter_account_number,
    counterAccountBankName: r.counter_account_bank_name,
    decision: r.decision,
    paymentId: r.payment_id,
    paymentReference: r.payment_reference,
    paymentAmountVnd: Number(r.payment_amount_vnd),
    paymentStatus: r.payment_status,
    reviewReason: r.review_reason,
  };
}

/** Transfers kept for review (payos_events with needs_review) joined to their payments; no rules here. */
@Injectable()
export class HeldTransfersRepository {
  constructor(private readonly db: DataSource) {}

  /** Awaiting a decision, oldest first (payos_events_review_idx). Transfers for no payment of ours are left out. */
  async awaitingReview(limit: number): Promise<HeldTransferRow[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM payos_events e JOIN payments p ON p.id = e.payment_id
        WHERE e.needs_review ORDER BY e.received_at, e.id LIMIT $1`,
      [limit],
    )) as RawRow[];
    return rows.map(toRow);
  }

  async findById(id: string): Promise<HeldTransferRow | null> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM payos_events e JOIN payments p ON p.id = e.payment_id WHERE e.id = $1`,
      [id],
    )) as RawRow[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Locks the transfer's row: two decisions on one transfer run one after the other. */
  async lock(em: Db, id: string): Promise<{ paymentId: string | null; needsReview: boolean } | null> {
    const rows = (await em.query(
      `SELECT payment_id, needs_review FROM payos_events WHERE id = $1 FOR UPDATE`,
      [id],
    )) as { payment_id: string | null; needs_review: boolean }[];
    return rows[0] ? { paymentId: rows[0].payment_id, needsReview: rows[0].needs_review } : null;
  }

  /** Records the decision once: false when the transfer had left review already. */
  async recordDecision(
    em: Db,
    id: string,
    decision: {
      decision: 'refunded' | 'reinstated';
      decidedBy: string;
      refundAmountVnd: number | null;
      refundBankReference: string | null;
    },
  ): Promise<boolean> {
    const rows = (await em.query(
      `UPDATE payos_events
          SET needs_review = false, decision = $2, decided_by = $3, decided_at = now(),
              refund_amount_vnd = $4, refund_bank_reference = $5
        WHERE id = $1 AND needs_review AND decision IS NULL
        RETURNING id`,
      [id, decision.decision, decision.decidedBy, decision.refundAmountVnd, decision.refundBankReference],
    )) as unknown[];
    // An UPDATE ... RETURNING answers [rows, count] through TypeORM's pg driver.
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return returned.length > 0;
  }
}
