import { adminDatabaseUrl, runDatabaseName, testRedisUrl, withDatabase } from './test-env';

// Runs in every Jest worker before its test files: points the platform at this worker's own database and at a
// Redis key prefix of its own, so workers and concurrent runs never see each other's data.
const runId = process.env['OCOP_TEST_RUN'] ?? String(process.ppid);
const worker = process.env['JEST_WORKER_ID'] ?? '1';

process.env['NODE_ENV'] = 'test';
process.env['DATABASE_URL'] = withDatabase(adminDatabaseUrl(), runDatabaseName(runId, `w${worker}`));
process.env['REDIS_URL'] = testRedisUrl();
process.env['QUEUE_PREFIX'] = `t${runId}w${worker}`;
process.env['JWT_ACCESS_SECRET'] ??= 'test-only-secret-that-is-long-enough-0123456789';
process.env['LOG_LEVEL'] ??= 'silent';
// Every test app registers from 127.0.0.1; the registration limit has its own test with addresses of its own.
process.env['REGISTER_MAX_PER_IP'] ??= '100000';
process.env['DATABASE_POOL_SIZE'] ??= '20';
// Cash on delivery has no cap in tests unless a test sets one: many specs place COD orders without delivering them.
process.env['COD_MAX_OPEN_VND'] ??= '0';
