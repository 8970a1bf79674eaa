import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@ocop/config';
import { createHttpApp, HealthModule, PlatformModule } from '@ocop/http';
import { Clock } from '@ocop/kernel';
import { FloodGuardOptions, RealtimeModule, RedisIoAdapter } from '@ocop/realtime';
import { io, Socket } from 'socket.io-client';

export interface TestAppOptions {
  /** Context modules to mount (their HTTP modules, usually). */
  imports: (Type<unknown> | DynamicModule)[];
  /** Overrides of the environment-derived test configuration. */
  config?: Partial<AppConfig>;
  clock?: Clock;
  /** Serve socket.io (with the Redis adapter) on a real loopback port. */
  websockets?: boolean | { floodGuard?: FloodGuardOptions };
  /** Receives the app's log lines (JSON, one per write) instead of standard output. */
  logStream?: { write(line: string): void };
}

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
  /** The loopback URL the app listens on (websocket apps only). */
  url: string;
  /** A socket.io client connected to this app, as a guest or with an access token; closed with the app. */
  socket: (token?: string, options?: { autoConnect?: boolean }) => Socket;
  close: () => Promise<void>;
}

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig(process.env), ...overrides };
}

/**
 * An api application wired exactly like production (same platform module, pipes, filter and prefix) around
 * the given context modules, backed by this Jest worker's own PostgreSQL database and Redis prefix.
 */
export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  const config = testConfig(options.config);

  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'api', config, clock: options.clock, logStream: options.logStream }),
      HealthModule,
      RealtimeModule,
      ...options.imports,
    ],
  })
  class TestRootModule {}

  const ws = options.websockets;
  const app = await createHttpApp(TestRootModule, (created) => {
    if (ws)
      created.useWebSocketAdapter(
        new RedisIoAdapter(created, typeof ws === 'object' ? ws.floodGuard : undefined),
      );
  });
  let url = '';
  if (ws) {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  }
  const sockets: Socket[] = [];
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    db: app.get(DataSource),
    config,
    url,
    socket: (token, socketOptions) => {
      const socket = io(url, {
        transports: ['websocket'],
        auth: token ? { token } : {},
        reconnection: false,
        forceNew: true,
        autoConnect: socketOptions?.autoConnect ?? true,
      });
      sockets.push(socket);
      return socket;
    },
    close: async () => {
      for (const socket of sockets) socket.disconnect();
      await app.close();
    },
  };
}

/** Closes apps even when a test failed half-way. */
export async function closeAll(...apps: (INestApplication | TestApp | undefined)[]): Promise<void> {
  await Promise.all(
    apps.map((a) => (a ? ('close' in a ? a.close() : Promise.resolve()) : Promise.resolve())),
  );
}
