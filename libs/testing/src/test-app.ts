import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@ocop/config';
import { createHttpApp, HealthModule, PlatformModule } from '@ocop/http';
import { Clock } from '@ocop/kernel';

export interface TestAppOptions {
  /** Context modules to mount (their HTTP modules, usually). */
  imports: (Type<unknown> | DynamicModule)[];
  /** Overrides of the environment-derived test configuration. */
  config?: Partial<AppConfig>;
  clock?: Clock;
}

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  config: AppConfig;
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
    imports: [PlatformModule.forRoot({ service: 'api', config, clock: options.clock }), HealthModule, ...options.imports],
  })
  class TestRootModule {}

  const app = await createHttpApp(TestRootModule);
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    db: app.get(DataSource),
    config,
    close: () => app.close(),
  };
}

/** Closes apps even when a test failed half-way. */
export async function closeAll(...apps: (INestApplication | TestApp | undefined)[]): Promise<void> {
  await Promise.all(apps.map((a) => (a ? ('close' in a ? a.close() : Promise.resolve()) : Promise.resolve())));
}
