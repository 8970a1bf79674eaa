import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configSchema } from '@ocop/config';
import { applyRoutePrefix, describeApi } from '@ocop/http';
import { ApiModule } from './app.module';

/**
 * Prints the api's OpenAPI document without connecting to anything: the modules are read in preview mode (no
 * provider is created). `npm run web:api` turns it into the web app's typed client.
 */
async function main(): Promise<void> {
  const config = configSchema.parse({
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
    REDIS_URL: 'redis://127.0.0.1:1',
    JWT_ACCESS_SECRET: 'openapi-document-only-never-used-to-sign-anything',
  });
  const app = await NestFactory.create(ApiModule.forRoot({ config }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  applyRoutePrefix(app);
  process.stdout.write(`${JSON.stringify(describeApi(app), null, 2)}\n`);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
