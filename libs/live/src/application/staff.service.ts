import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { IdentityFacade } from '@ocop/identity';
import { isOpen, LiveError, MAX_STAFF, StaffRole } from '../domain';
import { SessionEntity } from '../infrastructure/session.entity';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { StaffRepository } from '../infrastructure/staff.repository';
import { SessionRoles } from './session-roles.service';
import { sessionNotFound, SessionViews } from './session-views';
import { StaffView } from './views';

/** Co-hosts and moderators, appointed by the host while the session is scheduled or live. */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly identity: IdentityFacade,
    private readonly tx: TransactionRunner,
  ) {}

  async appoint(
    hostUserId: string,
    sessionId: string,
    userId: string,
    role: StaffRole,
  ): Promise<StaffView[]> {
    const session = await this.views.require(sessionId);
    this.roles.assertHost(session, hostUserId);
    if (userId === session.hostUserId) {
      throw new LiveError('HOST_CANNOT_BE_STAFF', 'The host already runs this session', { userId });
    }
    if (!(await this.identity.findUser(userId)))
      throw new LiveError('USER_NOT_FOUND', 'No such user', { userId });
    await this.tx.run(async (em) => {
      const locked = await this.sessions.lock(em, sessionId);
      if (!locked) throw sessionNotFound(sessionId);
      assertOpen(locked);
      const current = await this.staff.list(sessionId, em);
      if (!current.some((s) => s.userId === userId) && current.length >= MAX_STAFF) {
        throw new LiveError('STAFF_LIMIT_REACHED', `A session has at most ${MAX_STAFF} staff`, {
          limit: MAX_STAFF,
        });
      }
      await this.staff.upsert(em, { sessionId, userId, role, appointedBy: hostUserId });
    });
    return this.list(sessionId);
  }

  async dismiss(hostUserId: string, sessionId: string, userId: string): Promise<void> {
    const session = await this.views.require(sessionId);
    this.roles.assertHost(session, hostUserId);
    const removed = await this.tx.run(async (em) => {
      const locked = await this.sessions.lock(em, sessionId);
      if (!locked) throw sessionNotFound(sessionId);
      assertOpen(locked);
      return this.staff.remove(em, sessionId, userId);
    });
    if (!removed) throw new LiveError('STAFF_NOT_FOUND', 'This user is not staff of the session', { userId });
  }

  list(sessionId: string): Promise<StaffView[]> {
    return this.views.staff(sessionId);
  }
}

function assertOpen(session: SessionEntity): void {
  if (!isOpen(session.status)) {
    throw new LiveError('SESSION_CLOSED', `The session is ${session.status}`, {
      sessionId: session.id,
      status: session.status,
    });
  }
}
