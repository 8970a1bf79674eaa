import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@ocop/config';
import { assertMigrated } from '@ocop/db';
import { WorkerModule, WorkerModuleOptions } from './worker.module';

/**
 * Builds the worker as production runs it (an application context, no HTTP); tests use the same function. It
 * refuses to start while a migration is pending.
 */
export async function createWorkerApp(options: WorkerModuleOptions = {}): Promise<INestApplicationContext> {
  const config = options.config ?? loadConfig();
  await assertMigrated(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...options, config }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
