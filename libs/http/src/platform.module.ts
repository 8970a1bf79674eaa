import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule, Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AuthModule } from '@ocop/auth';
import { APP_CONFIG, AppConfig, ConfigModule } from '@ocop/config';
import { DbModule } from '@ocop/db';
import { CLOCK, systemClock, Clock } from '@ocop/kernel';
import { QueueModule, RedisModule } from '@ocop/queue';
import { Global } from '@nestjs/common';
import { LOG_SERIALIZERS, REDACTED_PATHS } from './log-redaction';
import { requestIdFor } from './request-id';

@Global()
@Module({})
class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}

export interface PlatformOptions {
  /** A configuration to use instead of the environment (tests). */
  config?: AppConfig;
  /** The clock every context reads "now" from (tests pass a FixedClock). */
  clock?: Clock;
  /** A name for the process in logs. */
  service: 'api' | 'worker' | 'cli' | 'media';
  /** Where log lines go instead of standard output (tests read what was logged). */
  logStream?: { write(line: string): void };
}

/**
 * What every process needs before any context: validated config, structured logs with request ids, PostgreSQL,
 * Redis, the BullMQ connection, the clock, and token verification.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ClockModule.forRoot(options.clock ?? systemClock),
        // In-process domain events between contexts (e.g. catalogue.stock-changed, heard by live).
        EventEmitterModule.forRoot(),
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const pinoOptions = {
              level: config.LOG_LEVEL,
              base: { service: options.service },
              transport: config.LOG_PRETTY
                ? { target: 'pino-pretty', options: { singleLine: true } }
                : undefined,
              genReqId: (req, res) => (req as { id?: string }).id ?? requestIdFor(req, res),
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              serializers: LOG_SERIALIZERS,
              autoLogging: { ignore: (req) => req.url === '/health' },
              customLogLevel: (_req, res, err) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            } satisfies Options;
            return {
              pinoHttp: options.logStream && !config.LOG_PRETTY ? [pinoOptions, options.logStream] : pinoOptions,
            } as Params;
          },
        }),
        DbModule,
        RedisModule,
        QueueModule.forRoot(),
        AuthModule,
      ],
    };
  }
}
