import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { AccessTokenService } from '@ocop/auth';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { createRedis } from '@ocop/queue';
import type { TypedServer, TypedSocket } from './events';
import { DEFAULT_FLOOD_GUARD, FloodGuard, FloodGuardOptions } from './flood-guard';
import { rooms } from './rooms';
import { socketAuthMiddleware } from './socket-auth';

/** The largest inbound socket frame; a bigger one closes that connection (the offender), nobody else's. */
export const MAX_SOCKET_PAYLOAD_BYTES = 16 * 1024;

/**
 * socket.io for every api replica: rooms are shared through Redis pub/sub (the Redis adapter), the handshake
 * authenticates, and every inbound event passes a flood guard and must name a known event.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private readonly clients: Redis[] = [];

  constructor(
    private readonly app: INestApplicationContext,
    private readonly floodGuard: FloodGuardOptions = DEFAULT_FLOOD_GUARD,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): TypedServer {
    const config = this.app.get<AppConfig>(APP_CONFIG);
    const server = super.createIOServer(port, {
      ...options,
      path: '/socket.io',
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      cors: { origin: true, credentials: true },
    }) as TypedServer;
    const pub = createRedis(config.REDIS_URL, 'ocop-io-pub');
    const sub = pub.duplicate({ connectionName: 'ocop-io-sub' });
    this.clients.push(pub, sub);
    server.adapter(createAdapter(pub, sub, { key: `${config.QUEUE_PREFIX}:io` }));
    server.use(socketAuthMiddleware(this.app.get(AccessTokenService)));
    server.on('connection', (socket: TypedSocket) => {
      this.guard(socket);
      // Every socket of a signed-in user is in that user's room (notifications reach all their tabs and devices).
      if (socket.data.user) void socket.join(rooms.user(socket.data.user.id));
    });
    return server;
  }

  /** Refuses unknown events and floods with an error ack; disconnects a socket that keeps flooding. */
  private guard(socket: TypedSocket): void {
    const guard = new FloodGuard(this.floodGuard);
    socket.use((packet, next) => {
      const [event] = packet;
      const ack = packet[packet.length - 1];
      const answer = typeof ack === 'function' ? (ack as (a: unknown) => void) : undefined;
      const verdict = guard.check();
      if (verdict === 'disconnect') {
        this.log.warn({ socketId: socket.id, userId: socket.data.user?.id }, 'Disconnecting a flooding socket');
        answer?.({ ok: false, code: 'RATE_LIMITED', message: 'Too many events; disconnected' });
        socket.disconnect(true);
        return;
      }
      if (verdict === 'refuse') {
        answer?.({ ok: false, code: 'RATE_LIMITED', message: 'Too many events; slow down' });
        return;
      }
      if (typeof event !== 'string' || (socket as unknown as NodeJS.EventEmitter).listenerCount(event) === 0) {
        answer?.({ ok: false, code: 'UNKNOWN_EVENT', message: `Unknown event ${String(event).slice(0, 64)}` });
        return;
      }
      next();
    });
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
