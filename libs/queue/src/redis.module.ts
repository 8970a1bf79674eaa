import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
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

const connectionLog = new Logger('Redis');

/**
 * A client that reconnects by itself. Connection errors during an outage are logged once per outage as a warning
 * (ioredis would print every failed attempt as an unhandled error event with a stack trace).
 */
export function createRedis(url: string, name: string): Redis {
  const { url: redisUrl, ...options } = redisOptions(url, { connectionName: name });
  const client = new Redis(redisUrl, options);
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    connectionLog.warn(`${name}: Redis is unreachable (${error.message}); reconnecting`);
  });
  client.on('ready', () => {
    if (down) connectionLog.log(`${name}: Redis is back`);
    down = false;
  });
  return client;
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
