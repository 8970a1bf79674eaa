import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { REDIS } from '@ocop/queue';

/** A lease lapses this long after its media node stopped renewing it (a crashed node frees its sessions). */
export const LEASE_MS = 15_000;

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * One publisher per session across every media node: whoever holds the session's lease in Redis streams; a second
 * publisher (another OBS, the camera while OBS is on air) is refused until the first leaves.
 */
@Injectable()
export class PublisherLease {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private key(sessionId: string): string {
    return `${this.config.QUEUE_PREFIX}:media:publisher:${sessionId}`;
  }

  /** A token when taken, null when someone else publishes to the session. */
  async acquire(sessionId: string): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.redis.set(this.key(sessionId), token, 'PX', LEASE_MS, 'NX');
    return ok === 'OK' ? token : null;
  }

  async renew(sessionId: string, token: string): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(sessionId), token, String(LEASE_MS))) === 1;
  }

  async release(sessionId: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(sessionId), token);
  }
}
