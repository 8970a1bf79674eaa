import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseVndColumn } from '@ocop/kernel';
import { PayosPayoutStatus } from '../domain';
import { EntryKind, PlannedEntry } from '../domain/ledger';

type Db = Pick<EntityManager, 'query'>;

export interface EntryRow {
  id: string;
  producerId: string;
  kind: EntryKind;
  amountVnd: number;
  orderId: string | null;
  orderCode: string | null;
  payoutReference: string | null;
  createdAt: Date;
  /** A payout made through payOS: where it stands, the bank's reference once paid, payOS's code when it failed. */
  payos: { status: PayosPayoutStatus; bankReference: string | null; errorCode: string | null } | null;
}

export interface ProducerBalanceRow {
  producerId: string;
  producerName: string;
  branchId: string;
  balanceVnd: number;
  salesVnd: number;
  refundsVnd: number;
  feesVnd: number;
  payoutsVnd: number;
}

interface RawEntry {
  id: string;
  producer_id: string;
  kind: EntryKind;
  amount_vnd: string;
  order_id: string | null;
  order_code: string | null;
  payout_reference: string | null;
  created_at: Date;
  payos_status?: PayosPayoutStatus | null;
  payos_bank_reference?: string | null;
  payos_error_code?: string | null;
}

/** Joins a payout's payOS row to its entry (alias e), as `payos_*`. */
const PAYOS_JOIN = `LEFT JOIN settlement_payos_payouts pp ON pp.entry_id = e.id`;
const PAYOS_COLUMNS = `pp.status AS payos_status, pp.bank_reference AS payos_bank_reference,
  pp.error_code AS payos_error_code`;

function toEntry(r: RawEntry): EntryRow {
  return {
    id: r.id,
    producerId: r.producer_id,
    kind: r.kind,
    amountVnd: parseVndColumn(r.amount_vnd) as number,
    orderId: r.order_id,
    orderCode: r.order_code,
    payoutReference: r.payout_reference,
    createdAt: new Date(r.created_at),
    payos: r.payos_status
      ? {
          status: r.payos_status,
          bankReference: r.payos_bank_reference ?? null,
          errorCode: r.payos_error_code ?? null,
        }
      : null,
  };
}

const TOTALS = `
  COALESCE(b.balance_vnd, 0) AS balance_vnd,
  COALESCE((SELECT sum(amount_vnd) FROM settlement_entries e WHERE e.producer_id = p.id AND e.kind = 'sale'), 0) AS sales_vnd,
  COALESCE((SELECT -sum(amount_vnd) FROM settlement_entries e WHERE e.producer_id = p.id AND e.kind = 'refund'), 0) AS refunds_vnd,
  COALESCE((SELECT -sum(amount_vnd) FROM settlement_entries e WHERE e.producer_id = p.id AND e.kind = 'fee'), 0) AS fees_vnd,
  COALESCE((SELECT -sum(amount_vnd) FROM settlement_entries e WHERE e.producer_id = p.id AND e.kind IN ('payout', 'payout_reversal')), 0) AS payouts_vnd`;

interface RawBalance {
  producer_id: string;
  producer_name: string;
  branch_id: string;
  balance_vnd: string;
  sales_vnd: string;
  refunds_vnd: string;
  fees_vnd: string;
  payouts_vnd: string;
}

function toBalance(r: RawBalance): ProducerBalanceRow {
  return {
    producerId: r.producer_id,
    producerName: r.producer_name,
    branchId: r.branch_id,
    balanceVnd: Number(r.balance_vnd),
    salesVnd: Number(r.sales_vnd),
    refundsVnd: Number(r.refunds_vnd),
    feesVnd: Number(r.fees_vnd),
    payoutsVnd: Number(r.payouts_vnd),
  };
}

