import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type Row = Record<string, unknown>;

/**
 * campaign_sales: attribution's ledger summed per (session, product, Vietnam day, stored branch path). A refresh
 * recomputes a session's rows from the ledger (append-only, so the sums are the truth) in one transaction under a
 * lock per session: delivering the same change twice, or two refreshes at once, leave the same rows.
 */
@Injectable()
export class CampaignSalesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async refreshSessions(sessionIds: string[]): Promise<void> {
    const ids = [...new Set(sessionIds)].sort();
    if (ids.length === 0) return;
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('campaign_sales:' || id, 0)) FROM unnest($1::uuid[]) AS id ORDER BY id`,
        [ids],
      );
      await em.query(`DELETE FROM campaign_sales WHERE session_id = ANY($1::uuid[])`, [ids]);
      await em.query(
        `INSERT INTO campaign_sales (session_id, product_id, producer_id, day, branch_path, placed_orders, placed_units,
           placed_gmv_vnd, settled_units, settled_gmv_vnd)
         SELECT e.session_id, e.product_id, e.producer_id, e.day, e.branch_path,
                COALESCE(sum(e.orders) FILTER (WHERE e.kind = 'placed'), 0),
                COALESCE(sum(e.items) FILTER (WHERE e.kind = 'placed'), 0),
                COALESCE(sum(e.gmv_vnd) FILTER (WHERE e.kind = 'placed'), 0),
                COALESCE(sum(e.items) FILTER (WHERE e.kind = 'settled'), 0),
                COALESCE(sum(e.gmv_vnd) FILTER (WHERE e.kind = 'settled'), 0)
           FROM ledger_entries e
          WHERE e.session_id = ANY($1::uuid[]) AND cardinality(e.branch_path) > 0
          GROUP BY e.session_id, e.product_id, e.producer_id, e.day, e.branch_path`,
        [ids],
      );
    });
  }

  /** Every session with ledger entries (a full rebuild, a page at a time, by the caller). */
  async sessionsWithSales(after: string | null, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT session_id FROM ledger_entries
        WHERE session_id IS NOT NULL AND ($1::uuid IS NULL OR session_id > $1) ORDER BY session_id LIMIT $2`,
      [after, limit],
    )) as Row[];
    return rows.map((r) => r['session_id'] as string);
  }
}
