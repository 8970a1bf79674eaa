import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The campaign's read model, one statement per answer. A session counts for a campaign when its lineup holds a
 * target product, it was not cancelled, it starts (or started) within the period on the Vietnam calendar, and the
 * branch path stored on it when it was scheduled passes through the scope: credit follows history, exactly as
 * attribution's does. Sales are campaign_sales rows (the ledger summed per session, product, day and the path stored
 * at the time of sale) of those (session, product) pairs, on days within the period.
 *
 * Parameters of every statement: $1 campaign id, $2 scope branch id, $3 first day, $4 last day,
 * $5 whole campaign (true: every target product; false: only those assigned or credited inside the scope).
 */

type Row = Record<string, unknown>;

export interface CoverageScope {
  campaignId: string;
  branchId: string;
  from: string;
  to: string;
  whole: boolean;
}

const HELD = `s.status IN ('live', 'ended')`;

/** The campaign's target products ($1) with their group, province and current assignment. */
const TARGETS = `
  t AS (
    SELECT cp.product_id, cp.producer_id, cp.branch_id AS assigned_branch_id, ab.path AS assigned_path,
           cp.streamer_user_id, p.ocop_group, pr.province_code
      FROM campaign_products cp
      JOIN products p ON p.id = cp.product_id
      JOIN producers pr ON pr.id = cp.producer_id
      LEFT JOIN branches ab ON ab.id = cp.branch_id
     WHERE cp.campaign_id = $1
  )`;

/**
 * A part of the campaign ($2, not the running branch): only its own target products, those credited there (the
 * roll-up's rows for it) and those assigned inside it, instead of every target of the campaign.
 */
const SCOPED_TARGETS = `
  (SELECT product_id FROM campaign_scope_products WHERE campaign_id = $1 AND scope_id = $2
   UNION
   SELECT product_id FROM campaign_products
    WHERE campaign_id = $1 AND branch_id IN (SELECT id FROM branches WHERE path @> ARRAY[$2::uuid]))
  AS own JOIN campaign_products cp ON cp.campaign_id = $1 AND cp.product_id = own.product_id`;

/** facts grouped by group, province and flags, with the distinct farmers with a sale on every row. */
const GROUPS = `
  g AS (
    SELECT ocop_group, province_code, assigned, scheduled, streamed, units > 0 AS sold, count(*)::int AS products,
           sum(units)::bigint AS units, sum(gmv)::bigint AS gmv, sum(settled_gmv)::bigint AS settled_gmv
      FROM facts GROUP BY 1, 2, 3, 4, 5, 6
  )
  SELECT g.*, (SELECT count(DISTINCT producer_id) FROM facts WHERE units > 0)::int AS farmers
    FROM (SELECT 1) one LEFT JOIN g ON true`;

const BASE = `${TARGETS},
  s AS (
    SELECT ls.id AS session_id, lp.product_id, ls.status, ls.branch_path, ls.host_user_id, ls.started_at,
           ls.ended_at, ls.scheduled_start_at
      FROM t
      JOIN live_session_products lp ON lp.product_id = t.product_id
      JOIN live_sessions ls ON ls.id = lp.session_id
     WHERE ls.status <> 'cancelled'
       AND (COALESCE(ls.started_at, ls.scheduled_start_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $3::date AND $4::date
       AND ls.branch_path @> ARRAY[$2::uuid]
  ),
  sales AS (
    SELECT cs.* FROM campaign_sales cs
      JOIN (SELECT DISTINCT session_id, product_id FROM s) sp ON sp.session_id = cs.session_id AND sp.product_id = cs.product_id
     WHERE cs.day BETWEEN $3::date AND $4::date AND cs.branch_path @> ARRAY[$2::uuid]
  ),
  ps AS (
    SELECT s.product_id, bool_or(s.status = 'scheduled') AS scheduled, bool_or(${HELD}) AS streamed,
           min(s.scheduled_start_at) FILTER (WHERE s.status = 'scheduled') AS next_at
      FROM s GROUP BY s.product_id
  ),
  pv AS (
    SELECT product_id, sum(placed_units)::bigint AS units, sum(placed_gmv_vnd)::bigint AS gmv,
           sum(settled_units)::bigint AS settled_units, sum(settled_gmv_vnd)::bigint AS settled_gmv
      FROM sales GROUP BY product_id
  ),
  facts AS (
    SELECT t.*, COALESCE(ps.scheduled, false) AS scheduled, COALESCE(ps.streamed, false) AS streamed, ps.next_at,
           COALESCE(pv.units, 0) AS units, COALESCE(pv.gmv, 0) AS gmv, COALESCE(pv.settled_units, 0) AS settled_units,
           COALESCE(pv.settled_gmv, 0) AS settled_gmv,
           (t.assigned_branch_id IS NOT NULL AND ($5::boolean OR t.assigned_path @> ARRAY[$2::uuid])) AS assigned
      FROM t LEFT JOIN ps ON ps.product_id = t.product_id LEFT JOIN pv ON pv.product_id = t.product_id
     WHERE $5::boolean OR t.assigned_path @> ARRAY[$2::uuid] OR ps.product_id IS NOT NULL OR pv.product_id IS NOT NULL
  )`;

