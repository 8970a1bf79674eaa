import { Injectable } from '@nestjs/common';
import { IdentityFacade } from '@ocop/identity';
import { LiveFacade, SessionView } from '@ocop/live';
import type { OrderPlacedPayload } from '@ocop/orders';
import type {
  AttributionInput,
  BranchAtSale,
  ReferralInput,
  SessionContext,
  ShareLinkContext,
} from '../domain';
import { SharingRepository } from '../infrastructure/sharing.repository';

/**
 * The session's status at the instant of sale, from its start and end times: a message handled after the stream
 * ended still sees the room as it was when the buyer bought.
 */
export function sessionStatusAt(session: SessionView, at: Date): SessionContext['status'] {
  const endedAt = session.endedAt ? new Date(session.endedAt) : null;
  const startedAt = session.startedAt ? new Date(session.startedAt) : null;
  if (endedAt && endedAt.getTime() <= at.getTime()) return 'ended';
  if (startedAt && startedAt.getTime() <= at.getTime()) return 'live';
  return session.status === 'cancelled' ? 'cancelled' : 'scheduled';
}

/**
 * Gathers what the precedence rule needs about a placed order, each as it stood at the time of sale: the referral
 * code's streamer, the session (live room or replay) and its host, the share link's streamer and when the buyer
 * first followed it, each with the branch and full path of that moment (the tree's history, never today's tree).
 * An unknown code or link, or a streamer who belonged to no branch then, simply gives no credit through it.
 */
@Injectable()
export class SaleContextResolver {
  constructor(
    private readonly identity: IdentityFacade,
    private readonly live: LiveFacade,
    private readonly sharing: SharingRepository,
  ) {}

  async inputFor(order: OrderPlacedPayload): Promise<{ input: AttributionInput; shareCode: string | null }> {
    const at = new Date(order.placedAt);
    const sessionId = order.sessionId ?? order.lines[0]?.sessionId ?? null;
    const [referral, liveRoom, shareLink] = await Promise.all([
      order.referralCode ? this.referral(order.referralCode, at) : undefined,
      sessionId ? this.session(sessionId, at) : undefined,
      order.shareCode ? this.shareLink(order.shareCode, order.buyerUserId, at) : undefined,
    ]);
    const input: AttributionInput = { now: at };
    if (referral) input.referral = referral;
    if (liveRoom) input.liveRoom = liveRoom;
    if (shareLink) input.shareLink = shareLink;
    return { input, shareCode: shareLink ? (order.shareCode as string) : null };
  }

  /** The streamer's branch at that instant, or undefined when they belonged to none. */
  private async branchOf(userId: string, at: Date): Promise<BranchAtSale | undefined> {
    const membership = await this.identity.membershipAt(userId, at);
    if (!membership || membership.path.length === 0) return undefined;
    return { branchId: membership.branchId, branchPath: membership.path };
  }

  private async referral(code: string, at: Date): Promise<ReferralInput | undefined> {
    const owner = await this.sharing.ownerOfReferralCode(code);
    const branch = owner ? await this.branchOf(owner, at) : undefined;
    return owner && branch ? { code, streamerUserId: owner, ...branch } : undefined;
  }

  private async session(sessionId: string, at: Date): Promise<SessionContext | undefined> {
    const session = await this.live.findSession(sessionId);
    if (!session) return undefined;
    const branch = (await this.branchOf(session.hostUserId, at)) ?? (await this.sessionBranch(session, at));
    return {
      sessionId: session.id,
      hostUserId: session.hostUserId,
      status: sessionStatusAt(session, at),
      endedAt: session.endedAt ? new Date(session.endedAt) : null,
      ...branch,
    };
  }

  /** A host with no membership at that time: the session's own branch, with its path at that time. */
  private async sessionBranch(session: SessionView, at: Date): Promise<BranchAtSale> {
    const path = await this.identity.ancestryAt(session.branchId, at);
    return { branchId: session.branchId, branchPath: path && path.length > 0 ? path : session.branchPath };
  }

  private async shareLink(
    code: string,
    buyerUserId: string,
    at: Date,
  ): Promise<ShareLinkContext | undefined> {
    const link = await this.sharing.findShareLink(code);
    if (!link) return undefined;
    const [branch, firstVisit] = await Promise.all([
      this.branchOf(link.streamerUserId, at),
      this.sharing.firstVisit(code, buyerUserId),
    ]);
    if (!branch) return undefined;
    // The window runs from the buyer's first visit; a checkout that carried the link with no visit recorded
    // followed it just then.
    const clickedAt = firstVisit && firstVisit.getTime() <= at.getTime() ? firstVisit : at;
    const context: ShareLinkContext = { streamerUserId: link.streamerUserId, clickedAt, ...branch };
    if (link.sessionId) context.sessionId = link.sessionId;
    return context;
  }
}
