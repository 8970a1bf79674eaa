import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Figures, Period } from '../domain';
import { figuresOf, int, ledgerSums } from './sql-figures';

/**
 * Farmers' sales and session summaries, read from the attribution ledger (ledger_entries: one row per placed or
 * settled line and per reversal) through its indexes by producer and day, and by session. Names come from the
 * owning contexts' tables (products, live_sessions, branches) in the same statement: reports are a read model and
 * only read them.
 */

export type SalesGroup = 'product' | 'session' | 'branch';

export interface SalesRow {
  /** The product, session or branch; null for sales outside any session, or credited to no branch. */
  id: string | null;
  name: string | null;
  figures: Figures;
}

export interface SalesFilter {
  productId?: string;
  sessionId?: string;
}

export interface SessionProductRow {
  productId: string;
  name: string;
  figures: Figures;
}

export interface SessionLedgerFigures {
  /** Per product: `orders` counts the orders that contain the product. */
  products: SessionProductRow[];
  /** The whole session: each order counted once. */
  total: Figures;
}

const GROUPS: Record<SalesGroup, { key: string; name: string; join: string }> = {
  product: { key: 'e.product_id', name: 'p.name', join: 'LEFT JOIN products p ON p.id = e.product_id' },
  session: { key: 'e.session_id', name: 's.title', join: 'LEFT JOIN live_sessions s ON s.id = e.session_id' },
  branch: { key: 'e.branch_id', name: 'b.name', join: 'LEFT JOIN branches b ON b.id = e.branch_id' },
};

type Row = Record<string, unknown>;

/** The ledger's order count for whole groups; per product, the number of orders containing it. */
function groupFigures(row: Row, group: SalesGroup): Figures {
  const figures = figuresOf(row);
  return group === 'product' ? { ...figures, orders: int(row['line_orders']) } : figures;
}

/** The groups of a GROUPING SETS statement, each mapped, and its total row (`is_total`) as figures. */
function splitTotal<T>(rows: Row[], map: (row: Row) => T): { rows: T[]; total: Figures } {
  return {
    rows: rows.filter((r) => r['is_total'] !== true).map(map),
    total: figuresOf(rows.find((r) => r['is_total'] === true) ?? {}),
  };
}

@Injectable()
export class SalesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The sales of the producers `ownerUserId` owns over the period, grouped, with the total as the last row of the
   * same statement (GROUPING SETS). Filters narrow within those producers only: another farmer's product or session
   * simply matches nothing.
   */
  async farmerSales(
    ownerUserId: string,
    group: SalesGroup,
    period: Period,
    filter: SalesFilter,
  ): Promise<{ rows: SalesRow[]; total: Figures }> {
    const g = GROUPS[group];
    const rows = (await this.dataSource.query(
      `SELECT GROUPING(${g.key}) = 1 AS is_total, ${g.key} AS id, ${g.name} AS name, ${ledgerSums('e')}
         FROM ledger_entries e
         ${g.join}
        WHERE e.producer_id IN (SELECT id FROM producers WHERE owner_user_id = $1)
          AND e.day BETWEEN $2::date AND $3::date
          AND ($4::uuid IS NULL OR e.product_id = $4::uuid)
          AND ($5::uuid IS NULL OR e.session_id = $5::uuid)
        GROUP BY GROUPING SETS ((${g.key}, ${g.name}), ())
        ORDER BY is_total, placed_gmv_vnd DESC, orders DESC, name NULLS LAST, id`,
      [ownerUserId, period.from, period.to, filter.productId ?? null, filter.sessionId ?? null],
    )) as Row[];
    return splitTotal(rows, (r) => ({
      id: (r['id'] as string | null) ?? null,
      name: (r['name'] as string | null) ?? null,
      figures: groupFigures(r, group),
    }));
  }

  /** The farmer's figures for `today` and for the period ending today (live dashboards). */
  async farmerDashboardFigures(
    ownerUserId: string,
    period: Period,
  ): Promise<{ today: Figures; period: Figures }> {
    const rows = (await this.dataSource.query(
      `SELECT ${ledgerSums('e', { filter: 'e.day = $3::date', prefix: 'today_' })},
              ${ledgerSums('e', { prefix: 'period_' })}
         FROM ledger_entries e
        WHERE e.producer_id IN (SELECT id FROM producers WHERE owner_user_id = $1)
          AND e.day BETWEEN $2::date AND $3::date`,
      [ownerUserId, period.from, period.to],
    )) as Row[];
    const row = rows[0] ?? {};
    return { today: figuresOf(row, 'today_'), period: figuresOf(row, 'period_') };
  }

  /** The users owning these producers (the farmer dashboards to refresh). */
  async ownersOf(producerIds: readonly string[]): Promise<string[]> {
    if (producerIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT owner_user_id FROM producers WHERE id = ANY($1::uuid[])`,
      [producerIds],
    )) as { owner_user_id: string }[];
    return rows.map((r) => r.owner_user_id);
  }

  /** A session's ledger figures, all time, per product and in total (GROUPING SETS again). */
  async sessionFigures(sessionId: string): Promise<SessionLedgerFigures> {
    const rows = (await this.dataSource.query(
      `SELECT GROUPING(e.product_id) = 1 AS is_total, e.product_id, p.name, ${ledgerSums('e')}
         FROM ledger_entries e
         JOIN products p ON p.id = e.product_id
        WHERE e.session_id = $1
        GROUP BY GROUPING SETS ((e.product_id, p.name), ())
        ORDER BY is_total, placed_gmv_vnd DESC, items DESC, p.name`,
      [sessionId],
    )) as Row[];
    const { rows: products, total } = splitTotal(rows, (r) => ({
      productId: r['product_id'] as string,
      name: r['name'] as string,
      figures: groupFigures(r, 'product'),
    }));
    return { products, total };
  }

  /**
   * Unique buyers of a session: distinct buyers with at least one attributed line whose placed entry has not been
   * reversed (an order cancelled, expired or refunded in full no longer makes its buyer one); and the peak and
   * unique viewers the session kept when it ended (null before).
   */
  async sessionAudience(
    sessionId: string,
  ): Promise<{ uniqueBuyers: number; keptPeakViewers: number | null; keptUniqueViewers: number | null }> {
    const rows = (await this.dataSource.query(
      `SELECT (SELECT count(DISTINCT r.buyer_user_id)
                 FROM attribution_records r
                WHERE r.session_id = $1
                  AND EXISTS (
                    SELECT 1 FROM ledger_entries e
                     WHERE e.order_line_id = r.order_line_id AND e.kind = 'placed' AND e.reversal_of IS NULL
                       AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.reversal_of = e.entry_id)
                  )) AS unique_buyers,
              s.peak_viewers, s.unique_viewers
         FROM (SELECT 1) AS one LEFT JOIN live_sessions s ON s.id = $1`,
      [sessionId],
    )) as Row[];
    const row = rows[0] ?? {};
    const kept = (v: unknown): number | null => (v === null || v === undefined ? null : int(v));
    return {
      uniqueBuyers: int(row['unique_buyers']),
      keptPeakViewers: kept(row['peak_viewers']),
      keptUniqueViewers: kept(row['unique_viewers']),
    };
  }
}
