import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { REDIS } from '@ocop/queue';

/** How long one process trusts a version it has read (the most an HTTP request can lag behind a revocation). */
export const LOCAL_VERSION_TTL_MS = 1_000;
/** How long Redis keeps a version read from the database; every replica shares it. */
export const SHARED_VERSION_TTL_SECONDS = 60;
/** A Redis answer slower than this is not waited for: the database answers instead. */
const REDIS_TIMEOUT_MS = 250;
const LOCAL_MAX_ENTRIES = 50_000;

// Versions only move forward: a reader that loaded an older version from the database (before a revocation
// committed) can never overwrite the newer one the revoker wrote, whatever order the two writes arrive in.
const RAISE_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]))
local next = tonumber(ARGV[1])
if current == nil or current < next then
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
  return next
end
return current
`;

/**
 * Each user's current access-token version (users.token_version), as the guard and the socket handshake check it:
 * a 1-second cache in the process, then Redis (shared by every replica, 60 s), then PostgreSQL. A revocation
 * writes the new version to Redis as soon as it commits, so an older token is refused within about a second on
 * every replica. When Redis is down or slow the database answers, so a Redis outage never stalls requests.
 */
@Injectable()
export class TokenVersions {
  private readonly log = new Logger(TokenVersions.name);
  private readonly local = new Map<string, { version: number | null; until: number }>();
  private readonly loading = new Map<string, Promise<number | null>>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The user's version (null: no such user), at most LOCAL_VERSION_TTL_MS old. */
  async current(userId: string): Promise<number | null> {
    const hit = this.local.get(userId);
    if (hit && hit.until > Date.now()) return hit.version;
    return this.load(userId);
  }

  /** The version without the process cache (socket handshakes, so a reconnect right after a revocation is refused). */
  fresh(userId: string): Promise<number | null> {
    return this.load(userId);
  }

  /** Called after a revocation committed: every replica sees `version` from now on. */
  async publish(userId: string, version: number): Promise<void> {
    this.remember(userId, version);
    let timer: NodeJS.Timeout | undefined;
    // Bounded: the revoking request is answered even while Redis is failing over.
    const shared = await Promise.race([
      this.raise(userId, version).catch(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), 1_000);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!shared) {
      this.log.warn(
        { userId },
        'Redis could not be written: other replicas may accept the revoked access token for up to a minute',
      );
    }
  }

  private load(userId: string): Promise<number | null> {
    let pending = this.loading.get(userId);
    if (!pending) {
      pending = this.read(userId).finally(() => this.loading.delete(userId));
      this.loading.set(userId, pending);
    }
    return pending;
  }

  private async read(userId: string): Promise<number | null> {
    const shared = await this.fromRedis(userId);
    if (shared !== undefined) {
      this.remember(userId, shared);
      return shared;
    }
    const rows = (await this.dataSource.query(`SELECT token_version FROM users WHERE id = $1`, [userId])) as {
      token_version: number;
    }[];
    const version = rows[0]?.token_version ?? null;
    this.remember(userId, version);
    if (version !== null) void this.raise(userId, version).catch(() => undefined);
    return version;
  }

  private async fromRedis(userId: string): Promise<number | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        this.redis.get(this.key(userId)),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), REDIS_TIMEOUT_MS);
        }),
      ]);
      if (value === undefined || value === null) return undefined;
      const version = Number(value);
      return Number.isInteger(version) ? version : undefined;
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes `version` to Redis unless a newer one is there; false when Redis cannot be reached now. */
  private async raise(userId: string, version: number): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    await this.redis.eval(RAISE_SCRIPT, 1, this.key(userId), version, SHARED_VERSION_TTL_SECONDS);
    return true;
  }

  private remember(userId: string, version: number | null): void {
    if (this.local.size >= LOCAL_MAX_ENTRIES) this.local.clear();
    const known = this.local.get(userId);
    // Never step back in this process either (a slow load finishing after a publish).
    if (known && known.version !== null && version !== null && known.version > version && known.until > Date.now()) return;
    this.local.set(userId, { version, until: Date.now() + LOCAL_VERSION_TTL_MS });
  }

  private key(userId: string): string {
    return `${this.config.QUEUE_PREFIX}:auth:token-version:${userId}`;
  }
}
