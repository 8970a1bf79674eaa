import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@ocop/auth';
import { IdentityFacade } from '@ocop/identity';
import { LiveError, LiveFacade, PresenceService, SessionView } from '@ocop/live';
import { conversion } from '../domain';
import { SalesRepository } from '../infrastructure/sales.repository';
import { SessionSummaryView } from './views';

/**
 * After (or during) a stream: GMV, orders, buyers, viewers, conversion and per-product figures. For the host, a
 * co-host, or an admin whose subtree holds the session's branch (now, or along the path stored with the session);
 * anyone else gets 404 SESSION_NOT_FOUND, as if it did not exist.
 */
@Injectable()
export class SessionSummaryService {
  constructor(
    private readonly live: LiveFacade,
    private readonly identity: IdentityFacade,
    private readonly presence: PresenceService,
    private readonly sales: SalesRepository,
  ) {}

  async summary(caller: AuthUser, sessionId: string): Promise<SessionSummaryView> {
    const session = await this.live.findSession(sessionId);
    if (!session || !(await this.maySee(caller, session))) {
      throw new LiveError('SESSION_NOT_FOUND', 'No such session', { sessionId });
    }
    const [ledger, audience, presence] = await Promise.all([
      this.sales.sessionFigures(session.id),
      this.sales.sessionAudience(session.id),
      this.presence.stats(session.id),
    ]);
    // Presence keys expire a few days after the last viewer; what the session kept at its end outlives them.
    const ended = session.status === 'ended';
    const uniqueViewers =
      ended && audience.keptUniqueViewers !== null ? audience.keptUniqueViewers : presence.unique;
    const peakViewers = ended && audience.keptPeakViewers !== null ? audience.keptPeakViewers : presence.peak;
    return {
      sessionId: session.id,
      title: session.title,
      status: session.status,
      hostUserId: session.hostUserId,
      hostName: session.hostName,
      branchId: session.branchId,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      ...ledger.total,
      uniqueBuyers: audience.uniqueBuyers,
      uniqueViewers,
      peakViewers,
      viewersNow: session.status === 'live' ? presence.viewers : 0,
      conversion: conversion(audience.uniqueBuyers, uniqueViewers),
      products: ledger.products.map((p) => ({ productId: p.productId, name: p.name, ...p.figures })),
    };
  }

  private async maySee(caller: AuthUser, session: SessionView): Promise<boolean> {
    const role = await this.live.roleOf(session.id, caller.id);
    if (role === 'host' || role === 'cohost') return true;
    if (!caller.roles.includes('admin')) return false;
    const root = await this.identity.adminBranchOf(caller.id);
    if (!root) return false;
    return (
      session.branchPath.includes(root.id) ||
      (await this.identity.isBranchInAdminScope(caller.id, session.branchId))
    );
  }
}
