import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SessionReminderEntity } from './session-reminder.entity';

@Injectable()
export class RemindersRepository {
  constructor(
    @InjectRepository(SessionReminderEntity) private readonly repo: Repository<SessionReminderEntity>,
  ) {}

  /** Idempotent. */
  async add(sessionId: string, userId: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .insert()
      .into(SessionReminderEntity)
      .values({ sessionId, userId })
      .orIgnore()
      .execute();
  }

  async remove(sessionId: string, userId: string): Promise<void> {
    await this.repo.delete({ sessionId, userId });
  }

  exists(sessionId: string, userId: string): Promise<boolean> {
    return this.repo.existsBy({ sessionId, userId });
  }

  /**
   * The user's reminders of sessions that have not started yet, soonest first, with when each fires (the session's
   * scheduled start). The user_id index finds the reminders; each session by its primary key.
   */
  async upcomingForUser(userId: string, limit: number): Promise<{ sessionId: string; remindAt: Date }[]> {
    const rows = (await this.repo.query(
      `SELECT r.session_id, s.scheduled_start_at
         FROM live_session_reminders r
         JOIN live_sessions s ON s.id = r.session_id
        WHERE r.user_id = $1 AND s.status = 'scheduled'
        ORDER BY s.scheduled_start_at, r.session_id
        LIMIT $2`,
      [userId, limit],
    )) as { session_id: string; scheduled_start_at: Date }[];
    return rows.map((r) => ({ sessionId: r.session_id, remindAt: r.scheduled_start_at }));
  }

  /** Users to remind, keyset-paginated by user id (the primary key serves it). */
  async usersAfter(sessionId: string, afterUserId: string | null, limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT user_id FROM live_session_reminders
        WHERE session_id = $1 AND ($2::uuid IS NULL OR user_id > $2::uuid)
        ORDER BY user_id LIMIT $3`,
      [sessionId, afterUserId, limit],
    )) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }
}
