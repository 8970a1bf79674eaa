import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PayosPayoutStatus } from '../domain';

type Db = Pick<EntityManager, 'query'>;

/** A refund sent back through payOS's payout channel, to the account a VietQR transfer came from. */
export interface RefundPayoutRow {
  id: string;
  orderId: string;
  paymentId: string;
  producerId: string;
  amountVnd: number;
  toBin: string;
  toAccountNumber: string;
  toAccountName: string;
  description: string;
  status: PayosPayoutStatus;
  payosPayoutId: string | null;
  payosState: string | null;
  bankReference: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestedBy: string;
  createdAt: Date;
  settledAt: Date | null;
}

interface RawRefundPayout {
  id: string;
  order_id: string;
  payment_id: string;
  producer_id: string;
  amount_vnd: string;
  to_bin: string;
  to_account_number: string;
  to_account_name: string;
  description: string;
  status: PayosPayoutStatus;
  payos_payout_id: string | null;
  payos_state: string | null;
  bank_reference: string | null;
  error_code: string | null;
  error_message: string | null;
  requested_by: string;
  created_at: Date;
  settled_at: Date | null;
}

function toRow(r: RawRefundPayout): RefundPayoutRow {
  return {
    id: r.id,
    orderId: r.order_id,
    paymentId: r.payment_id,
    producerId: r.producer_id,
    amountVnd: Number(r.amount_vnd),
    toBin: r.to_bin,
    toAccountNumber: r.to_account_number,
    toAccountName: r.to_account_name,
    description: r.description,
    status: r.status,
    payosPayoutId: r.payos_payout_id,
    payosState: r.payos_state,
    bankReference: r.bank_reference,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    requestedBy: r.requested_by,
    createdAt: new Date(r.created_at),
    settledAt: r.settled_at ? new Date(r.settled_at) : null,
  };
}

/** settlement_refund_payouts. */
@Injectable()
export class RefundPayoutsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Opens a refund payout unless the order has one pending or paid already: answers the new row, or null (the
   * partial unique index decides between concurrent requests).
   */
  async insertUnlessLive(
    em: EntityManager,
    row: Pick<
      RefundPayoutRow,
      | 'id'
      | 'orderId'
      | 'paymentId'
      | 'producerId'
      | 'amountVnd'
      | 'toBin'
      | 'toAccountNumber'
      | 'toAccountName'
      | 'description'
      | 'requestedBy'
    >,
  ): Promise<RefundPayoutRow | null> {
    const rows = (await em.query(
      `INSERT INTO settlement_refund_payouts
         (id, order_id, payment_id, producer_id, amount_vnd, to_bin, to_account_number, to_account_name, description,
          requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (order_id) WHERE status IN ('pending', 'paid') DO NOTHING
       RETURNING *`,
      [
        row.id,
        row.orderId,
        row.paymentId,
        row.producerId,
        row.amountVnd,
        row.toBin,
        row.toAccountNumber,
        row.toAccountName,
        row.description,
        row.requestedBy,
      ],
    )) as RawRefundPayout[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The order's refund payout that is pending or paid, if any. */
  async live(orderId: string, em: Db = this.db): Promise<RefundPayoutRow | null> {
    const rows = (await em.query(
      `SELECT * FROM settlement_refund_payouts WHERE order_id = $1 AND status IN ('pending', 'paid')`,
      [orderId],
    )) as RawRefundPayout[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Every refund payout of the order, newest first. */
  async ofOrder(orderId: string): Promise<RefundPayoutRow[]> {
    const rows = (await this.db.query(
      `SELECT * FROM settlement_refund_payouts WHERE order_id = $1 ORDER BY created_at DESC`,
      [orderId],
    )) as RawRefundPayout[];
    return rows.map(toRow);
  }

  async find(id: string, em: Db = this.db): Promise<RefundPayoutRow | null> {
    const rows = (await em.query(`SELECT * FROM settlement_refund_payouts WHERE id = $1`, [
      id,
    ])) as RawRefundPayout[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  async recordCreated(id: string, payosPayoutId: string, state: string): Promise<void> {
    await this.db.query(
      `UPDATE settlement_refund_payouts SET payos_payout_id = $2, payos_state = COALESCE(payos_state, $3)
        WHERE id = $1`,
      [id, payosPayoutId, state],
    );
  }

  async notePending(id: string, payosState: string): Promise<void> {
    await this.db.query(
      `UPDATE settlement_refund_payouts SET payos_state = $2 WHERE id = $1 AND status = 'pending'`,
      [id, payosState],
    );
  }

  /** Applies a final outcome once (a pending row only); answers whether this call applied it. */
  async settle(
    id: string,
    outcome: {
      status: Exclude<PayosPayoutStatus, 'pending'>;
      payosState: string;
      bankReference: string | null;
      errorCode: string | null;
      errorMessage: string | null;
    },
  ): Promise<boolean> {
    const [rows] = (await this.db.query(
      `UPDATE settlement_refund_payouts SET status = $2, payos_state = $3, bank_reference = $4, error_code = $5,
              error_message = $6, settled_at = clock_timestamp()
        WHERE id = $1 AND status = 'pending' RETURNING id`,
      [
        id,
        outcome.status,
        outcome.payosState,
        outcome.bankReference,
        outcome.errorCode,
        outcome.errorMessage,
      ],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  /** Pending refund payouts older than `olderThanSeconds` (their tracking job may have been lost), oldest first. */
  async stalePending(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT id FROM settlement_refund_payouts
        WHERE status = 'pending' AND created_at < clock_timestamp() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [olderThanSeconds, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
