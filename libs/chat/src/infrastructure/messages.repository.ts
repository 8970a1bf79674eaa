import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HistoryQuery } from '../domain';
import { ChatMessageEntity, ChatRoomEntity } from './chat.entities';

export interface NewMessageRow {
  sessionId: string;
  userId: string;
  displayName: string;
  text: string;
  clientId: string | null;
}

export interface MessageRow {
  id: string;
  sessionId: string;
  seq: number;
  userId: string;
  displayName: string;
  text: string;
  createdAt: Date;
}

interface RawMessage {
  id: string;
  session_id: string;
  seq: string;
  user_id: string;
  display_name: string;
  text: string;
  created_at: Date;
}

const COLUMNS = 'id, session_id, seq, user_id, display_name, text, created_at';

function toRow(raw: RawMessage): MessageRow {
  return {
    id: raw.id,
    sessionId: raw.session_id,
    seq: Number(raw.seq),
    userId: raw.user_id,
    displayName: raw.display_name,
    text: raw.text,
    createdAt: raw.created_at,
  };
}

@Injectable()
export class MessagesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores a batch in one transaction: one upsert reserves a block of seqs per session (rooms locked in id order,
   * so concurrent batches on other replicas cannot deadlock), then ONE multi-row INSERT writes every message.
   * Rows whose (session, user, clientId) already exists are not written again; the stored one is returned instead.
   * The result is aligned with `rows`; `duplicate` marks those that were already stored.
   */
  async insertBatch(
    em: EntityManager,
    rows: NewMessageRow[],
  ): Promise<{ row: MessageRow; duplicate: boolean }[]> {
    const perSession = new Map<string, number>();
    for (const r of rows) perSession.set(r.sessionId, (perSession.get(r.sessionId) ?? 0) + 1);
    const sessions = [...perSession.keys()].sort();
    const reserved = (await em.query(
      `INSERT INTO chat_rooms (session_id, last_seq)
       SELECT s, n FROM unnest($1::uuid[], $2::bigint[]) AS t(s, n)
       ON CONFLICT (session_id) DO UPDATE SET last_seq = chat_rooms.last_seq + EXCLUDED.last_seq, updated_at = now()
       RETURNING session_id, last_seq`,
      [sessions, sessions.map((s) => perSession.get(s))],
    )) as { session_id: string; last_seq: string }[];
    const next = new Map<string, number>();
    for (const r of reserved)
      next.set(r.session_id, Number(r.last_seq) - (perSession.get(r.session_id) ?? 0) + 1);
    const seqs = rows.map((r) => {
      const seq = next.get(r.sessionId)!;
      next.set(r.sessionId, seq + 1);
      return seq;
    });

    const inserted = (await em.query(
      `INSERT INTO chat_messages (session_id, seq, user_id, display_name, text, client_id)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        rows.map((r) => r.sessionId),
        seqs,
        rows.map((r) => r.userId),
        rows.map((r) => r.displayName),
        rows.map((r) => r.text),
        rows.map((r) => r.clientId),
      ],
    )) as RawMessage[];
    const bySeq = new Map(inserted.map((raw) => [`${raw.session_id}:${raw.seq}`, toRow(raw)]));
    const result: { row: MessageRow; duplicate: boolean }[] = [];
    for (let i = 0; i < rows.length; i++) {
      const stored = bySeq.get(`${rows[i]!.sessionId}:${seqs[i]}`);
      if (stored) {
        result.push({ row: stored, duplicate: false });
        continue;
      }
      // A retry of a message already stored (same clientId): its seq was skipped, the original is returned.
      const r = rows[i]!;
      const existing = (await em.query(
        `SELECT ${COLUMNS} FROM chat_messages WHERE session_id = $1 AND user_id = $2 AND client_id = $3`,
        [r.sessionId, r.userId, r.clientId],
      )) as RawMessage[];
      if (!existing[0]) throw new Error('chat message neither inserted nor found');
      result.push({ row: toRow(existing[0]), duplicate: true });
    }
    return result;
  }

  async history(sessionId: string, query: HistoryQuery): Promise<MessageRow[]> {
    const visible = `session_id = $1 AND deleted_at IS NULL`;
    switch (query.kind) {
      case 'since':
        return this.select(`${visible} AND seq > $2 ORDER BY seq ASC LIMIT $3`, [
          sessionId,
          query.sinceSeq,
          query.limit,
        ]);
      case 'before': {
        const rows = await this.select(`${visible} AND seq < $2 ORDER BY seq DESC LIMIT $3`, [
          sessionId,
          query.beforeSeq,
          query.limit,
        ]);
        return rows.reverse();
      }
      case 'latest': {
        const rows = await this.select(`${visible} ORDER BY seq DESC LIMIT $2`, [sessionId, query.limit]);
        return rows.reverse();
      }
    }
  }

  async findVisible(sessionId: string, messageId: string): Promise<MessageRow | null> {
    const rows = await this.select(`session_id = $1 AND id = $2 AND deleted_at IS NULL`, [
      sessionId,
      messageId,
    ]);
    return rows[0] ?? null;
  }

  /** Soft-deletes; false when the message is unknown in that session or already deleted. */
  async softDelete(em: EntityManager, sessionId: string, messageId: string, by: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ChatMessageEntity)
      .set({ deletedAt: () => 'now()', deletedBy: by })
      .where('session_id = :sessionId AND id = :messageId AND deleted_at IS NULL', { sessionId, messageId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Hides a user's visible messages of the session written since `since`; returns the hidden ids. */
  async softDeleteUserSince(
    em: EntityManager,
    input: { sessionId: string; userId: string; since: Date; by: string },
  ): Promise<{ id: string; seq: number }[]> {
    const rows = (await em.query(
      `UPDATE chat_messages SET deleted_at = now(), deleted_by = $4
       WHERE session_id = $1 AND user_id = $2 AND created_at >= $3 AND deleted_at IS NULL
       RETURNING id, seq`,
      [input.sessionId, input.userId, input.since, input.by],
    )) as [{ id: string; seq: string }[], number];
    return rows[0].map((r) => ({ id: r.id, seq: Number(r.seq) }));
  }

  async countVisible(sessionId: string): Promise<{ messages: number; chatters: number }> {
    const rows = (await this.db.query(
      `SELECT count(*)::int AS messages, count(DISTINCT user_id)::int AS chatters
       FROM chat_messages WHERE session_id = $1 AND deleted_at IS NULL`,
      [sessionId],
    )) as { messages: number; chatters: number }[];
    return rows[0] ?? { messages: 0, chatters: 0 };
  }

  async room(sessionId: string): Promise<ChatRoomEntity | null> {
    return this.db.getRepository(ChatRoomEntity).findOneBy({ sessionId });
  }

  /** Creates the room row if needed and applies the change (slow mode, pin). */
  async updateRoom(
    em: EntityManager,
    sessionId: string,
    change: Partial<Pick<ChatRoomEntity, 'slowModeSeconds' | 'pinnedMessageId'>>,
  ): Promise<void> {
    await em.query(`INSERT INTO chat_rooms (session_id) VALUES ($1) ON CONFLICT (session_id) DO NOTHING`, [
      sessionId,
    ]);
    await em.getRepository(ChatRoomEntity).update({ sessionId }, { ...change, updatedAt: new Date() });
  }

  private async select(where: string, params: unknown[]): Promise<MessageRow[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM chat_messages WHERE ${where}`,
      params,
    )) as RawMessage[];
    return rows.map(toRow);
  }
}
