import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { createRedis } from '@ocop/queue';
import type { ServerToClientEvents } from './events';

type EventName = keyof ServerToClientEvents & string;
type EventArgs<E extends EventName> = ServerToClientEvents[E] extends (...args: infer A) => unknown ? A : never;

/**
 * Emits to rooms from any process (api services, the worker) through Redis, reaching the sockets of every api
 * replica. The worker never holds sockets of its own.
 */
@Injectable()
export class RealtimeEmitter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createRedis(config.REDIS_URL, 'ocop-io-emitter');
    this.emitter = new Emitter(this.redis, { key: `${config.QUEUE_PREFIX}:io` });
  }

  emit<E extends EventName>(room: string | string[], event: E, ...args: EventArgs<E>): void {
    (this.emitter.to(room) as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
  }

  /** Disconnects every socket in a room, on every replica (a ban). */
  disconnect(room: string): void {
    this.emitter.in(room).disconnectSockets(true);
  }

  /** Makes every socket in `room` leave `target` (e.g. a kicked user's sockets leave the session room). */
  leave(room: string, target: string): void {
    this.emitter.in(room).socketsLeave(target);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status !== 'end') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
