/**
 * How tests find PostgreSQL and Redis, and how each Jest run and worker gets its own database and Redis prefix.
 * globalSetup creates `ocop_t<pid>_tpl` with every migration applied, then clones `ocop_t<pid>_w<N>` per worker.
 */
export const TEST_DB_PREFIX = 'ocop_t';

export function adminDatabaseUrl(): string {
  return (
    process.env['TEST_DATABASE_URL'] ??
    process.env['DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export function testRedisUrl(): string {
  return process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function runDatabaseName(runId: string, suffix: string): string {
  return `${TEST_DB_PREFIX}${runId}_${suffix}`;
}
