import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue.registry';
import { redisOptions } from './redis.module';

@Global()
@Module({})
export class QueueModule {
  /** The BullMQ connection shared by every queue, with the configured key prefix. */
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const { url, ...options } = redisOptions(config.REDIS_URL);
            const parsed = new URL(url);
            return {
              prefix: config.QUEUE_PREFIX,
              connection: {
                ...options,
                host: parsed.hostname,
                port: Number(parsed.port || 6379),
                username: parsed.username || undefined,
                password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
                db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
                tls: parsed.protocol === 'rediss:' ? {} : undefined,
              },
              defaultJobOptions: DEFAULT_JOB_OPTIONS,
            };
          },
        }),
      ],
      exports: [BullModule],
    };
  }

  /** Registers queues for producers (enqueueing) in a context module. */
  static register(...names: QueueName[]): DynamicModule {
    return BullModule.registerQueue(...names.map((name) => ({ name })));
  }
}