function params(scope: CoverageScope): unknown[] {
  return [scope.campaignId, scope.branchId, scope.from, scope.to, scope.whole];
}

/** Facts of a group of products that share the same flags (so the state rule runs once per group, in TS). */
export interface FactsGroup {
  group: string;
  province: string;
  assigned: boolean;
  scheduled: boolean;
  streamed: boolean;
  sold: boolean;
  products: number;
  units: number;
  gmvVnd: number;
  settledGmvVnd: number;
}

export interface BranchCoverageRow {
  branchId: string;
  code: string;
  name: string;
  parentId: string | null;
  assignedProducts: number;
  scheduledProducts: number;
  streamedProducts: number;
  soldProducts: number;
  sessionsHeld: number;
  sessionsScheduled: number;
  volunteers: number;
  hoursOnAir: number;
  units: number;
  gmvVnd: number;
  settledGmvVnd: number;
  farmersReached: number;
  target: { products: number; sessions: number; gmvVnd: number; volunteers: number } | null;
}

export interface ProductFactsRow {
  productId: string;
  name: string;
  producerId: string;
  producerName: string;
  group: string;
  province: string;
  stars: number;
  assignedBranchId: string | null;
  assignedBranchName: string | null;
  streamerUserId: string | null;
  streamerName: string | null;
  assigned: boolean;
  scheduled: boolean;
  streamed: boolean;
  units: number;
  gmvVnd: number;
  settledGmvVnd: number;
  nextSessionAt: Date | null;
}

export interface VolunteerRow {
  hostUserId: string;
  displayName: string;
  branchId: string;
  branchName: string;
  sessionsHeld: number;
  hoursOnAir: number;
  gmvVnd: number;
}

const n = (v: unknown): number => Number(v ?? 0);

function branchRow(r: Row): BranchCoverageRow {
  return {
    branchId: r['id'] as string,
    code: r['code'] as string,
    name: r['name'] as string,
    parentId: (r['parent_id'] as string | null) ?? null,
    assignedProducts: n(r['assigned_products']),
    scheduledProducts: n(r['scheduled_products']),
    streamedProducts: n(r['streamed_products']),
    soldProducts: n(r['sold_products']),
    sessionsHeld: n(r['sessions_held']),
    sessionsScheduled: n(r['sessions_scheduled']),
    volunteers: n(r['volunteers']),
    hoursOnAir: Math.round(n(r['hours']) * 100) / 100,
    units: n(r['units']),
    gmvVnd: n(r['gmv']),
    settledGmvVnd: n(r['settled_gmv']),
    farmersReached: n(r['farmers']),
    target:
      r['t_products'] === null || r['t_products'] === undefined
        ? null
        : {
            products: n(r['t_products']),
            sessions: n(r['t_sessions']),
            gmvVnd: n(r['t_gmv']),
            volunteers: n(r['t_volunteers']),
          },
  };
}

