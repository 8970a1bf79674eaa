import { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpApp } from '@ocop/http';
import { ApiModule, ApiModuleOptions } from './app.module';

/** Builds the api application exactly as production runs it; tests use the same function. */
export function createApiApp(options: ApiModuleOptions = {}): Promise<NestExpressApplication> {
  return createHttpApp(ApiModule.forRoot(options));
}
