import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PayosPayoutStatus, PayoutAccount } from '../domain';

type Db = Pick<EntityManager, 'query'>;

export interface PayoutAccountRow extends PayoutAccount {
  updatedAt: Date;
}

export interface PayosPayoutRow {
  entryId: string;
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
  createdAt: Date;
  settledAt: Date | null;
}

interface RawPayout {
  entry_id: string;
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
  created_at: Date;
  settled_at: Date | null;
}

function toPayout(r: RawPayout): PayosPayoutRow {
  return {
    entryId: r.entry_id,
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
    createdAt: new Date(r.created_at),
    settledAt: r.settled_at ? new Date(r.settled_at) : null,
  };
}

/** producer_payout_accounts and settlement_payos_payouts (the ledger's entries stay with LedgerRepository). */
@Injectable()
export class PayosPayoutsRepository {
  constructor(private readonly db: DataSource) {}

  async accountOf(producerId: string, em: Db = this.db): Promise<PayoutAccountRow | null> {
    const rows = (await em.query(
      `SELECT bank_bin, account_number, account_name, updated_at FROM producer_payout_accounts WHERE producer_id = $1`,
      [producerId],
    )) as { bank_bin: string; account_number: string; account_name: string; updated_at: Date }[];
    const r = rows[0];
    return r
      ? {
          bankBin: r.bank_bin,
          accountNumber: r.account_number,
          accountName: r.account_name,
          updatedAt: new Date(r.updated_at),
        }
      : null;
  }

  async saveAccount(producerId: string, account: PayoutAccount, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO producer_payout_accounts (producer_id, bank_bin, account_number, account_name, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (producer_id) DO UPDATE SET bank_bin = EXCLUDED.bank_bin, account_number = EXCLUDED.account_number,
         account_name = EXCLUDED.account_name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [producerId, account.bankBin, account.accountNumber, account.accountName, userId],
    );
  }

  async insert(
    em: EntityManager,
    row: Pick<
      PayosPayoutRow,
      'entryId' | 'producerId' | 'amountVnd' | 'toBin' | 'toAccountNumber' | 'toAccountName' | 'description'
    > & { requestedBy: string },
  ): Promise<PayosPayoutRow> {
    const [inserted] = (await em.query(
      `INSERT INTO settlement_payos_payouts
         (entry_id, producer_id, amount_vnd, to_bin, to_account_number, to_account_name, description, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        row.entryId,
        row.producerId,
        row.amountVnd,
        row.toBin,
        row.toAccountNumber,
        row.toAccountName,
        row.description,
        row.requestedBy,
      ],
    )) as RawPayout[];
    return toPayout(inserted as RawPayout);
  }

  async find(entryId: string, em: Db = this.db): Promise<PayosPayoutRow | null> {
    const rows = (await em.query(`SELECT * FROM settlement_payos_payouts WHERE entry_id = $1`, [
      entryId,
    ])) as RawPayout[];
    return rows[0] ? toPayout(rows[0]) : null;
  }

  /** The payout's row, locked for this transaction (its outcome is applied once). */
  async lock(em: EntityManager, entryId: string): Promise<PayosPayoutRow | null> {
    const rows = (await em.query(`SELECT * FROM settlement_payos_payouts WHERE entry_id = $1 FOR UPDATE`, [
      entryId,
    ])) as RawPayout[];
    return rows[0] ? toPayout(rows[0]) : null;
  }

  /** payOS took the payout: its id (the same on every idempotent create), and the state it answered. */
  async recordCreated(entryId: string, payosPayoutId: string, state: string): Promise<void> {
    await this.db.query(
      `UPDATE settlement_payos_payouts SET payos_payout_id = $2, payos_state = COALESCE(payos_state, $3)
        WHERE entry_id = $1`,
      [entryId, payosPayoutId, state],
    );
  }

  async settle(
    em: EntityManager,
    entryId: string,
    outcome: {
      status: Exclude<PayosPayoutStatus, 'pending'>;
      payosState: string;
      bankReference: string | null;
      errorCode: string | null;
      errorMessage: string | null;
      reversalEntryId: string | null;
    },
  ): Promise<void> {
    await em.query(
      `UPDATE settlement_payos_payouts SET status = $2, payos_state = $3, bank_reference = $4, error_code = $5,
              error_message = $6, reversal_entry_id = $7, settled_at = clock_timestamp()
        WHERE entry_id = $1 AND status = 'pending'`,
      [
        entryId,
        outcome.status,
        outcome.payosState,
        outcome.bankReference,
        outcome.errorCode,
        outcome.errorMessage,
        outcome.reversalEntryId,
      ],
    );
  }

  async notePending(entryId: string, payosState: string): Promise<void> {
    await this.db.query(
      `UPDATE settlement_payos_payouts SET payos_state = $2 WHERE entry_id = $1 AND status = 'pending'`,
      [entryId, payosState],
    );
  }

  /** Pending payouts older than `olderThanSeconds` (their tracking job may have been lost), oldest first. */
  async stalePending(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT entry_id FROM settlement_payos_payouts
        WHERE status = 'pending' AND created_at < clock_timestamp() - make_interval(secs => $1)
        ORDER BY created_at LIMIT $2`,
      [olderThanSeconds, limit],
    )) as { entry_id: string }[];
    return rows.map((r) => r.entry_id);
  }
}
