import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PageRequest, pageOffset } from '@ocop/kernel';
import { NotificationEntity } from './notification.entity';

export type NotificationDraft = Pick<NotificationEntity, 'userId' | 'kind' | 'sessionId' | 'title' | 'body'> &
  Partial<Pick<NotificationEntity, 'orderId' | 'orderStatus' | 'dedupeKey'>>;

@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(NotificationEntity) private readonly repo: Repository<NotificationEntity>) {}

  /**
   * Inserts one row per user unless it exists (unique user+session+kind, or user+dedupe key); returns only the rows
   * written now.
   */
  async insertMany(values: NotificationDraft[]): Promise<NotificationEntity[]> {
    if (values.length === 0) return [];
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        values.map((v) => ({
          ...v,
          orderId: v.orderId ?? null,
          orderStatus: v.orderStatus ?? null,
          dedupeKey: v.dedupeKey ?? null,
        })),
      )
      .orIgnore()
      .returning('*')
      .execute();
    return (result.raw as Record<string, unknown>[]).map((r) =>
      this.repo.create({
        id: r['id'] as string,
        userId: r['user_id'] as string,
        kind: r['kind'] as NotificationEntity['kind'],
        sessionId: r['session_id'] as string | null,
        orderId: (r['order_id'] as string | null) ?? null,
        orderStatus: (r['order_status'] as string | null) ?? null,
        dedupeKey: (r['dedupe_key'] as string | null) ?? null,
        title: r['title'] as string,
        body: r['body'] as string,
        createdAt: r['created_at'] as Date,
        readAt: (r['read_at'] as Date | null) ?? null,
      }),
    );
  }

  findById(id: string): Promise<NotificationEntity | null> {
    return this.repo.findOneBy({ id });
  }

  listForUser(userId: string, page: PageRequest): Promise<[NotificationEntity[], number]> {
    return this.repo.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = (await this.repo.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /** Marks the user's notification read (keeps the first read time); null when it is not theirs. */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationEntity | null> {
    await this.repo.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2`,
      [id, userId, at],
    );
    return this.repo.findOneBy({ id, userId });
  }

  /** Marks every unread notification of the user read; returns how many it marked. */
  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows = (await this.repo.query(
      `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [userId, at],
    )) as [unknown[], number] | unknown[];
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length;
  }
}
