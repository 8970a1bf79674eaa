import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { REDIS } from '@ocop/queue';

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

// Fixed window counter: one atomic script so concurrent replicas never both see "first hit".
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return {count, ttl}
`;

export interface GrowingDelayOptions {
  /** Failures allowed before the first wait. */
  threshold: number;
  /** The first wait; each further failure doubles it. */
  baseSeconds: number;
  /** The longest wait, and how long failures are remembered after the last one. */
  maxSeconds: number;
}

// One failure more under a key: the counter lives `maxSeconds` after the last failure; from the threshold on, the
// key must wait base * 2^(count - threshold), capped. Atomic, so concurrent replicas count every failure.
const FAILURE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local threshold = tonumber(ARGV[1])
if count < threshold then return {count, 0} end
local delay = tonumber(ARGV[2]) * (2 ^ math.min(count - threshold, 40))
if delay > tonumber(ARGV[3]) then delay = tonumber(ARGV[3]) end
delay = math.floor(delay)
redis.call('SET', KEYS[2], '1', 'PX', delay)
return {count, delay}
`;

/**
 * Counts events per key in Redis, shared by every api replica. The counters live under the deployment's prefix
 * (`<QUEUE_PREFIX>:rl:<key>`), with everything else it keeps in Redis.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private counter(key: string): string {
    return `${this.config.QUEUE_PREFIX}:rl:${key}`;
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.counter(key), windowSeconds * 1000)) as [
      number,
      number,
    ];
    return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async peek(key: string): Promise<number> {
    return Number((await this.redis.get(this.counter(key))) ?? 0);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.counter(key), `${this.counter(key)}:wait`);
  }

  /** Records a failure under the key; answers how long the key must now wait (0 below the threshold). */
  async failure(key: string, options: GrowingDelayOptions): Promise<{ count: number; waitSeconds: number }> {
    const maxMs = options.maxSeconds * 1000;
    const [count, delayMs] = (await this.redis.eval(
      FAILURE_SCRIPT,
      2,
      this.counter(key),
      `${this.counter(key)}:wait`,
      options.threshold,
      options.baseSeconds * 1000,
      maxMs,
      maxMs,
    )) as [number, number];
    return { count, waitSeconds: Math.ceil(delayMs / 1000) };
  }

  /** Seconds the key must still wait after its last failure (0 when it may try now). */
  async waiting(key: string): Promise<number> {
    const ttl = await this.redis.pttl(`${this.counter(key)}:wait`);
    return ttl > 0 ? Math.ceil(ttl / 1000) : 0;
  }
}
