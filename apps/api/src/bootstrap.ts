import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@ocop/config';
import { assertMigrated } from '@ocop/db';
import { createHttpApp } from '@ocop/http';
import { RedisIoAdapter } from '@ocop/realtime';
import { ApiModule, ApiModuleOptions } from './app.module';

/**
 * Builds the api application exactly as production runs it; tests use the same function. It refuses to start
 * while a migration is pending.
 */
export async function createApiApp(options: ApiModuleOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig();
  await assertMigrated(config.DATABASE_URL);
  return createHttpApp(ApiModule.forRoot({ ...options, config }), (app) =>
    app.useWebSocketAdapter(new RedisIoAdapter(app)),
  );
}
