import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import {
  BannedWordEntity,
  ChatBanEntity,
  ChatMuteEntity,
  ChatRoomEntity,
  ModerationActionEntity,
} from './chat.entities';

export type NewModerationAction = Omit<ModerationActionEntity, 'id' | 'createdAt'>;

/** Bans, mutes, banned words and the moderation log: storage only, the rules live in domain/ and the services. */
@Injectable()
export class ModerationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async isBanned(sessionId: string, userId: string): Promise<boolean> {
    return this.db.getRepository(ChatBanEntity).existsBy({ sessionId, userId });
  }

  async ban(em: EntityManager, ban: Omit<ChatBanEntity, 'createdAt'>): Promise<void> {
    await em.query(
      `INSERT INTO chat_bans (session_id, user_id, reason, banned_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, user_id) DO UPDATE SET reason = EXCLUDED.reason, banned_by = EXCLUDED.banned_by`,
      [ban.sessionId, ban.userId, ban.reason, ban.bannedBy],
    );
  }

  async unban(em: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    const result = await em.getRepository(ChatBanEntity).delete({ sessionId, userId });
    return (result.affected ?? 0) > 0;
  }

  async mute(em: EntityManager, mute: Omit<ChatMuteEntity, 'createdAt'>): Promise<void> {
    await em.query(
      `INSERT INTO chat_mutes (session_id, user_id, until, muted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, user_id) DO UPDATE SET until = EXCLUDED.until, muted_by = EXCLUDED.muted_by,
         created_at = now()`,
      [mute.sessionId, mute.userId, mute.until, mute.mutedBy],
    );
  }

  async unmute(em: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    const result = await em.getRepository(ChatMuteEntity).delete({ sessionId, userId });
    return (result.affected ?? 0) > 0;
  }

  /** What the hot-path cache is seeded with: current bans, mutes still running, and the room's slow mode. */
  async roomState(
    sessionId: string,
    now: Date,
  ): Promise<{ bannedUserIds: string[]; mutes: { userId: string; until: Date }[]; slowModeSeconds: number }> {
    const [bans, mutes, room] = await Promise.all([
      this.db.getRepository(ChatBanEntity).find({ where: { sessionId }, select: { userId: true } }),
      this.db.getRepository(ChatMuteEntity).find({ where: { sessionId, until: MoreThan(now) } }),
      this.db.getRepository(ChatRoomEntity).findOneBy({ sessionId }),
    ]);
    return {
      bannedUserIds: bans.map((b) => b.userId),
      mutes: mutes.map((m) => ({ userId: m.userId, until: m.until })),
      slowModeSeconds: room?.slowModeSeconds ?? 0,
    };
  }

  async log(em: EntityManager, action: NewModerationAction): Promise<ModerationActionEntity> {
    const repo = em.getRepository(ModerationActionEntity);
    return repo.save(repo.create(action));
  }

  async moderationLog(
    sessionId: string,
    page: { offset: number; limit: number },
  ): Promise<{ items: ModerationActionEntity[]; total: number }> {
    const [items, total] = await this.db.getRepository(ModerationActionEntity).findAndCount({
      where: { sessionId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items, total };
  }

  /** The global list (sessionId null) or one session's list, oldest first. */
  async bannedWords(sessionId: string | null): Promise<BannedWordEntity[]> {
    return this.db.getRepository(BannedWordEntity).find({
      where: { sessionId: sessionId ?? IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Null when the list already holds the word. */
  async addBannedWord(
    em: EntityManager,
    word: Omit<BannedWordEntity, 'id' | 'createdAt'>,
  ): Promise<BannedWordEntity | null> {
    const rows = (await em.query(
      `INSERT INTO chat_banned_words (session_id, word, created_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [word.sessionId, word.word, word.createdBy],
    )) as { id: string }[];
    if (!rows[0]) return null;
    return em.getRepository(BannedWordEntity).findOneByOrFail({ id: rows[0].id });
  }

  async removeBannedWord(
    em: EntityManager,
    sessionId: string | null,
    id: string,
  ): Promise<BannedWordEntity | null> {
    const repo = em.getRepository(BannedWordEntity);
    const found = await repo.findOneBy({ id, sessionId: sessionId ?? IsNull() });
    if (!found) return null;
    await repo.delete({ id });
    return found;
  }
}