function groupsOf(rows: Row[]): { groups: FactsGroup[]; farmersReached: number } {
  return {
    farmersReached: n(rows[0]?.['farmers']),
    groups: rows
      .filter((r) => r['ocop_group'] !== null)
      .map((r) => ({
        group: r['ocop_group'] as string,
        province: r['province_code'] as string,
        assigned: r['assigned'] === true,
        scheduled: r['scheduled'] === true,
        streamed: r['streamed'] === true,
        sold: r['sold'] === true,
        products: n(r['products']),
        units: n(r['units']),
        gmvVnd: n(r['gmv']),
        settledGmvVnd: n(r['settled_gmv']),
      })),
  };
}

@Injectable()
export class CoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The scope's target products grouped by group, province and flags; and the distinct farmers with a sale. */
  async factGroups(scope: CoverageScope): Promise<{ groups: FactsGroup[]; farmersReached: number }> {
    return groupsOf((await this.dataSource.query(`WITH ${BASE}, ${GROUPS}`, params(scope))) as Row[]);
  }

  /**
   * The same for the campaign's whole period, from the roll-up (campaign_scope_products: a row per product credited
   * in the scope); the current assignment is read as it is now, as the live statement reads it.
   */
  async factGroupsRolledUp(scope: Omit<CoverageScope, 'from' | 'to'>): Promise<FactsGroup[]> {
    // The farmers reached are the scope's own coverage row's (branchCoverageRolledUp): no distinct count here.
    const rows = (await this.dataSource.query(
      `SELECT p.ocop_group, pr.province_code, f.assigned, f.scheduled, f.streamed, f.units > 0 AS sold,
              count(*)::int AS products, sum(f.units)::bigint AS units, sum(f.gmv)::bigint AS gmv,
              sum(f.settled_gmv)::bigint AS settled_gmv
         FROM (
           SELECT cp.product_id, cp.producer_id,
                  (cp.branch_id IS NOT NULL AND ($3::boolean OR ab.path @> ARRAY[$2::uuid])) AS assigned,
                  COALESCE(sp.scheduled, false) AS scheduled, COALESCE(sp.streamed, false) AS streamed,
                  COALESCE(sp.units, 0) AS units, COALESCE(sp.gmv_vnd, 0) AS gmv,
                  COALESCE(sp.settled_gmv_vnd, 0) AS settled_gmv
             FROM ${scope.whole ? 'campaign_products cp' : SCOPED_TARGETS}
             LEFT JOIN campaign_scope_products sp
               ON sp.campaign_id = $1 AND sp.scope_id = $2 AND sp.product_id = cp.product_id
             LEFT JOIN branches ab ON ab.id = cp.branch_id AND NOT $3::boolean
            WHERE cp.campaign_id = $1 AND ($3::boolean OR ab.path @> ARRAY[$2::uuid] OR sp.product_id IS NOT NULL)
         ) f
         JOIN products p ON p.id = f.product_id
         JOIN producers pr ON pr.id = f.producer_id
        GROUP BY 1, 2, 3, 4, 5, 6`,
      [scope.campaignId, scope.branchId, scope.whole],
    )) as Row[];
    return groupsOf(rows).groups;
  }

  /** Whether the roll-up was built for this period of the campaign (else the dashboard reads the live statements). */
  async rolledUpFor(campaignId: string, from: string, to: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM campaign_coverage_state s JOIN campaigns c ON c.id = s.campaign_id
        WHERE s.campaign_id = $1 AND s.starts_on = c.starts_on AND s.ends_on = c.ends_on
          AND c.starts_on = $2::date AND c.ends_on = $3::date`,
      [campaignId, from, to],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Coverage of each branch shown (`shown`: branch ids, each with its current subtree), rolled up along the paths
   * stored on sessions and sales; assigned products by the current tree.
   */
  async branchCoverage(scope: CoverageScope, shown: string[], now: Date): Promise<BranchCoverageRow[]> {
    const rows = (await this.dataSource.query(
      `WITH ${BASE},
       shown AS (SELECT b.id, b.code, b.name, b.parent_id FROM branches b WHERE b.id = ANY($6::uuid[])),
       held AS (SELECT DISTINCT session_id, branch_path, host_user_id, started_at, ended_at FROM s WHERE ${HELD}),
       bs AS (
         SELECT sh.id,
                count(DISTINCT s.product_id) FILTER (WHERE s.status = 'scheduled') AS scheduled_products,
                count(DISTINCT s.product_id) FILTER (WHERE ${HELD}) AS streamed_products,
                count(DISTINCT s.session_id) FILTER (WHERE s.status = 'scheduled') AS sessions_scheduled
           FROM s CROSS JOIN LATERAL unnest(s.branch_path) AS p(id) JOIN shown sh ON sh.id = p.id GROUP BY sh.id
       ),
       bh AS (
         SELECT sh.id, count(*) AS sessions_held, count(DISTINCT h.host_user_id) AS volunteers,
                sum(extract(epoch FROM (COALESCE(h.ended_at, $7::timestamptz) - h.started_at))) / 3600.0 AS hours
           FROM held h CROSS JOIN LATERAL unnest(h.branch_path) AS p(id) JOIN shown sh ON sh.id = p.id GROUP BY sh.id
       ),
       bp AS (
         SELECT sh.id, x.product_id, x.producer_id, sum(x.placed_units) AS units, sum(x.placed_gmv_vnd) AS gmv,
                sum(x.settled_gmv_vnd) AS settled_gmv
           FROM sales x CROSS JOIN LATERAL unnest(x.branch_path) AS p(id) JOIN shown sh ON sh.id = p.id
          GROUP BY sh.id, x.product_id, x.producer_id
       ),
       bv AS (
         SELECT id, count(*) FILTER (WHERE units > 0) AS sold_products, sum(units) AS units, sum(gmv) AS gmv,
                sum(settled_gmv) AS settled_gmv, count(DISTINCT producer_id) FILTER (WHERE units > 0) AS farmers
           FROM bp GROUP BY id
       ),
       ba AS (
         SELECT sh.id, count(*) AS assigned_products
           FROM t CROSS JOIN LATERAL unnest(t.assigned_path) AS p(id) JOIN shown sh ON sh.id = p.id GROUP BY sh.id
       )
       SELECT sh.id, sh.code, sh.name, sh.parent_id, ba.assigned_products, bs.scheduled_products, bs.streamed_products,
              bs.sessions_scheduled, bh.sessions_held, bh.volunteers, bh.hours, bv.sold_products, bv.units, bv.gmv,
              bv.settled_gmv, bv.farmers,
              tg.products AS t_products, tg.sessions AS t_sessions, tg.gmv_vnd AS t_gmv, tg.volunteers AS t_volunteers
         FROM shown sh
         LEFT JOIN ba ON ba.id = sh.id LEFT JOIN bs ON bs.id = sh.id LEFT JOIN bh ON bh.id = sh.id
         LEFT JOIN bv ON bv.id = sh.id
         LEFT JOIN campaign_branch_targets tg ON tg.campaign_id = $1 AND tg.branch_id = sh.id
        ORDER BY (sh.id = $2) DESC, sh.code`,
      [...params(scope), shown, now],
    )) as Row[];
    return rows.map(branchRow);
  }

  /**
   * The same for the campaign's whole period, from the roll-up (campaign_scope_cells: a row per scope and branch), for
   * the scope and its current children; assigned products by the current tree, hours of sessions still live counted
   * up to now.
   */
  async branchCoverageRolledUp(
    scope: Omit<CoverageScope, 'from' | 'to'>,
    now: Date,
  ): Promise<BranchCoverageRow[]> {
    const rows = (await this.dataSource.query(
      `WITH shown AS (
         SELECT b.id, b.code, b.name, b.parent_id FROM branches b
          WHERE b.id = $2 OR (b.parent_id = $2 AND b.status = 'active')
       ),
       ba AS (
         SELECT sh.id, count(*) AS assigned_products
           FROM campaign_products cp JOIN branches ab ON ab.id = cp.branch_id
           CROSS JOIN LATERAL unnest(ab.path) AS p(id) JOIN shown sh ON sh.id = p.id
          WHERE cp.campaign_id = $1 GROUP BY sh.id
       )
       SELECT sh.id, sh.code, sh.name, sh.parent_id, ba.assigned_products, c.scheduled_products, c.streamed_products,
              c.sessions_scheduled, c.sessions_held, c.volunteers,
              c.hours_ended + COALESCE((SELECT sum(extract(epoch FROM ($3::timestamptz - x))) FROM unnest(c.live_started_at) AS x), 0)
                / 3600.0 AS hours,
              c.sold_products, c.units, c.gmv_vnd AS gmv, c.settled_gmv_vnd AS settled_gmv, c.farmers,
              tg.products AS t_products, tg.sessions AS t_sessions, tg.gmv_vnd AS t_gmv, tg.volunteers AS t_volunteers
         FROM shown sh
         LEFT JOIN ba ON ba.id = sh.id
         LEFT JOIN campaign_scope_cells c ON c.campaign_id = $1 AND c.scope_id = $2 AND c.branch_id = sh.id
         LEFT JOIN campaign_branch_targets tg ON tg.campaign_id = $1 AND tg.branch_id = sh.id
        ORDER BY (sh.id = $2) DESC, sh.code`,
      [scope.campaignId, scope.branchId, now],
    )) as Row[];
    return rows.map(branchRow);
  }

  /** The scope branch and its current children (what a coverage table lists). */
  async shownBranches(branchId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM branches WHERE id = $1 OR (parent_id = $1 AND status = 'active') ORDER BY code`,
      [branchId],
    )) as Row[];
    return rows.map((r) => r['id'] as string);
  }

  /** Each target product of the scope with its facts, for listings (state, at risk) and the farmer's view. */
  async productFacts(
    scope: CoverageScope,
    filter: { productIds?: string[]; producerOwnerId?: string } = {},
  ): Promise<ProductFactsRow[]> {
    const rows = (await this.dataSource.query(
      `WITH ${BASE}
       SELECT f.*, p.name, p.certificate_stars, pr.name AS producer_name, ab.name AS assigned_branch_name,
              u.display_name AS streamer_name
         FROM facts f
         JOIN products p ON p.id = f.product_id
         JOIN producers pr ON pr.id = f.producer_id
         LEFT JOIN branches ab ON ab.id = f.assigned_branch_id
         LEFT JOIN users u ON u.id = f.streamer_user_id
        WHERE ($6::uuid[] IS NULL OR f.product_id = ANY($6)) AND ($7::uuid IS NULL OR pr.owner_user_id = $7)
        ORDER BY p.name, f.product_id`,
      [...params(scope), filter.productIds ?? null, filter.producerOwnerId ?? null],
    )) as Row[];
    return rows.map((r) => ({
      productId: r['product_id'] as string,
      name: r['name'] as string,
      producerId: r['producer_id'] as string,
      producerName: r['producer_name'] as string,
      group: r['ocop_group'] as string,
      province: r['province_code'] as string,
      stars: n(r['certificate_stars']),
      assignedBranchId: (r['assigned_branch_id'] as string | null) ?? null,
      assignedBranchName: (r['assigned_branch_name'] as string | null) ?? null,
      streamerUserId: (r['streamer_user_id'] as string | null) ?? null,
      streamerName: (r['streamer_name'] as string | null) ?? null,
      assigned: r['assigned'] === true,
      scheduled: r['scheduled'] === true,
      streamed: r['streamed'] === true,
      units: n(r['units']),
      gmvVnd: n(r['gmv']),
      settledGmvVnd: n(r['settled_gmv']),
      nextSessionAt: (r['next_at'] as Date | null) ?? null,
    }));
  }

  /** Hours on air and sessions hosted per streamer and credited branch (the branch stored on the session). */
  async volunteers(scope: CoverageScope, now: Date): Promise<VolunteerRow[]> {
    const rows = (await this.dataSource.query(
      `WITH ${BASE},
       held AS (SELECT DISTINCT session_id, host_user_id, branch_path, started_at, ended_at FROM s WHERE ${HELD}),
       hs AS (
         SELECT session_id, sum(placed_gmv_vnd) AS gmv FROM sales GROUP BY session_id
       )
       SELECT h.host_user_id, u.display_name, h.branch_path[cardinality(h.branch_path)] AS branch_id, b.name AS branch_name,
              count(*) AS sessions_held,
              sum(extract(epoch FROM (COALESCE(h.ended_at, $6::timestamptz) - h.started_at))) / 3600.0 AS hours,
              COALESCE(sum(hs.gmv), 0) AS gmv
         FROM held h
         JOIN users u ON u.id = h.host_user_id
         JOIN branches b ON b.id = h.branch_path[cardinality(h.branch_path)]
         LEFT JOIN hs ON hs.session_id = h.session_id
        GROUP BY 1, 2, 3, 4
        ORDER BY hours DESC, sessions_held DESC, h.host_user_id`,
      [...params(scope), now],
    )) as Row[];
    return rows.map((r) => ({
      hostUserId: r['host_user_id'] as string,
      displayName: r['display_name'] as string,
      branchId: r['branch_id'] as string,
      branchName: r['branch_name'] as string,
      sessionsHeld: n(r['sessions_held']),
      hoursOnAir: Math.round(n(r['hours']) * 100) / 100,
      gmvVnd: n(r['gmv']),
    }));
  }

  /**
   * For the progress chart: per product of the scope, the first day it was streamed and the first day it sold, with
   * the key of its series (`branch`: the shown child whose current subtree holds the crediting path; `group`: its
   * OCOP group); and placed GMV per day and key.
   */
  async progressRows(
    scope: CoverageScope,
    by: 'total' | 'branch' | 'group',
    shown: string[],
  ): Promise<{
    firsts: { key: string; productId: string; streamedOn: string | null; soldOn: string | null }[];
    gmv: { key: string; day: string; gmvVnd: number }[];
  }> {
    const key = by === 'group' ? `t.ocop_group` : by === 'branch' ? `sh.id::text` : `'total'`;
    const shownJoin = (path: string) =>
      by === 'branch'
        ? `JOIN branches sh ON sh.id = ANY($6::uuid[]) AND sh.id <> $2 AND ${path} @> ARRAY[sh.id]`
        : '';
    const p = by === 'branch' ? [...params(scope), shown] : params(scope);
    const [firsts, gmv] = await Promise.all([
      this.dataSource.query(
        `WITH ${BASE},
         st AS (
           SELECT ${key} AS key, s.product_id,
                  min((s.started_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) FILTER (WHERE ${HELD}) AS streamed_on
             FROM s JOIN t ON t.product_id = s.product_id ${shownJoin('s.branch_path')}
            GROUP BY 1, 2
         ),
         so AS (
           SELECT ${key} AS key, x.product_id, min(x.day) FILTER (WHERE x.placed_units > 0) AS sold_on,
                  sum(x.placed_units) AS units
             FROM sales x JOIN t ON t.product_id = x.product_id ${shownJoin('x.branch_path')}
            GROUP BY 1, 2
         )
         SELECT COALESCE(st.key, so.key) AS key, COALESCE(st.product_id, so.product_id) AS product_id,
                st.streamed_on::text AS streamed_on, CASE WHEN so.units > 0 THEN so.sold_on::text END AS sold_on
           FROM st FULL JOIN so ON so.key = st.key AND so.product_id = st.product_id`,
        p,
      ) as Promise<Row[]>,
      this.dataSource.query(
        `WITH ${BASE}
         SELECT ${key} AS key, x.day::text AS day, sum(x.placed_gmv_vnd) AS gmv
           FROM sales x JOIN t ON t.product_id = x.product_id ${shownJoin('x.branch_path')}
          GROUP BY 1, 2 ORDER BY 2`,
        p,
      ) as Promise<Row[]>,
    ]);
    return {
      firsts: firsts.map((r) => ({
        key: r['key'] as string,
        productId: r['product_id'] as string,
        streamedOn: (r['streamed_on'] as string | null) ?? null,
        soldOn: (r['sold_on'] as string | null) ?? null,
      })),
      gmv: gmv.map((r) => ({ key: r['key'] as string, day: r['day'] as string, gmvVnd: n(r['gmv']) })),
    };
  }

  /** How many target products each OCOP group has in the scope (the group series' targets). */
  async productsPerGroup(scope: CoverageScope): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(
      `WITH ${BASE} SELECT ocop_group, count(*)::int AS products FROM facts GROUP BY 1`,
      params(scope),
    )) as Row[];
    return new Map(rows.map((r) => [r['ocop_group'] as string, n(r['products'])]));
  }
}
