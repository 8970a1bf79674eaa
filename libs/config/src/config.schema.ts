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
  /** Extra image origins for the Content-Security-Policy (comma-separated http(s) origins). */
  CSP_IMAGE_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const origins = (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      for (const origin of origins) {
        let parsed: URL | undefined;
        try {
          parsed = new URL(origin);
        } catch {
          parsed = undefined;
        }
        if (
          !parsed ||
          !['http:', 'https:'].includes(parsed.protocol) ||
          parsed.origin !== origin.replace(/\/$/, '')
        ) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${origin} is not an http(s) origin` });
        }
      }
      return origins.map((origin) => origin.replace(/\/$/, ''));
    }),
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
  /** The refresh cookie's Secure flag; browsers accept it over https and on localhost. */
  REFRESH_COOKIE_SECURE: bool.default('true'),

  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGNIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(30),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  SIGNIN_DELAY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
  REGISTER_MAX_PER_IP: z.coerce.number().int().min(1).max(100_000).default(10),
  REGISTER_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),

  CERTIFICATE_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CERTIFICATE_SCAN_CRON: z.string().min(9).default('0 6 * * *'),

  ORDERS_PAYMENT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),

  /** Cash on delivery: the most a buyer may have in COD orders not yet delivered (whole VND); 0 means no cap. */
  COD_MAX_OPEN_VND: z.coerce.number().int().min(0).max(1_000_000_000).default(5_000_000),
  /** Refused COD deliveries that cost a buyer cash on delivery for COD_SUSPENSION_DAYS; 0 means never. */
  COD_MAX_REFUSALS: z.coerce.number().int().min(0).max(100).default(3),
  COD_SUSPENSION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Cash on delivery only to a phone number the buyer confirmed with a one-time code. */
  COD_REQUIRE_CONFIRMED_PHONE: bool.default('false'),
  /** One-time codes sent to confirm a phone: how long one lives, how many tries it takes, how many per hour. */
  PHONE_OTP_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  PHONE_OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  PHONE_OTP_MAX_PER_HOUR: z.coerce.number().int().min(1).max(100).default(5),
  PHONE_OTP_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Where one-time codes go: `log` writes them to the server's log (development and demos only). */
  SMS_PROVIDER: z.enum(['log']).default('log'),
  /** The platform's fee on each sale, in hundredths of a percent of the order's total (250 = 2.5%); 0: none. */
  SETTLEMENT_FEE_BPS: z.coerce.number().int().min(0).max(5000).default(0),

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

  /** VietQR bank transfers through payOS: all three keys, or VietQR is switched off. */
  PAYOS_CLIENT_ID: z
    .string()
    .regex(/^[\w-]{8,100}$/, 'must be the client id payOS issued')
    .optional(),
  PAYOS_API_KEY: z
    .string()
    .regex(/^[\w-]{8,100}$/, 'must be the API key payOS issued')
    .optional(),
  PAYOS_CHECKSUM_KEY: z
    .string()
    .regex(/^\w{16,200}$/, 'must be the checksum key payOS issued')
    .optional(),
  /** Base URL of payOS's merchant API, to point the SDK at a local stub; default https://api-merchant.payos.vn. */
  PAYOS_API_URL: url(['http', 'https']).optional(),
  /** A transfer dated more than this many seconds ago is refused as stale (a replay of an old delivery). */
  PAYOS_WEBHOOK_TOLERANCE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(3 * 86_400),
  /**
   * Payouts through payOS (paying producers, refunding transfers): payOS's payout channel has keys of its own, apart
   * from the payment channel's. All three, or payouts are recorded by hand only. PAYOS_API_URL applies to both.
   */
  PAYOS_PAYOUT_CLIENT_ID: z
    .string()
    .regex(/^[\w-]{8,100}$/, 'must be the payout client id payOS issued')
    .optional(),
  PAYOS_PAYOUT_API_KEY: z
    .string()
    .regex(/^[\w-]{8,100}$/, 'must be the payout API key payOS issued')
    .optional(),
  PAYOS_PAYOUT_CHECKSUM_KEY: z
    .string()
    .regex(/^\w{16,200}$/, 'must be the payout checksum key payOS issued')
    .optional(),
  /** How long the worker waits before it first asks payOS about a payout; each later ask waits twice as long. */
  PAYOS_PAYOUT_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Demo only: the local payOS stub's simulated bank, shown to shoppers as such. */
  PAYOS_SIMULATED_BANK_URL: url(['http', 'https']).optional(),

  MEDIA_HOST: z.string().min(1).default('0.0.0.0'),
  MEDIA_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  MEDIA_RTMP_PORT: z.coerce.number().int().min(1).max(65535).default(1935),
  MEDIA_PUBLIC_URL: url(['http', 'https']).default('http://localhost:8000'),
  MEDIA_RTMP_PUBLIC_URL: url(['rtmp', 'rtmps']).default('rtmp://localhost:1935/live'),
  MEDIA_DATA_DIR: z.string().min(1).default('.data/media'),
  MEDIA_FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
  MEDIA_HLS_SEGMENT_SECONDS: z.coerce.number().int().min(1).max(6).default(1),
  MEDIA_STREAM_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MEDIA_THUMBNAIL_SECONDS: z.coerce.number().int().min(1).max(60).default(5),
  MEDIA_INGEST_MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
  RECORDING_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),

  /** Where uploaded photos and documents are kept: the local disk (ASSETS_DIR) or an S3-compatible bucket. */
  ASSETS_STORAGE: z.enum(['local', 's3']).default('local'),
  ASSETS_DIR: z.string().min(1).default('.data/assets'),
  /** Base of public rendition URLs: `/files` (served by the api) or a CDN / the bucket's public URL. */
  ASSETS_PUBLIC_BASE_URL: z
    .string()
    .regex(
      /^(\/[a-z0-9/_-]*[a-z0-9_-]|https?:\/\/\S+[^/])$/i,
      'must be a path like /files or an http(s) URL without a trailing slash',
    )
    .default('/files'),
  ASSETS_S3_BUCKET: z.string().min(3).max(63).optional(),
  ASSETS_S3_REGION: z.string().min(1).default('us-east-1'),
  ASSETS_S3_ENDPOINT: url(['http', 'https']).optional(),
  ASSETS_S3_FORCE_PATH_STYLE: bool.default('false'),
  ASSETS_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  ASSETS_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  ASSETS_S3_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9/_-]*$/i)
    .optional(),
  ASSETS_CHUNK_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024),
  ASSETS_UPLOAD_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  ASSETS_UNATTACHED_TTL_HOURS: z.coerce.number().int().min(1).max(8760).default(72),
  ASSETS_SIGNED_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  ASSETS_PDFTOPPM_PATH: z.string().min(1).default('pdftoppm'),

  /** Web Push (VAPID): without both keys, pushes are off and the in-app inbox still works. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be the base64url public key web-push generates')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be the base64url private key web-push generates')
    .optional(),
  /** Who runs this server, for push services: a mailto: or https: URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https URL')
    .default('mailto:admin@ocop.example'),
  /** The most push subscriptions (browsers, devices) one user keeps; the oldest goes when a new one comes. */
  PUSH_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(100).default(10),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Settings that only make sense together, checked after each variable on its own. */
function crossChecks(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.ASSETS_STORAGE === 's3' && !config.ASSETS_S3_BUCKET) {
    problems.push('ASSETS_S3_BUCKET is required when ASSETS_STORAGE=s3');
  }
  const payos = [config.PAYOS_CLIENT_ID, config.PAYOS_API_KEY, config.PAYOS_CHECKSUM_KEY].filter(
    Boolean,
  ).length;
  if (payos !== 0 && payos !== 3) {
    problems.push('PAYOS_CLIENT_ID, PAYOS_API_KEY and PAYOS_CHECKSUM_KEY go together: set all three or none');
  }
  const payouts = [
    config.PAYOS_PAYOUT_CLIENT_ID,
    config.PAYOS_PAYOUT_API_KEY,
    config.PAYOS_PAYOUT_CHECKSUM_KEY,
  ].filter(Boolean).length;
  if (payouts !== 0 && payouts !== 3) {
    problems.push(
      'PAYOS_PAYOUT_CLIENT_ID, PAYOS_PAYOUT_API_KEY and PAYOS_PAYOUT_CHECKSUM_KEY go together: set all three or none',
    );
  }
  if (Boolean(config.VAPID_PUBLIC_KEY) !== Boolean(config.VAPID_PRIVATE_KEY)) {
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both or neither');
  }
  return problems;
}

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
  if (result.success) {
    const problems = crossChecks(result.data);
    if (problems.length > 0) throw new ConfigError(problems);
    return result.data;
  }
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
