import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { PushSubscriptionEntity } from './push-subscription.entity';

export interface PushSubscriptionDraft {
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  locale: 'vi' | 'en';
}

@Injectable()
export class PushSubscriptionsRepository {
  constructor(
    @InjectRepository(PushSubscriptionEntity) private readonly repo: Repository<PushSubscriptionEntity>,
  ) {}

  /**
   * Stores the subscription (an endpoint is one browser: subscribing again, even as another user, replaces it), then
   * keeps only the user's newest `cap` subscriptions. One transaction under the user's advisory lock.
   */
  async upsert(draft: PushSubscriptionDraft, cap: number): Promise<PushSubscriptionEntity> {
    return this.repo.manager.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`push:${draft.userId}`]);
      const [row] = (await em.query(
        `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, locale)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE
           SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
               locale = EXCLUDED.locale, created_at = now()
         RETURNING id`,
        [draft.userId, draft.endpoint, draft.p256dh, draft.auth, draft.locale],
      )) as { id: string }[];
      await em.query(
        `DELETE FROM push_subscriptions WHERE user_id = $1 AND id NOT IN (
           SELECT id FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)`,
        [draft.userId, cap],
      );
      return em.getRepository(PushSubscriptionEntity).findOneByOrFail({ id: row!.id });
    });
  }

  /** Deletes the user's subscription with that endpoint; false when there was none. */
  async removeForUser(userId: string, endpoint: string): Promise<boolean> {
    const result = await this.repo.delete({ userId, endpoint });
    return (result.affected ?? 0) > 0;
  }

  findById(id: string): Promise<PushSubscriptionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Every subscription of these users, in one query (the fan-out batches its recipients). */
  forUsers(userIds: string[]): Promise<PushSubscriptionEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.repo.find({ where: { userId: In(userIds) } });
  }

  countForUser(userId: string): Promise<number> {
    return this.repo.countBy({ userId });
  }

  /** The push service said the subscription is gone (404/410): drop it. */
  async prune(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { lastSentAt: at });
  }
}
