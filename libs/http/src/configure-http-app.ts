import { DynamicModule, INestApplication, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { browserSecurity } from './browser-security';
import { ErrorFilter, translateBodyParserError } from './error.filter';
import { assignRequestId } from './request-id';
import { StrictValidationPipe } from './validation.pipe';

/**
 * Everything the api's HTTP edge needs, shared by the real process and the test app builder: browser defences
 * (helmet), body limits, the REST prefix, validation, the error shape, structured logs and OpenAPI documentation.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(express.get(Logger));
  express.disable('x-powered-by');
  if (config.TRUST_PROXY) express.set('trust proxy', true);
  express.use(assignRequestId);
  express.use(browserSecurity(config));
  express.useBodyParser('json', { limit: config.BODY_LIMIT, strict: true });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT, extended: false });
  express.use(translateBodyParserError);
  applyRoutePrefix(express);
  express.useGlobalPipes(new StrictValidationPipe());
  express.useGlobalFilters(new ErrorFilter());
  express.enableShutdownHooks();

  const document = describeApi(express);
  SwaggerModule.setup('api/docs', express, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * REST lives under /api; /health stays at the root for load balancers, and /files (uploaded images and signed
 * documents) beside it. The web app owns every other path.
 */
export function applyRoutePrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'files/*path', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document of an application whose routes are prefixed (served at /api/docs, and the web client's source). */
export function describeApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OCOP Live API')
      .setDescription(
        'Livestream commerce for certified OCOP products. Errors always answer `{ code, message, details?, requestId }`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/** Creates, configures and initialises an HTTP application around a root module (api process and tests). */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  beforeInit?: (app: NestExpressApplication) => void,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bodyParser: false,
    // Keeps `req.rawBody` (a Buffer) beside the parsed body: webhook signatures (Stripe) are checked on the raw bytes.
    rawBody: true,
    bufferLogs: true,
    abortOnError: false,
  });
  configureHttpApp(app, app.get<AppConfig>(APP_CONFIG));
  beforeInit?.(app);
  await app.init();
  return app;
}
