import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { SessionStreamEntity } from './session-stream.entity';

@Injectable()
export class StreamsRepository {
  constructor(
    @InjectRepository(SessionStreamEntity) private readonly repo: Repository<SessionStreamEntity>,
  ) {}

  find(sessionId: string, em?: EntityManager): Promise<SessionStreamEntity | null> {
    return (em ? em.getRepository(SessionStreamEntity) : this.repo).findOneBy({ sessionId });
  }

  async findMany(sessionIds: readonly string[]): Promise<Map<string, SessionStreamEntity>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.repo.findBy({ sessionId: In([...sessionIds]) });
    return new Map(rows.map((r) => [r.sessionId, r]));
  }

  lock(em: EntityManager, sessionId: string): Promise<SessionStreamEntity | null> {
    return em
      .getRepository(SessionStreamEntity)
      .findOne({ where: { sessionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The stream row of the session, created with `secret` when it has none yet (two first reads race safely). */
  async ensure(sessionId: string, secret: string): Promise<SessionStreamEntity> {
    await this.repo.query(
      `INSERT INTO live_session_streams (session_id, stream_secret) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, secret],
    );
    return (await this.find(sessionId)) as SessionStreamEntity;
  }

  async setSecret(sessionId: string, secret: string, now: Date): Promise<SessionStreamEntity> {
    await this.repo.query(
      `INSERT INTO live_session_streams (session_id, stream_secret, secret_created_at, updated_at)
       VALUES ($1, $2, $3, $3)
       ON CONFLICT (session_id) DO UPDATE SET stream_secret = EXCLUDED.stream_secret,
         secret_created_at = EXCLUDED.secret_created_at, updated_at = EXCLUDED.updated_at`,
      [sessionId, secret, now],
    );
    return (await this.find(sessionId)) as SessionStreamEntity;
  }

  save(em: EntityManager, row: SessionStreamEntity, now: Date): Promise<SessionStreamEntity> {
    row.updatedAt = now;
    return em.getRepository(SessionStreamEntity).save(row);
  }

  /** Records the wall time of the first segment, once. Returns whether this call set it. */
  async markRecordingStarted(sessionId: string, at: Date): Promise<boolean> {
    const rows = (await this.repo.query(
      `UPDATE live_session_streams SET recording_started_at = $2, updated_at = now()
        WHERE session_id = $1 AND recording_started_at IS NULL RETURNING session_id`,
      [sessionId, at],
    )) as [unknown[], number];
    return rows[1] > 0;
  }

  async markRecordingEnded(sessionId: string, at: Date): Promise<void> {
    await this.repo.query(
      `UPDATE live_session_streams SET recording_ended_at = $2, updated_at = now()
        WHERE session_id = $1 AND recording_ended_at IS NULL`,
      [sessionId, at],
    );
  }

  /** Recordings of ended sessions that nobody publishes to and that were never closed with #EXT-X-ENDLIST. */
  async unfinishedRecordings(limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT st.session_id FROM live_session_streams st JOIN live_sessions s ON s.id = st.session_id
        WHERE st.recording_started_at IS NOT NULL AND st.recording_ended_at IS NULL
          AND st.recording_deleted_at IS NULL AND st.publishing_since IS NULL AND s.status = 'ended'
        ORDER BY s.ended_at ASC LIMIT $1`,
      [limit],
    )) as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }

  /** Recordings of sessions that ended before `endedBefore` and are still kept, oldest first. */
  async expiredRecordings(endedBefore: Date, limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT st.session_id FROM live_session_streams st JOIN live_sessions s ON s.id = st.session_id
        WHERE st.recording_started_at IS NOT NULL AND st.recording_deleted_at IS NULL
          AND s.status = 'ended' AND s.ended_at < $1
        ORDER BY s.ended_at ASC LIMIT $2`,
      [endedBefore, limit],
    )) as { session_id: string }[];
    return rows.map((r) => r.session_id);
  }

  /** A newer still frame of the live stream exists (an older one arriving late never moves it back). */
  async markThumbnail(sessionId: string, capturedAt: Date): Promise<void> {
    await this.repo.query(
      `UPDATE live_session_streams SET thumbnail_captured_at = $2, updated_at = now()
        WHERE session_id = $1 AND (thumbnail_captured_at IS NULL OR thumbnail_captured_at < $2)`,
      [sessionId, capturedAt],
    );
  }

  /** The replay's poster exists (grabbed once). */
  async markPoster(sessionId: string, capturedAt: Date): Promise<void> {
    await this.repo.query(
      `UPDATE live_session_streams SET poster_captured_at = $2, updated_at = now()
        WHERE session_id = $1 AND poster_captured_at IS NULL`,
      [sessionId, capturedAt],
    );
  }

  async markRecordingDeleted(sessionId: string, at: Date): Promise<void> {
    await this.repo.query(
      `UPDATE live_session_streams SET recording_deleted_at = $2, updated_at = now()
        WHERE session_id = $1 AND recording_deleted_at IS NULL`,
      [sessionId, at],
    );
  }
}
