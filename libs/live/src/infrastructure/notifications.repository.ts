import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PageRequest, pageOffset } from '@ocop/kernel';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(NotificationEntity) private readonly repo: Repository<NotificationEntity>) {}

  /** Inserts one row per user unless it exists (unique user+session+kind); returns only the rows written now. */
  async insertMany(
    values: Omit<NotificationEntity, 'id' | 'createdAt' | 'readAt'>[],
  ): Promise<NotificationEntity[]> {
    if (values.length === 0) return [];
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(values)
      .orIgnore()
      .returning('*')
      .execute();
    return (result.raw as Record<string, unknown>[]).map((r) =>
      this.repo.create({
        id: r['id'] as string,
        userId: r['user_id'] as string,
        kind: r['kind'] as NotificationEntity['kind'],
        sessionId: r['session_id'] as string | null,
        title: r['title'] as string,
        body: r['body'] as string,
        createdAt: r['created_at'] as Date,
        readAt: (r['read_at'] as Date | null) ?? null,
      }),
    );
  }

  listForUser(userId: string, page: PageRequest): Promise<[NotificationEntity[], number]> {
    return this.repo.findAndCount({
      where: { userId },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
  }

  /** Marks the user's notification read (keeps the first read time); null when it is not theirs. */
  async markRead(userId: string, id: string, at: Date): Promise<NotificationEntity | null> {
    await this.repo.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2`,
      [id, userId, at],
    );
    return this.repo.findOneBy({ id, userId });
  }
}
