import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { IdentityError } from '@ocop/identity';
import { assertPeriod, assertTargets, BranchTargets, CampaignError } from '../domain';
import { CampaignsRepository, ProductFilters } from '../infrastructure/campaigns.repository';
import { CoverageRollupRepository } from '../infrastructure/coverage-rollup.repository';
import { CampaignAccessResolver } from './campaign-access';
import { CampaignView } from './views';

export interface CampaignInput {
  name: string;
  /** The running branch (default: the admin's own branch); inside the admin's subtree. */
  branchId?: string;
  startsOn: string;
  endsOn: string;
  atRiskDays?: number;
  /** Target products by filters (all active products of the area matching every filter given)... */
  filters?: ProductFilters;
  /** ...and/or by hand. */
  productIds?: string[];
}

export interface TargetSelection {
  filters?: ProductFilters;
  productIds?: string[];
}

export const DEFAULT_AT_RISK_DAYS = 7;

/** Creating and managing campaigns: their period, target products and targets per branch. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly access: CampaignAccessResolver,
    private readonly tx: TransactionRunner,
    private readonly rollup: CoverageRollupRepository,
  ) {}

  async list(userId: string): Promise<CampaignView[]> {
    const rows = await this.campaigns.visibleTo(userId);
    const views: CampaignView[] = [];
    for (const r of rows) {
      const a = await this.access.resolve(r.id, userId);
      views.push(
        this.view(r, r.products, a.manager ? 'manager' : a.adminScope ? 'branch_admin' : 'streamer'),
      );
    }
    return views;
  }

  async get(userId: string, campaignId: string): Promise<CampaignView> {
    const a = await this.access.resolve(campaignId, userId);
    const count = (await this.campaigns.dataSource.query(
      `SELECT count(*)::int AS n FROM campaign_products WHERE campaign_id = $1`,
      [campaignId],
    )) as { n: number }[];
    return this.view(
      a.campaign,
      count[0]?.n ?? 0,
      a.manager ? 'manager' : a.adminScope ? 'branch_admin' : 'streamer',
    );
  }

  /**
   * An admin starts a campaign run by a branch of their subtree. Refused, with nothing written: a reversed period, a
   * product named by hand outside the running branch's area, a name the branch already uses.
   */
  async create(userId: string, input: CampaignInput): Promise<CampaignView> {
    const period = assertPeriod({ startsOn: input.startsOn, endsOn: input.endsOn });
    const branchId = await this.runningBranch(userId, input.branchId);
    const productIds = await this.selection(branchId, input);
    const id = await this.tx.run(async (em) => {
      const created = await this.campaigns.insert(em, {
        name: input.name,
        branchId,
        ...period,
        atRiskDays: input.atRiskDays ?? DEFAULT_AT_RISK_DAYS,
        createdBy: userId,
      });
      if (created === null) {
        throw new CampaignError('CAMPAIGN_NAME_TAKEN', 'This branch already runs a campaign of that name', {
          name: input.name,
        });
      }
      await this.campaigns.addProducts(em, created, productIds);
      await this.rollup.refresh(em, created, null);
      return created;
    });
    return this.get(userId, id);
  }

  /**
   * The same campaign again, for the demo seed: the branch's campaign of that name if it exists (its target set
   * grown by the selection), else a new one.
   */
  async ensure(userId: string, input: CampaignInput): Promise<CampaignView> {
    const branchId = await this.runningBranch(userId, input.branchId);
    const existing = await this.campaigns.findByName(branchId, input.name);
    if (!existing) return this.create(userId, { ...input, branchId });
    await this.addProducts(userId, existing.id, input);
    return this.get(userId, existing.id);
  }

  async update(
    userId: string,
    campaignId: string,
    patch: { name?: string; startsOn?: string; endsOn?: string; atRiskDays?: number },
  ): Promise<CampaignView> {
    const { campaign } = await this.access.manager(campaignId, userId);
    const period = assertPeriod({
      startsOn: patch.startsOn ?? campaign.startsOn,
      endsOn: patch.endsOn ?? campaign.endsOn,
    });
    await this.tx.run(async (em) => {
      const ok = await this.campaigns.update(em, campaignId, {
        name: patch.name ?? campaign.name,
        atRiskDays: patch.atRiskDays ?? campaign.atRiskDays,
        ...period,
      });
      if (!ok) {
        throw new CampaignError('CAMPAIGN_NAME_TAKEN', 'This branch already runs a campaign of that name', {
          name: patch.name,
        });
      }
      // Another period counts other sessions and days: the dashboards' roll-up is rebuilt with the change.
      if (period.startsOn !== campaign.startsOn || period.endsOn !== campaign.endsOn) {
        await this.rollup.refresh(em, campaignId, null);
      }
    });
    return this.get(userId, campaignId);
  }

  /** Adds target products by filters and/or by hand; returns how many were new. */
  async addProducts(
    userId: string,
    campaignId: string,
    selection: TargetSelection,
  ): Promise<{ added: number }> {
    const { campaign } = await this.access.manager(campaignId, userId);
    const productIds = await this.selection(campaign.branchId, selection);
    const added = await this.tx.run(async (em) => {
      const count = await this.campaigns.addProducts(em, campaignId, productIds);
      await this.rollup.refresh(
        em,
        campaignId,
        await this.rollup.sessionsWithProducts(em, campaignId, productIds),
      );
      return count;
    });
    return { added };
  }

  async removeProduct(userId: string, campaignId: string, productId: string): Promise<{ removed: boolean }> {
    await this.access.manager(campaignId, userId);
    const removed = await this.tx.run(async (em) => {
      const gone = await this.campaigns.removeProduct(em, campaignId, productId);
      if (gone) {
        await this.rollup.refresh(
          em,
          campaignId,
          await this.rollup.sessionsWithProducts(em, campaignId, [productId]),
        );
      }
      return gone;
    });
    if (!removed) {
      throw new CampaignError('CAMPAIGN_PRODUCT_NOT_FOUND', 'This product is not a target of the campaign', {
        productId,
      });
    }
    return { removed };
  }

  /** Targets of a branch of the admin's part of the campaign: products, sessions, GMV and volunteers (none below 0). */
  async setTargets(
    userId: string,
    campaignId: string,
    branchId: string,
    targets: BranchTargets,
  ): Promise<BranchTargets & { branchId: string }> {
    assertTargets(targets);
    const { adminScope } = await this.access.admin(campaignId, userId);
    const path = await this.campaigns.branchPath(branchId);
    if (!path.includes(adminScope)) {
      throw new CampaignError(
        'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
        'This branch is not inside your part of the campaign',
        { branchId },
      );
    }
    await this.tx.run((em) => this.campaigns.setTargets(em, campaignId, branchId, targets));
    return { branchId, ...targets };
  }

  private async runningBranch(userId: string, branchId: string | undefined): Promise<string> {
    const admin = (await this.campaigns.dataSource.query(
      `SELECT branch_id FROM admin_assignments WHERE user_id = $1 AND valid_to IS NULL`,
      [userId],
    )) as { branch_id: string }[];
    const root = admin[0]?.branch_id;
    if (!root) throw new IdentityError('ADMIN_SCOPE_REQUIRED', 'You are not the admin of any branch');
    const target = branchId ?? root;
    if (!(await this.campaigns.branchPath(target)).includes(root)) {
      throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
    }
    return target;
  }

  /** The product ids a selection names; a product named by hand outside the area is refused. */
  private async selection(branchId: string, selection: TargetSelection): Promise<string[]> {
    const ids = new Set<string>();
    if (selection.filters) {
      for (const id of await this.campaigns.matchingProducts(branchId, selection.filters)) ids.add(id);
    }
    const byHand = [...new Set(selection.productIds ?? [])];
    if (byHand.length > 0) {
      const found = await this.campaigns.productsInArea(branchId, byHand);
      const known = new Map(found.map((f) => [f.id, f.inArea]));
      for (const id of byHand) {
        if (!known.has(id)) {
          throw new CampaignError('CAMPAIGN_PRODUCT_NOT_FOUND', 'No such product', { productId: id });
        }
        if (!known.get(id)) {
          throw new CampaignError(
            'CAMPAIGN_PRODUCT_OUTSIDE_AREA',
            "This product's producer is outside the running branch's area",
            { productId: id },
          );
        }
        ids.add(id);
      }
    }
    return [...ids];
  }

  private view(
    c: {
      id: string;
      name: string;
      branchId: string;
      branchName: string;
      startsOn: string;
      endsOn: string;
      atRiskDays: number;
    },
    products: number,
    role: CampaignView['role'],
  ): CampaignView {
    return {
      id: c.id,
      name: c.name,
      branchId: c.branchId,
      branchName: c.branchName,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      atRiskDays: c.atRiskDays,
      products,
      role,
    };
  }
}
