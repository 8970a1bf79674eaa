import { Injectable } from '@nestjs/common';
import { isUuid } from '@ocop/kernel';
import type { SessionRole } from '../domain';
import { SessionsRepository } from '../infrastructure/sessions.repository';
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
  ) {}

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
}
