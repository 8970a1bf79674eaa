import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DbConnectionOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The pool's connection. A connection the server cuts (terminated, failed over, restarted) emits 'error'; while a
 * request holds it, TypeORM listens only until its first error, and a second one (the FATAL message, then the closed
 * socket) would have no listener and end the process. This one always listens: the error still fails the query in
 * flight (answered TRY_AGAIN at the edge), the connection is marked unusable, and the pool drops it on release.
 */
export class PoolConnection extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** The TypeORM options every process uses: migrations only, never `synchronize`. */
export function dataSourceOptions(options: DbConnectionOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Only migrations are logged by TypeORM: failed queries surface as errors with their SQLSTATE through the
    // application's logger, never with their parameters (which can hold password hashes or personal data).
    logging: ['migration'],
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'ocop-live',
      statement_timeout: 30_000,
      Client: PoolConnection,
    },
  };
}

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `npm run db:migrate` before starting the platform.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Names of the migrations that this build knows and the database has not applied. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const hasTable = await runner.hasTable('schema_migrations');
    const applied = new Set<string>(
      hasTable
        ? ((await runner.query('SELECT name FROM schema_migrations')) as { name: string }[]).map(
            (row) => row.name,
          )
        : [],
    );
    return dataSource.migrations
      .map((m) => m.name ?? m.constructor.name)
      .filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

export async function assertNoPendingMigrations(dataSource: DataSource): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length > 0) throw new PendingMigrationsError(pending);
}

/** Applies every pending migration; used by `npm run db:migrate` and the test template database. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    ...dataSourceOptions({ url, poolSize: 1, applicationName: 'ocop-migrate' }),
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Refuses to let a process start while the database is behind this build's migrations. Processes call it before
 * they build their application, so a refused boot opens no other connection.
 */
export async function assertMigrated(url: string): Promise<void> {
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolSize: 1, applicationName: 'ocop-boot-check' }),
  );
  await dataSource.initialize();
  try {
    await assertNoPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
