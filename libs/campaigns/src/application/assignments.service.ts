import { Inject, Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, isUuid } from '@ocop/kernel';
import { LiveFacade, SessionsService } from '@ocop/live';
import { CampaignError } from '../domain';
import { CampaignsRepository } from '../infrastructure/campaigns.repository';
import { CampaignAccessResolver } from './campaign-access';
import { CampaignPublisher } from './campaign-publisher';

export interface AssignInput {
  productIds: string[];
  branchId: string;
  /** A streamer whose active membership is that branch; absent: the branch's pool. */
  streamerUserId?: string;
}

const VN_OFFSET_MS = 7 * 3600 * 1000;
const vnDay = (at: Date): string => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Who covers which product. Admins assign target products to branches of their part of the campaign (and on to a
 * branch's streamers); a streamer adopts a product of their branch's pool (or one nobody holds) into a session they
 * host. Every decision locks the product's row, so two branches adopting one product at once: exactly one wins.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly access: CampaignAccessResolver,
    private readonly live: LiveFacade,
    private readonly sessions: SessionsService,
    private readonly publisher: CampaignPublisher,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Assigns products to a branch (and optionally one of its streamers). All or nothing: a branch outside the admin's
   * part of the campaign, a streamer not of that branch, a product held outside the admin's subtree refuse the lot.
   */
  async assign(userId: string, campaignId: string, input: AssignInput): Promise<{ assigned: number }> {
    const { adminScope } = await this.access.admin(campaignId, userId);
    const path = isUuid(input.branchId) ? await this.campaigns.branchPath(input.branchId) : [];
    if (!path.includes(adminScope)) {
      throw new CampaignError(
        'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
        'Products can be assigned only to branches inside your part of the campaign',
        { branchId: input.branchId },
      );
    }
    if (input.streamerUserId !== undefined) {
      const member = await this.campaigns.memberBranch(input.streamerUserId);
      if (member?.branchId !== input.branchId) {
        throw new CampaignError(
          'CAMPAIGN_STREAMER_NOT_IN_BRANCH',
          'This streamer is not a member of that branch',
          {
            streamerUserId: input.streamerUserId,
            branchId: input.branchId,
          },
        );
      }
    }
    const ids = [...new Set(input.productIds)].sort();
    // Two statements whatever the number of products: lock and check them all, then assign them all.
    await this.tx.run(async (em) => {
      const checked = await this.campaigns.lockTargets(em, campaignId, ids, adminScope);
      const missing = checked.find((c) => !c.isTarget);
      if (missing) {
        throw new CampaignError(
          'CAMPAIGN_PRODUCT_NOT_FOUND',
          'This product is not a target of the campaign',
          {
            productId: missing.productId,
          },
        );
      }
      const held = checked.find((c) => c.heldOutside);
      if (held) {
        throw new CampaignError('CAMPAIGN_PRODUCT_TAKEN', 'Another branch already holds this product', {
          productId: held.productId,
        });
      }
      await this.campaigns.assignMany(em, campaignId, ids, {
        branchId: input.branchId,
        streamerUserId: input.streamerUserId ?? null,
        by: userId,
        at: this.clock.now(),
      });
    });
    this.publisher.changed(campaignId);
    return { assigned: ids.length };
  }

  /** Gives a product back to the campaign's pool (only one held inside the admin's subtree). */
  async unassign(userId: string, campaignId: string, productId: string): Promise<{ unassigned: boolean }> {
    const { adminScope } = await this.access.admin(campaignId, userId);
    await this.tx.run(async (em) => {
      const current = await this.campaigns.lockTarget(em, campaignId, productId);
      if (!current) {
        throw new CampaignError(
          'CAMPAIGN_PRODUCT_NOT_FOUND',
          'This product is not a target of the campaign',
          {
            productId,
          },
        );
      }
      if (
        current.branchId !== null &&
        !(await this.campaigns.branchPath(current.branchId)).includes(adminScope)
      ) {
        throw new CampaignError(
          'CAMPAIGN_PRODUCT_NOT_FOUND',
          'This product is not a target of the campaign',
          {
            productId,
          },
        );
      }
      await this.campaigns.assign(em, campaignId, productId, {
        branchId: null,
        streamerUserId: null,
        by: userId,
        at: this.clock.now(),
      });
    });
    this.publisher.changed(campaignId);
    return { unassigned: true };
  }

  /**
   * A streamer adopts a product into a session they host (upcoming, starting within the period): the
   * product must be nobody's yet, or their branch's without a streamer, or already theirs. The product's row stays
   * locked while the lineup changes, so a second adoption waits and then finds it taken (409 CAMPAIGN_PRODUCT_TAKEN);
   * a lineup the session refuses leaves the product where it was.
   */
  async adopt(
    userId: string,
    campaignId: string,
    productId: string,
    sessionId: string,
  ): Promise<{ productId: string; sessionId: string; branchId: string }> {
    const { campaign, memberBranchId } = await this.access.streamer(campaignId, userId);
    const session = isUuid(sessionId) ? await this.live.findSession(sessionId) : null;
    if (!session || session.hostUserId !== userId) {
      throw new CampaignError('CAMPAIGN_SESSION_NOT_ADOPTABLE', 'Adopt into a session you host', {
        sessionId,
      });
    }
    const day = vnDay(new Date(session.startedAt ?? session.scheduledStartAt));
    if (
      session.status !== 'scheduled' ||
      day < campaign.startsOn ||
      day > campaign.endsOn ||
      !session.branchPath.includes(campaign.branchId)
    ) {
      throw new CampaignError(
        'CAMPAIGN_SESSION_NOT_ADOPTABLE',
        'The session must be upcoming (a lineup is fixed once on air), within the campaign period, and credited inside the campaign',
        { sessionId, status: session.status, day },
      );
    }
    if (!isUuid(productId)) {
      throw new CampaignError('CAMPAIGN_PRODUCT_NOT_FOUND', 'This product is not a target of the campaign', {
        productId,
      });
    }
    await this.tx.run(async (em) => {
      const current = await this.campaigns.lockTarget(em, campaignId, productId);
      if (!current) {
        throw new CampaignError(
          'CAMPAIGN_PRODUCT_NOT_FOUND',
          'This product is not a target of the campaign',
          {
            productId,
          },
        );
      }
      const free =
        current.branchId === null ||
        (current.branchId === memberBranchId &&
          (current.streamerUserId === null || current.streamerUserId === userId));
      if (!free) {
        throw new CampaignError(
          'CAMPAIGN_PRODUCT_TAKEN',
          'Another branch or streamer already holds this product',
          {
            productId,
          },
        );
      }
      if (!session.lineup.includes(productId)) {
        await this.sessions.update(userId, sessionId, { lineup: [...session.lineup, productId] });
      }
      await this.campaigns.assign(em, campaignId, productId, {
        branchId: memberBranchId,
        streamerUserId: userId,
        by: userId,
        at: this.clock.now(),
        sessionId,
      });
    });
    this.publisher.changed(campaignId);
    return { productId, sessionId, branchId: memberBranchId };
  }
}