/**
 * settlement_entries and settlement_balances. Reads producers, branches and orders (names, paths, codes) read-only,
 * in the same statement, as the reports do.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  /** Inserts an order's entries that are not there yet; returns the sum of those inserted (0 when all were). */
  async insertOrderEntries(
    em: EntityManager,
    producerId: string,
    orderId: string,
    entries: readonly PlannedEntry[],
  ): Promise<number> {
    let added = 0;
    for (const entry of entries) {
      const rows = (await em.query(
        `INSERT INTO settlement_entries (producer_id, kind, amount_vnd, order_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id, kind) DO NOTHING RETURNING amount_vnd`,
        [producerId, entry.kind, entry.amountVnd, orderId],
      )) as { amount_vnd: string }[];
      if (rows[0]) added += Number(rows[0].amount_vnd);
    }
    return added;
  }

  /** Adds to the producer's balance (creating the row), in the entries' transaction. */
  async addToBalance(em: EntityManager, producerId: string, amountVnd: number): Promise<void> {
    await em.query(
      `INSERT INTO settlement_balances (producer_id, balance_vnd) VALUES ($1, $2)
       ON CONFLICT (producer_id) DO UPDATE
         SET balance_vnd = settlement_balances.balance_vnd + EXCLUDED.balance_vnd, updated_at = now()`,
      [producerId, amountVnd],
    );
  }

  /** The balance, locked for this transaction (the row is created at 0 when the producer has none). */
  async lockBalance(em: EntityManager, producerId: string): Promise<number> {
    await em.query(
      `INSERT INTO settlement_balances (producer_id, balance_vnd) VALUES ($1, 0) ON CONFLICT (producer_id) DO NOTHING`,
      [producerId],
    );
    const [row] = (await em.query(
      `SELECT balance_vnd FROM settlement_balances WHERE producer_id = $1 FOR UPDATE`,
      [producerId],
    )) as { balance_vnd: string }[];
    return Number(row?.balance_vnd ?? 0);
  }

  async findPayout(em: Db, producerId: string, reference: string): Promise<EntryRow | null> {
    const rows = (await em.query(
      `SELECT e.*, NULL AS order_code FROM settlement_entries e
        WHERE e.producer_id = $1 AND e.kind = 'payout' AND e.payout_reference = $2`,
      [producerId, reference],
    )) as RawEntry[];
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async insertPayout(
    em: EntityManager,
    producerId: string,
    amountVnd: number,
    reference: string,
    recordedBy: string,
    id?: string,
  ): Promise<EntryRow> {
    const [row] = (await em.query(
      `INSERT INTO settlement_entries (id, producer_id, kind, amount_vnd, payout_reference, recorded_by)
       VALUES (COALESCE($5::uuid, gen_random_uuid()), $1, 'payout', $2, $3, $4) RETURNING *, NULL AS order_code`,
      [producerId, -amountVnd, reference, recordedBy, id ?? null],
    )) as RawEntry[];
    return toEntry(row as RawEntry);
  }

  /** Gives a payout's amount back (payOS could not make it): once per payout reference. Returns the entry's id. */
  async insertPayoutReversal(
    em: EntityManager,
    producerId: string,
    amountVnd: number,
    reference: string,
  ): Promise<string> {
    const [row] = (await em.query(
      `INSERT INTO settlement_entries (producer_id, kind, amount_vnd, payout_reference)
       VALUES ($1, 'payout_reversal', $2, $3) RETURNING id`,
      [producerId, amountVnd, reference],
    )) as { id: string }[];
    return (row as { id: string }).id;
  }

  async balanceOf(producerId: string): Promise<ProducerBalanceRow | null> {
    const rows = (await this.db.query(
      `SELECT p.id AS producer_id, p.name AS producer_name, p.branch_id, ${TOTALS}
         FROM producers p LEFT JOIN settlement_balances b ON b.producer_id = p.id
        WHERE p.id = $1`,
      [producerId],
    )) as RawBalance[];
    return rows[0] ? toBalance(rows[0]) : null;
  }

  /** Producers whose branch lies in the subtree of `rootBranchId`, with their balances, by name. */
  async balancesInSubtree(rootBranchId: string): Promise<ProducerBalanceRow[]> {
    const rows = (await this.db.query(
      `SELECT p.id AS producer_id, p.name AS producer_name, p.branch_id, ${TOTALS}
         FROM producers p
         JOIN branches br ON br.id = p.branch_id
         LEFT JOIN settlement_balances b ON b.producer_id = p.id
        WHERE $1 = ANY (br.path)
        ORDER BY p.name, p.id`,
      [rootBranchId],
    )) as RawBalance[];
    return rows.map(toBalance);
  }

  /** A producer's entries, newest first. */
  async entriesOf(
    producerId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: EntryRow[]; total: number }> {
    const [items, count] = await Promise.all([
      this.db.query(
        `SELECT e.*, o.code AS order_code, ${PAYOS_COLUMNS}
           FROM settlement_entries e LEFT JOIN orders o ON o.id = e.order_id ${PAYOS_JOIN}
          WHERE e.producer_id = $1 ORDER BY e.created_at DESC, e.id DESC LIMIT $2 OFFSET $3`,
        [producerId, limit, offset],
      ) as Promise<RawEntry[]>,
      this.db.query(`SELECT count(*) AS n FROM settlement_entries WHERE producer_id = $1`, [
        producerId,
      ]) as Promise<{ n: string }[]>,
    ]);
    return { items: items.map(toEntry), total: Number(count[0]?.n ?? 0) };
  }

  /** Every entry of a producer, oldest first (the CSV export). */
  async allEntriesOf(producerId: string): Promise<EntryRow[]> {
    const rows = (await this.db.query(
      `SELECT e.*, o.code AS order_code FROM settlement_entries e LEFT JOIN orders o ON o.id = e.order_id
        WHERE e.producer_id = $1 ORDER BY e.created_at, e.id`,
      [producerId],
    )) as RawEntry[];
    return rows.map(toEntry);
  }

  /** The invariant's two sides: the balance row, and the entries' sum. */
  async audit(producerId: string): Promise<{ balanceVnd: number; entriesVnd: number }> {
    const [row] = (await this.db.query(
      `SELECT COALESCE((SELECT balance_vnd FROM settlement_balances WHERE producer_id = $1), 0) AS balance,
              COALESCE((SELECT sum(amount_vnd) FROM settlement_entries WHERE producer_id = $1), 0) AS entries`,
      [producerId],
    )) as { balance: string; entries: string }[];
    return { balanceVnd: Number(row?.balance ?? 0), entriesVnd: Number(row?.entries ?? 0) };
  }
}
