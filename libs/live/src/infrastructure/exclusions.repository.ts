import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SessionExclusionEntity } from './session-exclusion.entity';

/** Who was removed from which session: storage only. */
@Injectable()
export class ExclusionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  isExcluded(sessionId: string, userId: string): Promise<boolean> {
    return this.db.getRepository(SessionExclusionEntity).existsBy({ sessionId, userId });
  }

  async exclude(em: EntityManager, sessionId: string, userId: string): Promise<void> {
    await em.query(
      `INSERT INTO live_session_exclusions (session_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [sessionId, userId],
    );
  }

  async readmit(em: EntityManager, sessionId: string, userId: string): Promise<void> {
    await em.getRepository(SessionExclusionEntity).delete({ sessionId, userId });
  }
}
