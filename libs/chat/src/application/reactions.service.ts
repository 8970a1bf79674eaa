import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AuthUser, RateLimiter } from '@ocop/auth';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { REDIS } from '@ocop/queue';
import { rooms } from '@ocop/realtime';
import { ChatError, emptyReactions, REACTION_KINDS, ReactionCounts, ReactionKind } from '../domain';
import { RoomConnection, requireJoined } from './connection';
import { RoomBroadcaster } from './room-broadcaster';

export const REACTION_FLUSH_MS = 250; // at most 4 `chat:reactions` per second per replica
export const REACTIONS_PER_SECOND = 10;
const TOTALS_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Reactions are too many and too light to store one by one: each replica counts them in memory and, at most four
 * times a second, adds its counts to the session's totals in Redis (HINCRBY) and sends the room one
 * `chat:reactions` with the burst it counted and the new totals.
 */
@Injectable()
export class ReactionsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger(ReactionsService.name);
  private pending = new Map<string, ReactionCounts>();
  private timer: NodeJS.Timeout | null = null;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limiter: RateLimiter,
    private readonly broadcaster: RoomBroadcaster,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:chat:reactions`;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), REACTION_FLUSH_MS);
    this.timer.unref();
  }

  /** Flushes what is counted while the socket server and Redis are still up. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  async react(connection: RoomConnection, user: AuthUser, input: { sessionId: string; kind: ReactionKind }) {
    requireJoined(connection, input.sessionId);
    const hit = await this.limiter.hit(`chat:react:${user.id}`, REACTIONS_PER_SECOND, 1);
    if (!hit.allowed) {
      throw new ChatError('RATE_LIMITED', 'Too many reactions; slow down', {
        retryAfterSeconds: hit.retryAfterSeconds,
      });
    }
    const counts = this.pending.get(input.sessionId) ?? emptyReactions();
    counts[input.kind] += 1;
    this.pending.set(input.sessionId, counts);
    return { accepted: true as const };
  }

  async totals(sessionId: string): Promise<ReactionCounts> {
    return this.parse(await this.redis.hgetall(this.key(sessionId)));
  }

  /** Sends what was counted since the last flush; runs on a timer (tests may call it). */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [sessionId, counts] of batch) {
      try {
        const key = this.key(sessionId);
        const tx = this.redis.multi();
        for (const kind of REACTION_KINDS) if (counts[kind] > 0) tx.hincrby(key, kind, counts[kind]);
        tx.expire(key, TOTALS_TTL_SECONDS).hgetall(key);
        const results = (await tx.exec()) ?? [];
        const totals = this.parse((results[results.length - 1]?.[1] ?? {}) as Record<string, string>);
        this.broadcaster.emit(rooms.session(sessionId), 'chat:reactions', { sessionId, counts, totals });
      } catch (error) {
        this.log.warn({ err: error, sessionId }, 'Could not flush reactions');
      }
    }
  }

  private key(sessionId: string): string {
    return `${this.prefix}:{${sessionId}}`;
  }

  private parse(raw: Record<string, string>): ReactionCounts {
    const counts = emptyReactions();
    for (const kind of REACTION_KINDS) counts[kind] = Number(raw[kind] ?? 0);
    return counts;
  }
}
