import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Figures, Period } from '../domain';
import { figuresOf, rollupSums } from './sql-figures';

/**
 * Branch totals and leaderboards, read from the roll-up tables the attribution writer keeps (branch_day_totals,
 * streamer_day_totals), so a period of any length reads at most (branches x 2 scopes x days) small rows, never the
 * ledger.
 *
 * Reports are a read model: each answer is ONE statement that also resolves the admin's scope, reading identity's
 * tables (admin_assignments: the admin's current branch; branches: the current tree, with the GIN index on
 * `path`) with the same rule as identity's AdminScopeService (the scope root lies on the branch's current path).
 * One round trip instead of five keeps a report as fast as its SQL; only columns identity treats as its public
 * shape are read, never written.
 */

/** Who the caller is in the tree: their scope root (null: not an admin) and the branch asked for (null: outside). */
export interface ScopeResolution {
  rootId: string | null;
  targetId: string | null;
}

export interface BranchTotalsRow {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
  parentId: string | null;
  own: Figures;
  subtree: Figures;
}

export interface BranchTrendRow {
  /** A Vietnam calendar day, YYYY-MM-DD. */
  day: string;
  own: Figures;
  subtree: Figures;
}

export interface BranchRankRow {
  id: string;
  code: string;
  name: string;
  figures: Figures;
}

export interface StreamerRankRow {
  hostUserId: string;
  displayName: string;
  figures: Figures;
}

export interface BranchDashboardFigures {
  today: { own: Figures; subtree: Figures };
  period: { own: Figures; subtree: Figures };
}

// $1 the admin's user id, $2 the branch asked for (null: the admin's scope root).
const SCOPE = `
  root AS (
    SELECT branch_id AS id FROM admin_assignments WHERE user_id = $1 AND valid_to IS NULL
  ),
  target AS (
    SELECT b.id FROM branches b JOIN root ON b.path @> ARRAY[root.id] WHERE b.id = COALESCE($2::uuid, root.id)
  )`;

// The scope's answer, on every row of a statement that starts from (SELECT 1) so that it always returns one.
const SCOPE_COLUMNS = `(SELECT id FROM root) AS root_id, (SELECT id FROM target) AS target_id`;

type Row = Record<string, unknown>;

/** The scope resolved on the first row, and the rows that carry data (`key` not null), each mapped. */
function scoped<T>(rows: Row[], key: string, map: (row: Row) => T): ScopeResolution & { rows: T[] } {
  const first = rows[0];
  return {
    rootId: (first?.['root_id'] as string | null | undefined) ?? null,
    targetId: (first?.['target_id'] as string | null | undefined) ?? null,
    rows: rows.filter((r) => r[key] !== null).map(map),
  };
}

