import { Injectable } from '@nestjs/common';
import { IdentityFacade } from '@ocop/identity';
import { LiveFacade, SessionRole, SessionView } from '@ocop/live';
import { ChatError } from '../domain';
import { TtlCache } from './ttl-cache';

/**
 * What chat needs to know about sessions and people, cached briefly per process so that posting a message does not
 * query the live and identity contexts each time. Moderation decisions always ask afresh (`freshRole`).
 */
@Injectable()
export class SessionDirectory {
  private readonly sessions = new TtlCache<SessionView | null>(3_000);
  private readonly roles = new TtlCache<SessionRole>(10_000, 50_000);
  private readonly names = new TtlCache<string>(10 * 60_000, 50_000);

  constructor(
    private readonly live: LiveFacade,
    private readonly identity: IdentityFacade,
  ) {}

  /** The session, read afresh (joins, HTTP). Throws SESSION_NOT_FOUND. */
  async requireSession(sessionId: string): Promise<SessionView> {
    const session = await this.live.findSession(sessionId);
    this.sessions.set(sessionId, session);
    if (!session) throw new ChatError('SESSION_NOT_FOUND', 'No such session');
    return session;
  }

  /** The session as of a few seconds ago (the hot path). Throws SESSION_NOT_FOUND. */
  async cachedSession(sessionId: string): Promise<SessionView> {
    const session = await this.sessions.getOrLoad(sessionId, () => this.live.findSession(sessionId));
    if (!session) throw new ChatError('SESSION_NOT_FOUND', 'No such session');
    return session;
  }

  cachedRole(sessionId: string, userId: string): Promise<SessionRole> {
    return this.roles.getOrLoad(`${sessionId}:${userId}`, () => this.live.roleOf(sessionId, userId));
  }

  async freshRole(sessionId: string, userId: string | null): Promise<SessionRole> {
    const role = await this.live.roleOf(sessionId, userId);
    if (userId) this.roles.set(`${sessionId}:${userId}`, role);
    return role;
  }

  async displayName(userId: string): Promise<string> {
    return this.names.getOrLoad(userId, async () => {
      const user = await this.identity.findUser(userId);
      if (!user) throw new ChatError('USER_NOT_FOUND', 'No such user');
      return user.displayName;
    });
  }
}
