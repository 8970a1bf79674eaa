import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { adminDatabaseUrl, withDatabase } from '@ocop/testing';
import { dataSourceOptions, pendingMigrations, runMigrations } from './data-source';
import { MIGRATIONS } from './migrations';

async function withEmptyDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const name = `ocop_t${process.pid}_empty_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    await work(withDatabase(adminDatabaseUrl(), name));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

describe('migrations', () => {
  it('run from an empty database, leave nothing pending, and undo cleanly', async () => {
    await withEmptyDatabase(async (url) => {
      const applied = await runMigrations(url);
      expect(applied).toHaveLength(MIGRATIONS.length);

      const ds = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
      await ds.initialize();
      try {
        expect(await pendingMigrations(ds)).toEqual([]);
        const tables = await ds.query(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
        );
        expect(tables[0].n).toBeGreaterThan(5);

        for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
        const left = await ds.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
        );
        expect(left).toEqual([]);
        expect(await pendingMigrations(ds)).toHaveLength(MIGRATIONS.length);
      } finally {
        await ds.destroy();
      }
      // and again from scratch after the undo
      expect(await runMigrations(url)).toHaveLength(MIGRATIONS.length);
    });
  });

  it('are a second time a no-op', async () => {
    await withEmptyDatabase(async (url) => {
      await runMigrations(url);
      expect(await runMigrations(url)).toEqual([]);
    });
  });
});
