import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { StaffRole } from '../domain';
import { SessionStaffEntity } from './session-staff.entity';

@Injectable()
export class StaffRepository {
  constructor(@InjectRepository(SessionStaffEntity) private readonly repo: Repository<SessionStaffEntity>) {}

  list(sessionId: string, em?: EntityManager): Promise<SessionStaffEntity[]> {
    return (em ? em.getRepository(SessionStaffEntity) : this.repo).find({
      where: { sessionId },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
  }

  findOne(sessionId: string, userId: string): Promise<SessionStaffEntity | null> {
    return this.repo.findOneBy({ sessionId, userId });
  }

  /** Appoints, or changes the role of, one staff member. */
  async upsert(
    em: EntityManager,
    values: { sessionId: string; userId: string; role: StaffRole; appointedBy: string },
  ) {
    await em.query(
      `INSERT INTO live_session_staff (session_id, user_id, role, appointed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, user_id) DO UPDATE SET role = EXCLUDED.role, appointed_by = EXCLUDED.appointed_by`,
      [values.sessionId, values.userId, values.role, values.appointedBy],
    );
  }

  async remove(em: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    const result = await em.getRepository(SessionStaffEntity).delete({ sessionId, userId });
    return (result.affected ?? 0) > 0;
  }
}