@Injectable()
export class BranchTotalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The branch asked for (or the admin's scope root) and every branch of its current subtree, each with its own
   * and subtree figures summed over the period.
   */
  async branchTotals(
    adminUserId: string,
    branchId: string | null,
    period: Period,
  ): Promise<ScopeResolution & { rows: BranchTotalsRow[] }> {
    // One index range per branch and scope (the primary key leads with branch_id, scope, day), summed per branch
    // in a LATERAL subquery: no sort, no hash, and a branch without sales still gets its row of zeros.
    const rows = (await this.dataSource.query(
      `WITH ${SCOPE}
       SELECT ${SCOPE_COLUMNS},
              b.id, b.code, b.name, b.type, b.status, b.parent_id, f.*
         FROM (SELECT 1) AS one
         LEFT JOIN (target JOIN branches b ON b.path @> ARRAY[target.id]) ON true
         LEFT JOIN LATERAL (
           SELECT ${rollupSums('t', 'own_', "t.scope = 'own'")},
                  ${rollupSums('t', 'subtree_', "t.scope = 'subtree'")}
             FROM branch_day_totals t
            WHERE t.branch_id = b.id AND t.scope IN ('own', 'subtree') AND t.day BETWEEN $3::date AND $4::date
         ) AS f ON b.id IS NOT NULL`,
      [adminUserId, branchId, period.from, period.to],
    )) as Row[];
    return scoped(rows, 'id', (r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      name: r['name'] as string,
      type: r['type'] as string,
      status: r['status'] as string,
      parentId: (r['parent_id'] as string | null) ?? null,
      own: figuresOf(r, 'own_'),
      subtree: figuresOf(r, 'subtree_'),
    }));
  }

  /**
   * The branch asked for (or the admin's scope root), its own and subtree figures for every day of the period, in
   * order: a day without sales is a row of zeros.
   */
  async branchTrend(
    adminUserId: string,
    branchId: string | null,
    period: Period,
  ): Promise<ScopeResolution & { rows: BranchTrendRow[] }> {
    // One index range over (branch_id, scope, day) for the target, summed per day, joined onto the period's days.
    const rows = (await this.dataSource.query(
      `WITH ${SCOPE},
       sums AS (
         SELECT t.day AS sum_day, ${rollupSums('t', 'own_', "t.scope = 'own'")},
                ${rollupSums('t', 'subtree_', "t.scope = 'subtree'")}
           FROM branch_day_totals t
           JOIN target ON t.branch_id = target.id
          WHERE t.scope IN ('own', 'subtree') AND t.day BETWEEN $3::date AND $4::date
          GROUP BY t.day
       ),
       days AS (
         SELECT d::date AS day FROM generate_series($3::date, $4::date, interval '1 day') AS d
          WHERE EXISTS (SELECT 1 FROM target)
       )
       SELECT ${SCOPE_COLUMNS}, days.day::text AS day, sums.*
         FROM (SELECT 1) AS one
         LEFT JOIN days ON true
         LEFT JOIN sums ON sums.sum_day = days.day
        ORDER BY days.day`,
      [adminUserId, branchId, period.from, period.to],
    )) as Row[];
    return scoped(rows, 'day', (r) => ({
      day: r['day'] as string,
      own: figuresOf(r, 'own_'),
      subtree: figuresOf(r, 'subtree_'),
    }));
  }

  /**
   * Branches ranked by placed GMV over the period. Without a parent: every branch of the admin's current subtree
   * by its own figures. With a parent (inside the scope): its direct children by their subtree figures.
   */
  async rankBranches(
    adminUserId: string,
    parentId: string | null,
    period: Period,
    limit: number,
  ): Promise<ScopeResolution & { rows: BranchRankRow[] }> {
    const members = parentId === null ? 'b.path @> ARRAY[target.id]' : 'b.parent_id = target.id';
    const rows = (await this.dataSource.query(
      `WITH ${SCOPE},
       ranked AS (
         SELECT b.id, b.code, b.name, ${rollupSums('t')}
           FROM branches b
           JOIN target ON ${members}
           LEFT JOIN branch_day_totals t
             ON t.branch_id = b.id AND t.scope = $6 AND t.day BETWEEN $3::date AND $4::date
          GROUP BY b.id, b.code, b.name
          ORDER BY placed_gmv_vnd DESC, orders DESC, b.code
          LIMIT $5
       )
       SELECT ${SCOPE_COLUMNS}, ranked.*
         FROM (SELECT 1) AS one LEFT JOIN ranked ON true
        ORDER BY ranked.placed_gmv_vnd DESC, ranked.orders DESC, ranked.code`,
      [adminUserId, parentId, period.from, period.to, limit, parentId === null ? 'own' : 'subtree'],
    )) as Row[];
    return scoped(rows, 'id', (r) => ({
      id: r['id'] as string,
      code: r['code'] as string,
      name: r['name'] as string,
      figures: figuresOf(r),
    }));
  }

  /** Streamers ranked by placed GMV credited inside the subtree (along the stored paths) over the period. */
  async rankStreamers(
    adminUserId: string,
    branchId: string | null,
    period: Period,
    limit: number,
  ): Promise<ScopeResolution & { rows: StreamerRankRow[] }> {
    const rows = (await this.dataSource.query(
      `WITH ${SCOPE},
       ranked AS (
         SELECT s.host_user_id, ${rollupSums('s')}
           FROM streamer_day_totals s
           JOIN target ON s.branch_path @> ARRAY[target.id]
          WHERE s.day BETWEEN $3::date AND $4::date
          GROUP BY s.host_user_id
          ORDER BY placed_gmv_vnd DESC, orders DESC, s.host_user_id
          LIMIT $5
       )
       SELECT ${SCOPE_COLUMNS},
              ranked.*, u.display_name
         FROM (SELECT 1) AS one
         LEFT JOIN ranked ON true
         LEFT JOIN users u ON u.id = ranked.host_user_id
        ORDER BY ranked.placed_gmv_vnd DESC, ranked.orders DESC, ranked.host_user_id`,
      [adminUserId, branchId, period.from, period.to, limit],
    )) as Row[];
    return scoped(rows, 'host_user_id', (r) => ({
      hostUserId: r['host_user_id'] as string,
      displayName: (r['display_name'] as string | null) ?? '',
      figures: figuresOf(r),
    }));
  }

  /** One branch's own and subtree figures for `today` and for the period ending today (live dashboards). */
  async dashboardFigures(branchId: string, period: Period): Promise<BranchDashboardFigures> {
    const rows = (await this.dataSource.query(
      `SELECT t.scope, ${rollupSums('t', 'today_', 't.day = $3::date')}, ${rollupSums('t', 'period_')}
         FROM branch_day_totals t
        WHERE t.branch_id = $1 AND t.scope IN ('own', 'subtree') AND t.day BETWEEN $2::date AND $3::date
        GROUP BY t.scope`,
      [branchId, period.from, period.to],
    )) as Row[];
    const pick = (scope: string, prefix: string): Figures =>
      figuresOf(rows.find((r) => r['scope'] === scope) ?? {}, prefix);
    return {
      today: { own: pick('own', 'today_'), subtree: pick('subtree', 'today_') },
      period: { own: pick('own', 'period_'), subtree: pick('subtree', 'period_') },
    };
  }
}
