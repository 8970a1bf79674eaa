import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '@ocop/kernel';
import type { SessionRole } from '../domain';
import { FlashDealsRepository } from '../infrastructure/flash-deals.repository';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { ExclusionsRepository } from '../infrastructure/exclusions.repository';
import { DealAnnouncer } from './deal-announcer';
import { DealTake, DealUnitsService, QuotaTake } from './deal-units.service';
import { SessionRoles } from './session-roles.service';
import { SessionViews } from './session-views';
import { PinnedProductCard, SessionView } from './views';

/** What other contexts (chat, orders, attribution) ask of live. Stable: they code against these exact signatures. */
@Injectable()
export class LiveFacade {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly units: DealUnitsService,
    private readonly announcer: DealAnnouncer,
    private readonly deals: FlashDealsRepository,
    private readonly exclusions: ExclusionsRepository,
  ) {}

  /** Whether the user was removed (banned) from the session: no video, no room, no buying in it. */
  async isExcluded(sessionId: string, userId: string | null): Promise<boolean> {
    if (userId === null || !isUuid(sessionId) || !isUuid(userId)) return false;
    return this.exclusions.isExcluded(sessionId, userId);
  }

  /** Removes a user from a session inside the caller's transaction (chat's ban writes this with its own row). */
  exclude(manager: EntityManager, sessionId: string, userId: string): Promise<void> {
    return this.exclusions.exclude(manager, sessionId, userId);
  }

  /** Lets a removed user back in, inside the caller's transaction (chat's unban). */
  readmit(manager: EntityManager, sessionId: string, userId: string): Promise<void> {
    return this.exclusions.readmit(manager, sessionId, userId);
  }

  /** Lineup products of the session with a flash deal that has not ended; [] for an unknown session. */
  async productsWithRunningDeals(sessionId: string): Promise<string[]> {
    if (!isUuid(sessionId)) return [];
    return this.deals.runningProductsOfSession(sessionId);
  }

  /** The session, or null when unknown (a malformed id is unknown too). */
  async findSession(sessionId: string): Promise<SessionView | null> {
    if (!isUuid(sessionId)) return null;
    const session = await this.sessions.findById(sessionId);
    return session ? this.views.view(session) : null;
  }

  /** 'host', 'cohost' or 'moderator' for the session's people; 'viewer' for guests, everyone else and unknown sessions. */
  async roleOf(sessionId: string, userId: string | null): Promise<SessionRole> {
    if (!isUuid(sessionId) || (userId !== null && !isUuid(userId))) return 'viewer';
    const session = await this.sessions.findById(sessionId);
    return session ? this.roles.roleOf(session, userId) : 'viewer';
  }

  /** The pinned product cards, oldest pin first; [] for an unknown session. */
  async pins(sessionId: string): Promise<PinnedProductCard[]> {
    if (!isUuid(sessionId)) return [];
    return this.views.pins(sessionId);
  }

  /** Takes deal units for a buyer inside the caller's transaction. `dealId` given (the buyer tapped that deal):
   *  that deal must be open for this session/product, else DEAL_ENDED. Not given: the open deal of this
   *  session/product if any. Returns null when no deal applies (no deal, or only an upcoming one): list price and
   *  product stock apply. Never more than remaining, never past the per-buyer limit, decided by conditional SQL.
   *  The deal's row stays locked until the caller commits; call announceDeal after the commit. */
  takeDealUnits(
    manager: EntityManager,
    input: {
      sessionId: string;
      productId: string;
      buyerUserId: string;
      quantity: number;
      dealId?: string;
      now: Date;
    },
  ): Promise<DealTake | null> {
    return this.units.take(manager, input);
  }

  /** Gives deal units back when an order line is cancelled or expires, inside the caller's transaction: to the
   *  deal (and the buyer's allowance) while it has not ended, else to the product's stock. Locks the deal row so it
   *  never races the deal's end. Returns where they went ('deal': call announceDeal after the commit). */
  returnDealUnits(
    manager: EntityManager,
    input: { dealId: string; buyerUserId: string; quantity: number; reference: string },
  ): Promise<'deal' | 'product'> {
    return this.units.giveBack(manager, input);
  }

  /** Counts units against the lineup's per-buyer limit (no-op ok when the listing has no limit). Units are counted
   *  even without a limit, so a limit the host sets mid-stream covers what each buyer already bought. */
  takeListingQuota(
    manager: EntityManager,
    input: { sessionId: string; productId: string; buyerUserId: string; quantity: number },
  ): Promise<QuotaTake> {
    return this.units.takeQuota(manager, input);
  }

  returnListingQuota(
    manager: EntityManager,
    input: { sessionId: string; productId: string; buyerUserId: string; quantity: number },
  ): Promise<void> {
    return this.units.giveBackQuota(manager, input);
  }

  /** After the caller's commit: broadcasts the deal's new remaining quantity (throttled). */
  announceDeal(dealId: string): void {
    if (isUuid(dealId)) this.announcer.soon(dealId);
  }
}
