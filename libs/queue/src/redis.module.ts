import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ocop/config';

export const REDIS = Symbol('Redis');

/** Injects the shared ioredis client for commands (not for blocking reads or subscriptions). */
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

export function redisOptions(url: string, extra: RedisOptions = {}): RedisOptions & { url: string } {
  return {
    url,
    // Commands issued while Redis restarts wait and are replayed rather than failing at once.
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  };
}

export function createRedis(url: string, name: string): Redis {
  const { url: redisUrl, ...options } = redisOptions(url, { connectionName: name });
  return new Redis(redisUrl, options);
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createRedis(config.REDIS_URL, 'ocop-commands'),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
