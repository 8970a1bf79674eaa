import { z } from 'zod';

/**
 * Every environment variable the platform reads, validated once at boot. `.env.example` documents each of them;
 * keep the two in step (a unit test checks that every key here appears there).
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: bool.default('false'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb')
    .default('100kb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.default('false'),
  /** Folder of the built web app that the api serves at `/` (default: dist/web beside the api's working directory). */
  WEB_DIST_DIR: z.string().min(1).optional(),

  DATABASE_URL: url(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: url(['redis', 'rediss']),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default('ocop'),

  JWT_ACCESS_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),

  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),

  CERTIFICATE_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CERTIFICATE_SCAN_CRON: z.string().min(9).default('0 6 * * *'),

  ORDERS_PAYMENT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, 'must look like sk_test_... or sk_live_...')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, 'must look like whsec_...')
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, 'must look like pk_test_... or pk_live_...')
    .optional(),
  STRIPE_API_URL: url(['http', 'https']).optional(),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),

  MEDIA_HOST: z.string().min(1).default('0.0.0.0'),
  MEDIA_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  MEDIA_RTMP_PORT: z.coerce.number().int().min(1).max(65535).default(1935),
  MEDIA_PUBLIC_URL: url(['http', 'https']).default('http://localhost:8000'),
  MEDIA_RTMP_PUBLIC_URL: url(['rtmp', 'rtmps']).default('rtmp://localhost:1935/live'),
  MEDIA_DATA_DIR: z.string().min(1).default('.data/media'),
  MEDIA_FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  MEDIA_HLS_SEGMENT_SECONDS: z.coerce.number().int().min(1).max(6).default(1),
  MEDIA_STREAM_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MEDIA_INGEST_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default); throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return issue.code === 'invalid_type' && issue.received === 'undefined'
        ? `${name} is required but not set`
        : `${name}: ${issue.message}`;
    }),
  );
}

export const CONFIG_KEYS = Object.keys(configSchema.shape) as (keyof AppConfig)[];
