import { Injectable } from '@nestjs/common';
import { canRunShow, LiveError, roleIn, SessionRole } from '../domain';
import { SessionEntity } from '../infrastructure/session.entity';
import { StaffRepository } from '../infrastructure/staff.repository';

/** Who may do what in a session. */
@Injectable()
export class SessionRoles {
  constructor(private readonly staff: StaffRepository) {}

  async roleOf(session: SessionEntity, userId: string | null): Promise<SessionRole> {
    if (userId === null) return 'viewer';
    if (session.hostUserId === userId) return 'host';
    const member = await this.staff.findOne(session.id, userId);
    return roleIn(session, member ? [member] : [], userId);
  }

  assertHost(session: SessionEntity, userId: string): void {
    if (session.hostUserId !== userId) {
      throw new LiveError('HOST_ONLY', 'Only the host of this session can do that', {
        sessionId: session.id,
      });
    }
  }

  /** Going live, ending and pinning: the host or a co-host. */
  async assertRunsShow(session: SessionEntity, userId: string): Promise<void> {
    if (!canRunShow(await this.roleOf(session, userId))) {
      throw new LiveError('HOST_OR_COHOST_ONLY', 'Only the host or a co-host of this session can do that', {
        sessionId: session.id,
      });
    }
  }
}
