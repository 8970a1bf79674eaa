import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { REDIS } from '@ocop/queue';
import { ModerationRepository } from './moderation.repository';

export interface UserRoomState {
  banned: boolean;
  /** Epoch ms the user's mute ends, or null. */
  mutedUntil: number | null;
  slowModeSeconds: number;
}

const TTL_SECONDS = 6 * 3600;
const LOADED = '_loaded';

/**
 * The room's moderation state for the hot path (every message), in one Redis hash per session shared by all api
 * replicas: `ban:<userId>`, `mute:<userId>` (epoch ms, 0 = none) and `slow`. PostgreSQL stays the record: a missing
 * hash (first use, expiry, a Redis restart) is rebuilt from it. Writers set fields after their commit; the rebuild
 * only fills fields that are absent (HSETNX) and unbans/unmutes write tombstones ('0') instead of deleting, so a
 * rebuild racing a moderator can never resurrect an older state.
 */
@Injectable()
export class RoomStateCache {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly moderation: ModerationRepository,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:chat`;
  }

  private key(sessionId: string): string {
    return `${this.prefix}:room:{${sessionId}}`;
  }

  async read(sessionId: string, userId: string | null, now: Date): Promise<UserRoomState> {
    const key = this.key(sessionId);
    const fields = [LOADED, 'slow', `ban:${userId ?? '-'}`, `mute:${userId ?? '-'}`];
    let values = await this.redis.hmget(key, ...fields);
    if (values[0] === null) {
      await this.rebuild(sessionId, now);
      values = await this.redis.hmget(key, ...fields);
    }
    const mutedUntil = Number(values[3] ?? 0);
    return {
      slowModeSeconds: Number(values[1] ?? 0),
      banned: userId !== null && values[2] === '1',
      mutedUntil: mutedUntil > now.getTime() ? mutedUntil : null,
    };
  }

  async setBanned(sessionId: string, userId: string, banned: boolean): Promise<void> {
    await this.write(sessionId, `ban:${userId}`, banned ? '1' : '0');
  }

  async setMutedUntil(sessionId: string, userId: string, until: Date | null): Promise<void> {
    await this.write(sessionId, `mute:${userId}`, String(until?.getTime() ?? 0));
  }

  async setSlowMode(sessionId: string, seconds: number): Promise<void> {
    await this.write(sessionId, 'slow', String(seconds));
  }

  /**
   * Slow mode for one user: true when the user may post now (and starts their wait), false with the seconds left.
   * One atomic SET NX PX, so two replicas cannot both let the same user through.
   */
  async takeSlowModeSlot(
    sessionId: string,
    userId: string,
    seconds: number,
  ): Promise<{ ok: boolean; retryAfterSeconds: number }> {
    const key = `${this.prefix}:slow:{${sessionId}}:${userId}`;
    const set = await this.redis.set(key, '1', 'PX', seconds * 1000, 'NX');
    if (set === 'OK') return { ok: true, retryAfterSeconds: 0 };
    const ttl = await this.redis.pttl(key);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  /** Whether a message with this clientId was stored in the last 10 minutes (a retry whose answer was lost). */
  async wasStored(sessionId: string, userId: string, clientId: string): Promise<boolean> {
    return (await this.redis.exists(this.clientKey(sessionId, userId, clientId))) === 1;
  }

  async rememberStored(sessionId: string, userId: string, clientId: string): Promise<void> {
    await this.redis.set(this.clientKey(sessionId, userId, clientId), '1', 'EX', 600);
  }

  private clientKey(sessionId: string, userId: string, clientId: string): string {
    return `${this.prefix}:cid:{${sessionId}}:${userId}:${clientId}`;
  }

  private async write(sessionId: string, field: string, value: string): Promise<void> {
    await this.redis
      .multi()
      .hset(this.key(sessionId), field, value)
      .expire(this.key(sessionId), TTL_SECONDS)
      .exec();
  }

  private async rebuild(sessionId: string, now: Date): Promise<void> {
    const state = await this.moderation.roomState(sessionId, now);
    const key = this.key(sessionId);
    const tx = this.redis.multi().hsetnx(key, 'slow', String(state.slowModeSeconds));
    for (const userId of state.bannedUserIds) tx.hsetnx(key, `ban:${userId}`, '1');
    for (const mute of state.mutes) tx.hsetnx(key, `mute:${mute.userId}`, String(mute.until.getTime()));
    await tx.hset(key, LOADED, '1').expire(key, TTL_SECONDS).exec();
  }
}
