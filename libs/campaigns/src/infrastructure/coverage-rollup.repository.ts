import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

const HELD = `IN ('live', 'ended')`;

/**
 * The campaign dashboard's roll-up (see the campaign-coverage migration): what the live coverage statements compute
 * from every session and sale, kept per campaign so that a dashboard over the campaign's whole period reads a row per
 * target product and a row per branch shown.
 *
 * A refresh names sessions; it replaces their rows in campaign_lineups and campaign_lineup_sales, then recomputes
 * exactly the keys they touch, before and after: campaign_scope_products for every (branch on a touched path, touched
 * product) and campaign_scope_cells for every (scope, branch) pair on a touched path. Each key is recomputed from the
 * lineup tables (never incremented), so delivering the same change twice, or in another order, leaves the same rows.
 * A rebuild does the same for every session of the campaign. Both run under a per-campaign advisory lock and record
 * the period they were built for: the dashboard reads the roll-up only for that period.
 */
@Injectable()
export class CoverageRollupRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Campaigns with a target product in these sessions' lineups, or rows of these sessions in the roll-up. */
  async campaignsOfSessions(
    sessionIds: string[],
    db: EntityManager | DataSource = this.dataSource,
  ): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const rows = (await db.query(
      `SELECT cp.campaign_id FROM live_session_products lp
         JOIN campaign_products cp ON cp.product_id = lp.product_id
        WHERE lp.session_id = ANY($1::uuid[])
       UNION
       SELECT campaign_id FROM campaign_lineups WHERE session_id = ANY($1::uuid[])`,
      [sessionIds],
    )) as Row[];
    return rows.map((r) => r['campaign_id'] as string).sort();
  }

  /** Sessions whose lineups hold any of these products, or that hold them in the campaign's roll-up. */
  async sessionsWithProducts(em: EntityManager, campaignId: string, productIds: string[]): Promise<string[]> {
    if (productIds.length === 0) return [];
    const rows = (await em.query(
      `SELECT session_id FROM live_session_products WHERE product_id = ANY($2::uuid[])
       UNION
       SELECT session_id FROM campaign_lineups WHERE campaign_id = $1 AND product_id = ANY($2::uuid[])`,
      [campaignId, productIds],
    )) as Row[];
    return rows.map((r) => r['session_id'] as string).sort();
  }

  /** Refreshes these sessions in the roll-up of every campaign they count for (or counted for), each in its own transaction. */
  async refreshSessions(sessionIds: string[]): Promise<string[]> {
    const ids = [...new Set(sessionIds)].sort();
    const campaigns = await this.campaignsOfSessions(ids);
    for (const campaignId of campaigns) {
      await this.dataSource.transaction((em) => this.refresh(em, campaignId, ids));
    }
    return campaigns;
  }

  /** Every campaign whose roll-up is missing or was built for another period than the campaign's (after a migration). */
  async stale(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.id FROM campaigns c LEFT JOIN campaign_coverage_state s ON s.campaign_id = c.id
        WHERE s.campaign_id IS NULL OR s.starts_on <> c.starts_on OR s.ends_on <> c.ends_on ORDER BY c.id`,
    )) as Row[];
    return rows.map((r) => r['id'] as string);
  }

  async rebuildInOwnTransaction(campaignId: string): Promise<void> {
    await this.dataSource.transaction((em) => this.refresh(em, campaignId, null));
  }

  /**
   * Brings the campaign's roll-up in step for these sessions (null: every session, a rebuild), in the caller's
   * transaction.
   */
  async refresh(em: EntityManager, campaignId: string, only: string[] | null): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('campaign_coverage:' || $1, 0))`, [
      campaignId,
    ]);
    const period = (await em.query(
      `SELECT starts_on::text AS "from", ends_on::text AS "to" FROM campaigns WHERE id = $1`,
      [campaignId],
    )) as { from: string; to: string }[];
    if (period.length === 0) return;
    const { from, to } = period[0]!;
    // Rows built for another period (or none yet): the whole campaign is rebuilt, not just these sessions.
    const built =
      only !== null &&
      (
        (await em.query(
          `SELECT 1 FROM campaign_coverage_state WHERE campaign_id = $1 AND starts_on = $2::date AND ends_on = $3::date`,
          [campaignId, from, to],
        )) as unknown[]
      ).length > 0;
    const sessionIds = built ? only : null;
    const before = sessionIds === null ? null : await this.touched(em, campaignId, sessionIds);

    await em.query(
      `DELETE FROM campaign_lineup_sales WHERE campaign_id = $1 AND ($2::uuid[] IS NULL OR session_id = ANY($2))`,
      [campaignId, sessionIds],
    );
    await em.query(
      `DELETE FROM campaign_lineups WHERE campaign_id = $1 AND ($2::uuid[] IS NULL OR session_id = ANY($2))`,
      [campaignId, sessionIds],
    );
    await em.query(
      `INSERT INTO campaign_lineups (campaign_id, session_id, product_id, producer_id, branch_path, host_user_id, status,
         scheduled_start_at, started_at, ended_at)
       SELECT cp.campaign_id, ls.id, lp.product_id, cp.producer_id, ls.branch_path, ls.host_user_id, ls.status,
              ls.scheduled_start_at, ls.started_at, ls.ended_at
         FROM campaign_products cp
         JOIN live_session_products lp ON lp.product_id = cp.product_id
         JOIN live_sessions ls ON ls.id = lp.session_id
        WHERE cp.campaign_id = $1 AND ($2::uuid[] IS NULL OR ls.id = ANY($2))
          AND ls.status <> 'cancelled'
          AND (COALESCE(ls.started_at, ls.scheduled_start_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $3::date AND $4::date`,
      [campaignId, sessionIds, from, to],
    );
    await em.query(
      `INSERT INTO campaign_lineup_sales (campaign_id, session_id, product_id, producer_id, branch_path, session_path, units,
         gmv_vnd, settled_units, settled_gmv_vnd)
       SELECT l.campaign_id, l.session_id, l.product_id, cs.producer_id, cs.branch_path, l.branch_path,
              sum(cs.placed_units), sum(cs.placed_gmv_vnd), sum(cs.settled_units), sum(cs.settled_gmv_vnd)
         FROM campaign_lineups l
         JOIN campaign_sales cs ON cs.session_id = l.session_id AND cs.product_id = l.product_id
        WHERE l.campaign_id = $1 AND ($2::uuid[] IS NULL OR l.session_id = ANY($2))
          AND cs.day BETWEEN $3::date AND $4::date
        GROUP BY l.campaign_id, l.session_id, l.product_id, cs.producer_id, cs.branch_path, l.branch_path`,
      [campaignId, sessionIds, from, to],
    );

    if (sessionIds === null) {
      await em.query(`DELETE FROM campaign_scope_products WHERE campaign_id = $1`, [campaignId]);
      await em.query(`DELETE FROM campaign_scope_cells WHERE campaign_id = $1`, [campaignId]);
      await this.recomputeProducts(em, campaignId, null, null);
      await this.recomputeCells(em, campaignId, null);
    } else {
      const after = await this.touched(em, campaignId, sessionIds);
      const products = [...new Set([...before!.products, ...after.products])];
      const paths = [...before!.paths, ...after.paths];
      const scopes = [...new Set(paths.flat())];
      if (products.length > 0 && scopes.length > 0) {
        await em.query(
          `DELETE FROM campaign_scope_products WHERE campaign_id = $1 AND product_id = ANY($2::uuid[]) AND scope_id = ANY($3::uuid[])`,
          [campaignId, products, scopes],
        );
        await this.recomputeProducts(em, campaignId, products, scopes);
      }
      const pairs = pairsOf(paths);
      if (pairs.scopes.length > 0) {
        await em.query(
          `DELETE FROM campaign_scope_cells c USING unnest($2::uuid[], $3::uuid[]) AS k(scope_id, branch_id)
            WHERE c.campaign_id = $1 AND c.scope_id = k.scope_id AND c.branch_id = k.branch_id`,
          [campaignId, pairs.scopes, pairs.branches],
        );
        await this.recomputeCells(em, campaignId, pairs);
      }
    }
    await em.query(
      `INSERT INTO campaign_coverage_state (campaign_id, starts_on, ends_on, built_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (campaign_id) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on, built_at = now()`,
      [campaignId, from, to],
    );
  }

  /** The products and the branch paths (sessions' and sales') these sessions hold in the roll-up now. */
  private async touched(
    em: EntityManager,
    campaignId: string,
    sessionIds: string[] | null,
  ): Promise<{ products: string[]; paths: string[][] }> {
    const rows = (await em.query(
      `SELECT array_agg(DISTINCT product_id) AS products, NULL::uuid[] AS path FROM campaign_lineups
        WHERE campaign_id = $1 AND ($2::uuid[] IS NULL OR session_id = ANY($2))
       UNION ALL
       SELECT NULL, branch_path FROM campaign_lineups WHERE campaign_id = $1 AND ($2::uuid[] IS NULL OR session_id = ANY($2))
        GROUP BY branch_path
       UNION ALL
       SELECT NULL, branch_path FROM campaign_lineup_sales WHERE campaign_id = $1 AND ($2::uuid[] IS NULL OR session_id = ANY($2))
        GROUP BY branch_path`,
      [campaignId, sessionIds],
    )) as { products: string[] | null; path: string[] | null }[];
    const products = rows.find((r) => r.products !== null)?.products ?? [];
    return { products, paths: rows.filter((r) => r.path !== null).map((r) => r.path!) };
  }

  /**
   * A product's facts for each branch on its sessions' paths: scheduled, streamed, the next scheduled start, and its
   * sales whose session and sale paths both pass through that branch (as the live statement counts them).
   */
  private async recomputeProducts(
    em: EntityManager,
    campaignId: string,
    products: string[] | null,
    scopes: string[] | null,
  ): Promise<void> {
    await em.query(
      `INSERT INTO campaign_scope_products (campaign_id, scope_id, product_id, scheduled, streamed, next_at, units, gmv_vnd,
         settled_units, settled_gmv_vnd)
       SELECT $1, a.scope_id, a.product_id, a.scheduled, a.streamed, a.next_at, COALESCE(v.units, 0), COALESCE(v.gmv, 0),
              COALESCE(v.settled_units, 0), COALESCE(v.settled_gmv, 0)
         FROM (
           SELECT p.id AS scope_id, l.product_id, bool_or(l.status = 'scheduled') AS scheduled,
                  bool_or(l.status ${HELD}) AS streamed,
                  min(l.scheduled_start_at) FILTER (WHERE l.status = 'scheduled') AS next_at
             FROM campaign_lineups l CROSS JOIN LATERAL unnest(l.branch_path) AS p(id)
            WHERE l.campaign_id = $1 AND ($2::uuid[] IS NULL OR l.product_id = ANY($2))
              AND ($3::uuid[] IS NULL OR p.id = ANY($3))
            GROUP BY 1, 2
         ) a
         LEFT JOIN (
           SELECT p.id AS scope_id, v.product_id, sum(v.units) AS units, sum(v.gmv_vnd) AS gmv,
                  sum(v.settled_units) AS settled_units, sum(v.settled_gmv_vnd) AS settled_gmv
             FROM campaign_lineup_sales v CROSS JOIN LATERAL unnest(v.branch_path) AS p(id)
            WHERE v.campaign_id = $1 AND ($2::uuid[] IS NULL OR v.product_id = ANY($2))
              AND ($3::uuid[] IS NULL OR p.id = ANY($3)) AND v.session_path @> ARRAY[p.id]
            GROUP BY 1, 2
         ) v ON v.scope_id = a.scope_id AND v.product_id = a.product_id`,
      [campaignId, products, scopes],
    );
  }

  /**
   * A coverage table's row for each (scope, branch) pair: sessions whose path passes through both, and sales whose
   * session passes through the scope and whose sale path passes through both (as the live statement counts them).
   */
  private async recomputeCells(
    em: EntityManager,
    campaignId: string,
    pairs: { scopes: string[]; branches: string[] } | null,
  ): Promise<void> {
    if (pairs !== null && pairs.scopes.length === 0) return;
    // A few pairs (a refresh): each pair's rows through the path indexes. Every pair (a rebuild): each row once,
    // with every ordered pair of branches on its path.
    const [keys, lineups, sales] =
      pairs === null
        ? [
            `SELECT DISTINCT a.id AS scope_id, b.id AS branch_id
               FROM (SELECT DISTINCT branch_path FROM campaign_lineups WHERE campaign_id = $1
                     UNION SELECT DISTINCT branch_path FROM campaign_lineup_sales WHERE campaign_id = $1) p
               CROSS JOIN LATERAL unnest(p.branch_path) AS a(id) CROSS JOIN LATERAL unnest(p.branch_path) AS b(id)`,
            `SELECT a.id AS scope_id, b.id AS branch_id, l.session_id, l.product_id, l.host_user_id, l.status,
                    l.started_at, l.ended_at
               FROM campaign_lineups l CROSS JOIN LATERAL unnest(l.branch_path) AS a(id)
               CROSS JOIN LATERAL unnest(l.branch_path) AS b(id)
              WHERE l.campaign_id = $1`,
            `SELECT a.id AS scope_id, b.id AS branch_id, v.product_id, v.producer_id, v.units, v.gmv_vnd, v.settled_gmv_vnd
               FROM campaign_lineup_sales v CROSS JOIN LATERAL unnest(v.branch_path) AS a(id)
               CROSS JOIN LATERAL unnest(v.branch_path) AS b(id)
              WHERE v.campaign_id = $1 AND v.session_path @> ARRAY[a.id]`,
          ]
        : [
            `SELECT DISTINCT scope_id, branch_id FROM unnest($2::uuid[], $3::uuid[]) AS k(scope_id, branch_id)`,
            `SELECT k.scope_id, k.branch_id, x.* FROM k CROSS JOIN LATERAL (
               SELECT l.session_id, l.product_id, l.host_user_id, l.status, l.started_at, l.ended_at
                 FROM campaign_lineups l WHERE l.campaign_id = $1 AND l.branch_path @> ARRAY[k.scope_id, k.branch_id]
             ) x`,
            `SELECT k.scope_id, k.branch_id, x.* FROM k CROSS JOIN LATERAL (
               SELECT v.product_id, v.producer_id, v.units, v.gmv_vnd, v.settled_gmv_vnd
                 FROM campaign_lineup_sales v
                WHERE v.campaign_id = $1 AND v.session_path @> ARRAY[k.scope_id]
                  AND v.branch_path @> ARRAY[k.scope_id, k.branch_id]
             ) x`,
          ];
    await em.query(
      `WITH k AS (${keys}),
       l AS (${lineups}),
       lp AS (
         SELECT scope_id, branch_id,
                count(DISTINCT product_id) FILTER (WHERE status = 'scheduled') AS scheduled_products,
                count(DISTINCT product_id) FILTER (WHERE status ${HELD}) AS streamed_products
           FROM l GROUP BY 1, 2
       ),
       ses AS (SELECT DISTINCT scope_id, branch_id, session_id, host_user_id, status, started_at, ended_at FROM l),
       ls AS (
         SELECT scope_id, branch_id,
                count(*) FILTER (WHERE status = 'scheduled') AS sessions_scheduled,
                count(*) FILTER (WHERE status ${HELD}) AS sessions_held,
                count(DISTINCT host_user_id) FILTER (WHERE status ${HELD}) AS volunteers,
                COALESCE(sum(extract(epoch FROM (ended_at - started_at)))
                           FILTER (WHERE status ${HELD} AND ended_at IS NOT NULL), 0) / 3600.0 AS hours_ended,
                COALESCE(array_agg(started_at) FILTER (WHERE status ${HELD} AND ended_at IS NULL), '{}') AS live_started_at
           FROM ses GROUP BY 1, 2
       ),
       bp AS (
         SELECT scope_id, branch_id, product_id, producer_id, sum(units) AS units, sum(gmv_vnd) AS gmv,
                sum(settled_gmv_vnd) AS settled_gmv
           FROM (${sales}) v
          GROUP BY 1, 2, 3, 4
       ),
       bv AS (
         SELECT scope_id, branch_id, count(*) FILTER (WHERE units > 0) AS sold_products, sum(units) AS units,
                sum(gmv) AS gmv, sum(settled_gmv) AS settled_gmv,
                count(DISTINCT producer_id) FILTER (WHERE units > 0) AS farmers
           FROM bp GROUP BY 1, 2
       )
       INSERT INTO campaign_scope_cells (campaign_id, scope_id, branch_id, scheduled_products, streamed_products,
         sessions_scheduled, sessions_held, volunteers, hours_ended, live_started_at, sold_products, units, gmv_vnd,
         settled_gmv_vnd, farmers)
       SELECT $1, k.scope_id, k.branch_id, COALESCE(lp.scheduled_products, 0), COALESCE(lp.streamed_products, 0),
              COALESCE(ls.sessions_scheduled, 0), COALESCE(ls.sessions_held, 0), COALESCE(ls.volunteers, 0),
              COALESCE(ls.hours_ended, 0), COALESCE(ls.live_started_at, '{}'), COALESCE(bv.sold_products, 0),
              COALESCE(bv.units, 0), COALESCE(bv.gmv, 0), COALESCE(bv.settled_gmv, 0), COALESCE(bv.farmers, 0)
         FROM k
         LEFT JOIN lp ON lp.scope_id = k.scope_id AND lp.branch_id = k.branch_id
         LEFT JOIN ls ON ls.scope_id = k.scope_id AND ls.branch_id = k.branch_id
         LEFT JOIN bv ON bv.scope_id = k.scope_id AND bv.branch_id = k.branch_id
        WHERE lp.scope_id IS NOT NULL OR ls.scope_id IS NOT NULL OR bv.scope_id IS NOT NULL`,
      pairs === null ? [campaignId] : [campaignId, pairs.scopes, pairs.branches],
    );
  }
}

/**
 * Every ordered (scope, branch) pair of branches on one of these paths. A dashboard shows the scope and its current
 * children, which are usually below it on a stored path, but a branch moved since may have been above it then.
 */
export function pairsOf(paths: readonly (readonly string[])[]): { scopes: string[]; branches: string[] } {
  const seen = new Set<string>();
  const scopes: string[] = [];
  const branches: string[] = [];
  for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      for (let j = 0; j < path.length; j++) {
        const key = `${path[i]}:${path[j]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        scopes.push(path[i]!);
        branches.push(path[j]!);
      }
    }
  }
  return { scopes, branches };
}
