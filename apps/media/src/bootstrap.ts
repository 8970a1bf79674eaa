import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, loadConfig } from '@ocop/config';
import { assertMigrated } from '@ocop/db';
import { ErrorFilter } from '@ocop/http';
import { HlsStorage } from './hls/hls-storage';
import { hlsFiles } from './http/hls-files';
import { CameraIngest } from './ingest/camera-ingest';
import { MediaModule, MediaModuleOptions } from './media.module';

/**
 * Builds the media app as production runs it; tests use the same function. It refuses to start while a migration
 * is pending. The RTMP listener starts with the app; the HTTP side (HLS files, the camera ingest, /health) starts
 * with `listen`.
 */
export async function createMediaApp(options: MediaModuleOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadConfig();
  await assertMigrated(config.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(MediaModule.forRoot({ ...options, config }), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.useGlobalFilters(new ErrorFilter());
  app.use('/hls', hlsFiles(app.get(HlsStorage).root));
  app.get(CameraIngest).attach(app.getHttpServer());
  app.enableShutdownHooks();
  await app.init();
  return app;
}

export async function listenMedia(app: NestExpressApplication): Promise<AppConfig> {
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.MEDIA_HTTP_PORT, config.MEDIA_HOST);
  return config;
}
