import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { BranchTargets, CampaignPeriod } from '../domain';

/**
 * The campaigns' own tables (campaigns, campaign_products, campaign_branch_targets). Like attribution's reports,
 * these statements read identity's tree (branches: id, parent_id, path; admin_assignments and memberships: the
 * current ones) and the catalogue's products and producers as their public shape, never writing them.
 */

type Row = Record<string, unknown>;
type Db = DataSource | EntityManager;

export interface CampaignRow {
  id: string;
  name: string;
  branchId: string;
  branchName: string;
  startsOn: string;
  endsOn: string;
  atRiskDays: number;
  createdAt: Date;
}

/** A campaign with where the caller stands: their admin branch and membership, each with its current path. */
export interface CampaignAccessRow extends CampaignRow {
  campaignPath: string[];
  adminBranchId: string | null;
  adminPath: string[];
  memberBranchId: string | null;
  memberPath: string[];
}

export interface ProductFilters {
  provinces?: string[];
  groups?: string[];
  stars?: number[];
  producerIds?: string[];
}

export interface TargetProductRow {
  productId: string;
  producerId: string;
  branchId: string | null;
  streamerUserId: string | null;
  /** Whether the product's producer lies in the running branch's current subtree. */
  inArea: boolean;
}

/** The rows of an UPDATE or DELETE ... RETURNING (TypeORM answers those as [rows, count]) or of an INSERT / SELECT. */
export function returned(result: unknown): Row[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as Row[];
  }
  return result as Row[];
}

const CAMPAIGN_COLUMNS = `c.id, c.name, c.branch_id, cb.name AS branch_name, c.starts_on::text AS starts_on,
  c.ends_on::text AS ends_on, c.at_risk_days, c.created_at`;

export function campaignOf(r: Row): CampaignRow {
  return {
    id: r['id'] as string,
    name: r['name'] as string,
    branchId: r['branch_id'] as string,
    branchName: r['branch_name'] as string,
    startsOn: r['starts_on'] as string,
    endsOn: r['ends_on'] as string,
    atRiskDays: Number(r['at_risk_days']),
    createdAt: r['created_at'] as Date,
  };
}

@Injectable()
export class CampaignsRepository {
  constructor(readonly dataSource: DataSource) {}

