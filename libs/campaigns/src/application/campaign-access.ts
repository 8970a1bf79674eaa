import { Injectable } from '@nestjs/common';
import { isUuid } from '@ocop/kernel';
import { CampaignError } from '../domain';
import { CampaignAccessRow, CampaignsRepository } from '../infrastructure/campaigns.repository';

/**
 * Where a caller stands in a campaign, by the current tree:
 * - `manager`: an admin whose branch is the running branch or above it (they manage the whole campaign);
 * - `branch_admin`: an admin of a branch inside the running branch's subtree (their own subtree of it);
 * - `streamer`: a member of a branch inside that subtree (their branch's pool).
 * Anyone else is told the campaign does not exist (404 CAMPAIGN_NOT_FOUND).
 */
export type CampaignRole = 'manager' | 'branch_admin' | 'streamer';

export interface CampaignAccess {
  campaign: CampaignAccessRow;
  /** The admin's scope inside the campaign: the running branch (manager) or the admin's own branch. */
  adminScope: string | null;
  manager: boolean;
  /** The streamer's branch, when they take part as one. */
  memberBranchId: string | null;
}

export function notFound(campaignId: string): CampaignError {
  return new CampaignError('CAMPAIGN_NOT_FOUND', 'No such campaign', { campaignId });
}

@Injectable()
export class CampaignAccessResolver {
  constructor(private readonly campaigns: CampaignsRepository) {}

  async resolve(campaignId: string, userId: string): Promise<CampaignAccess> {
    if (!isUuid(campaignId)) throw notFound(campaignId);
    const c = await this.campaigns.withAccess(campaignId, userId);
    if (!c) throw notFound(campaignId);
    const manager = c.adminBranchId !== null && c.campaignPath.includes(c.adminBranchId);
    const insideAdmin = c.adminBranchId !== null && c.adminPath.includes(c.branchId);
    const member = c.memberBranchId !== null && c.memberPath.includes(c.branchId);
    if (!manager && !insideAdmin && !member) throw notFound(campaignId);
    return {
      campaign: c,
      adminScope: manager ? c.branchId : insideAdmin ? c.adminBranchId : null,
      manager,
      memberBranchId: member ? c.memberBranchId : null,
    };
  }

  /** An admin of the campaign (manager or inside it); else 404. */
  async admin(campaignId: string, userId: string): Promise<CampaignAccess & { adminScope: string }> {
    const access = await this.resolve(campaignId, userId);
    if (access.adminScope === null) throw notFound(campaignId);
    return access as CampaignAccess & { adminScope: string };
  }

  /** The admin who manages the whole campaign; else 404. */
  async manager(campaignId: string, userId: string): Promise<CampaignAccess & { adminScope: string }> {
    const access = await this.admin(campaignId, userId);
    if (!access.manager) throw notFound(campaignId);
    return access;
  }

  /** A streamer taking part; else 404. */
  async streamer(campaignId: string, userId: string): Promise<CampaignAccess & { memberBranchId: string }> {
    const access = await this.resolve(campaignId, userId);
    if (access.memberBranchId === null) throw notFound(campaignId);
    return access as CampaignAccess & { memberBranchId: string };
  }
}