  /** The campaign and the caller's admin branch and membership (null campaign: no such campaign). */
  async withAccess(campaignId: string, userId: string): Promise<CampaignAccessRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${CAMPAIGN_COLUMNS}, cb.path AS campaign_path,
              ab.id AS admin_branch_id, ab.path AS admin_path, mb.id AS member_branch_id, mb.path AS member_path
         FROM campaigns c
         JOIN branches cb ON cb.id = c.branch_id
         LEFT JOIN admin_assignments aa ON aa.user_id = $2 AND aa.valid_to IS NULL
         LEFT JOIN branches ab ON ab.id = aa.branch_id
         LEFT JOIN memberships m ON m.user_id = $2 AND m.status = 'active'
         LEFT JOIN branches mb ON mb.id = m.branch_id
        WHERE c.id = $1`,
      [campaignId, userId],
    )) as Row[];
    const r = rows[0];
    if (!r) return null;
    return {
      ...campaignOf(r),
      campaignPath: r['campaign_path'] as string[],
      adminBranchId: (r['admin_branch_id'] as string | null) ?? null,
      adminPath: (r['admin_path'] as string[] | null) ?? [],
      memberBranchId: (r['member_branch_id'] as string | null) ?? null,
      memberPath: (r['member_path'] as string[] | null) ?? [],
    };
  }

  /** Campaigns the user takes part in: run in or above their admin branch or membership, or inside their admin subtree. */
  async visibleTo(userId: string): Promise<(CampaignRow & { products: number })[]> {
    const rows = (await this.dataSource.query(
      `WITH me AS (
         SELECT b.id, b.path FROM admin_assignments aa JOIN branches b ON b.id = aa.branch_id
          WHERE aa.user_id = $1 AND aa.valid_to IS NULL
         UNION ALL
         SELECT b.id, b.path FROM memberships m JOIN branches b ON b.id = m.branch_id
          WHERE m.user_id = $1 AND m.status = 'active'
       ),
       admin AS (
         SELECT b.id FROM admin_assignments aa JOIN branches b ON b.id = aa.branch_id
          WHERE aa.user_id = $1 AND aa.valid_to IS NULL
       )
       SELECT ${CAMPAIGN_COLUMNS},
              (SELECT count(*) FROM campaign_products cp WHERE cp.campaign_id = c.id)::int AS products
         FROM campaigns c JOIN branches cb ON cb.id = c.branch_id
        WHERE EXISTS (SELECT 1 FROM me WHERE me.path @> ARRAY[c.branch_id])
           OR EXISTS (SELECT 1 FROM admin WHERE cb.path @> ARRAY[admin.id])
        ORDER BY c.ends_on DESC, c.name`,
      [userId],
    )) as Row[];
    return rows.map((r) => ({ ...campaignOf(r), products: Number(r['products']) }));
  }

  async findByName(branchId: string, name: string): Promise<CampaignRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c JOIN branches cb ON cb.id = c.branch_id
        WHERE c.branch_id = $1 AND c.name = $2`,
      [branchId, name],
    )) as Row[];
    return rows[0] ? campaignOf(rows[0]) : null;
  }

  async find(db: Db, campaignId: string): Promise<CampaignRow | null> {
    const rows = (await db.query(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c JOIN branches cb ON cb.id = c.branch_id WHERE c.id = $1`,
      [campaignId],
    )) as Row[];
    return rows[0] ? campaignOf(rows[0]) : null;
  }

  /** Inserts the campaign; null when the branch already runs one of that name. */
  async insert(
    em: EntityManager,
    input: { name: string; branchId: string; atRiskDays: number; createdBy: string } & CampaignPeriod,
  ): Promise<string | null> {
    const rows = (await em.query(
      `INSERT INTO campaigns (name, branch_id, starts_on, ends_on, at_risk_days, created_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (branch_id, name) DO NOTHING RETURNING id`,
      [input.name, input.branchId, input.startsOn, input.endsOn, input.atRiskDays, input.createdBy],
    )) as Row[];
    return (rows[0]?.['id'] as string | undefined) ?? null;
  }

  async update(
    em: EntityManager,
    campaignId: string,
    input: { name: string; atRiskDays: number } & CampaignPeriod,
  ): Promise<boolean> {
    const rows = returned(
      await em.query(
        `UPDATE campaigns SET name = $2, starts_on = $3, ends_on = $4, at_risk_days = $5, updated_at = now()
        WHERE id = $1
          AND NOT EXISTS (SELECT 1 FROM campaigns o WHERE o.branch_id = campaigns.branch_id AND o.name = $2 AND o.id <> $1)
        RETURNING id`,
        [campaignId, input.name, input.startsOn, input.endsOn, input.atRiskDays],
      ),
    ) as Row[];
    return rows.length > 0;
  }

  /** Active products matching every filter given, whose producer lies in the branch's current subtree. */
  async matchingProducts(branchId: string, filters: ProductFilters): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id FROM products p
         JOIN producers pr ON pr.id = p.producer_id
         JOIN branches pb ON pb.id = pr.branch_id
        WHERE p.status = 'active' AND pb.path @> ARRAY[$1::uuid]
          AND ($2::text[] IS NULL OR pr.province_code = ANY($2))
          AND ($3::text[] IS NULL OR p.ocop_group = ANY($3))
          AND ($4::int[] IS NULL OR p.certificate_stars = ANY($4))
          AND ($5::uuid[] IS NULL OR p.producer_id = ANY($5))
        ORDER BY p.id`,
      [
        branchId,
        filters.provinces ?? null,
        filters.groups ?? null,
        filters.stars ?? null,
        filters.producerIds ?? null,
      ],
    )) as Row[];
    return rows.map((r) => r['id'] as string);
  }

  /** The products named, each with whether its producer lies in the branch's subtree (unknown ids are left out). */
  async productsInArea(branchId: string, productIds: string[]): Promise<{ id: string; inArea: boolean }[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.id, pb.path @> ARRAY[$1::uuid] AS in_area
         FROM products p JOIN producers pr ON pr.id = p.producer_id JOIN branches pb ON pb.id = pr.branch_id
        WHERE p.id = ANY($2::uuid[]) AND p.status <> 'draft'`,
      [branchId, productIds],
    )) as Row[];
    return rows.map((r) => ({ id: r['id'] as string, inArea: r['in_area'] === true }));
  }

  /** Adds target products (already there: left as they are); returns how many were added. */
  async addProducts(em: EntityManager, campaignId: string, productIds: string[]): Promise<number> {
    if (productIds.length === 0) return 0;
    const rows = (await em.query(
      `INSERT INTO campaign_products (campaign_id, product_id, producer_id)
       SELECT $1, p.id, p.producer_id FROM products p WHERE p.id = ANY($2::uuid[])
       ON CONFLICT (campaign_id, product_id) DO NOTHING RETURNING product_id`,
      [campaignId, productIds],
    )) as Row[];
    return rows.length;
  }

  async removeProduct(em: EntityManager, campaignId: string, productId: string): Promise<boolean> {
    const rows = returned(
      await em.query(
        `DELETE FROM campaign_products WHERE campaign_id = $1 AND product_id = $2 RETURNING product_id`,
        [campaignId, productId],
      ),
    ) as Row[];
    return rows.length > 0;
  }

  async setTargets(em: EntityManager, campaignId: string, branchId: string, t: BranchTargets): Promise<void> {
    await em.query(
      `INSERT INTO campaign_branch_targets (campaign_id, branch_id, products, sessions, gmv_vnd, volunteers)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (campaign_id, branch_id) DO UPDATE SET products = EXCLUDED.products,
         sessions = EXCLUDED.sessions, gmv_vnd = EXCLUDED.gmv_vnd, volunteers = EXCLUDED.volunteers`,
      [campaignId, branchId, t.products, t.sessions, t.gmvVnd, t.volunteers],
    );
  }

  /** The current path of a branch (empty: no such branch). */
  async branchPath(branchId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT path FROM branches WHERE id = $1`, [
      branchId,
    ])) as Row[];
    return (rows[0]?.['path'] as string[] | undefined) ?? [];
  }

  /** The streamer's active membership branch and its current path. */
  async memberBranch(userId: string): Promise<{ branchId: string; path: string[] } | null> {
    const rows = (await this.dataSource.query(
      `SELECT b.id, b.path FROM memberships m JOIN branches b ON b.id = m.branch_id
        WHERE m.user_id = $1 AND m.status = 'active'`,
      [userId],
    )) as Row[];
    const r = rows[0];
    return r ? { branchId: r['id'] as string, path: r['path'] as string[] } : null;
  }

  /** Locks one target product's row for an assignment decision. */
  async lockTarget(
    em: EntityManager,
    campaignId: string,
    productId: string,
  ): Promise<TargetProductRow | null> {
    const rows = (await em.query(
      `SELECT cp.product_id, cp.producer_id, cp.branch_id, cp.streamer_user_id FROM campaign_products cp
        WHERE cp.campaign_id = $1 AND cp.product_id = $2 FOR UPDATE`,
      [campaignId, productId],
    )) as Row[];
    const r = rows[0];
    if (!r) return null;
    return {
      productId: r['product_id'] as string,
      producerId: r['producer_id'] as string,
      branchId: (r['branch_id'] as string | null) ?? null,
      streamerUserId: (r['streamer_user_id'] as string | null) ?? null,
      inArea: true,
    };
  }

  /**
   * Locks the named target products' rows for one assignment decision (in product order, so two decisions over
   * overlapping sets queue rather than deadlock) and answers, for each id asked for, whether it is a target and
   * whether its current holder lies outside `scope`'s subtree. One statement, whatever the number of products.
   */
  async lockTargets(
    em: EntityManager,
    campaignId: string,
    productIds: readonly string[],
    scope: string,
  ): Promise<{ productId: string; isTarget: boolean; heldOutside: boolean }[]> {
    const rows = (await em.query(
      `WITH wanted AS (SELECT DISTINCT unnest($2::uuid[]) AS product_id),
            locked AS (
              SELECT cp.product_id, cp.branch_id FROM campaign_products cp
               WHERE cp.campaign_id = $1 AND cp.product_id IN (SELECT product_id FROM wanted)
               ORDER BY cp.product_id FOR UPDATE
            )
       SELECT w.product_id, l.product_id IS NOT NULL AS is_target,
              (l.branch_id IS NOT NULL AND NOT (COALESCE(b.path, '{}') @> ARRAY[$3::uuid])) AS held_outside
         FROM wanted w LEFT JOIN locked l ON l.product_id = w.product_id
         LEFT JOIN branches b ON b.id = l.branch_id
        ORDER BY w.product_id`,
      [campaignId, productIds, scope],
    )) as Row[];
    return rows.map((r) => ({
      productId: r['product_id'] as string,
      isTarget: r['is_target'] === true,
      heldOutside: r['held_outside'] === true,
    }));
  }

  /** Sets the holder of many target products at once (rows the caller has locked). */
  async assignMany(
    em: EntityManager,
    campaignId: string,
    productIds: readonly string[],
    to: { branchId: string; streamerUserId: string | null; by: string; at: Date },
  ): Promise<number> {
    const rows = returned(
      await em.query(
        `UPDATE campaign_products SET branch_id = $3, streamer_user_id = $4, assigned_by = $5, assigned_at = $6,
                adopted_session_id = NULL
          WHERE campaign_id = $1 AND product_id = ANY($2::uuid[])
          RETURNING product_id`,
        [campaignId, productIds, to.branchId, to.streamerUserId, to.by, to.at],
      ),
    );
    return rows.length;
  }

  async assign(
    em: EntityManager,
    campaignId: string,
    productId: string,
    to: { branchId: string | null; streamerUserId: string | null; by: string; at: Date; sessionId?: string },
  ): Promise<void> {
    await em.query(
      `UPDATE campaign_products SET branch_id = $3, streamer_user_id = $4, assigned_by = $5, assigned_at = $6,
              adopted_session_id = $7
        WHERE campaign_id = $1 AND product_id = $2`,
      [campaignId, productId, to.branchId, to.streamerUserId, to.by, to.at, to.sessionId ?? null],
    );
  }
}
