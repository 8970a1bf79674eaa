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

  it('bring existing emails to their NFKC form, leaving a lookalike of a taken address as it was', async () => {
    await withEmptyDatabase(async (url) => {
      const before = MIGRATIONS.findIndex((m) => m.name === 'NormalisedEmails1765000200000');
      expect(before).toBeGreaterThan(0);
      await runMigrations(url);
      const ds = new DataSource(dataSourceOptions({ url, poolSize: 1 }));
      await ds.initialize();
      try {
        // Back to the schema before the change, with accounts registered while lookalikes were accepted.
        while ((await ds.query(`SELECT count(*)::int AS n FROM schema_migrations`))[0].n > before) {
          await ds.undoLastMigration({ transaction: 'each' });
        }
        const insert = (email: string) =>
          ds.query(
            `INSERT INTO users (email, password_hash, display_name, roles) VALUES ($1, 'x', 'A', '{shopper}') RETURNING id`,
            [email],
          ) as Promise<{ id: string }[]>;
        const [plain] = await insert('shopper1@ocop.example');
        const [lookalike] = await insert('ｓhopper1@ocop.example');
        const [alone] = await insert('ｆarmer9@ocop.example');
        const [ligature] = await insert('ﬁsh@ocop.example');
        await runMigrations(url);
        const rows = (await ds.query(`SELECT id, email FROM users`)) as { id: string; email: string }[];
        const emailOf = (id: string | undefined) => rows.find((row) => row.id === id)?.email;
        expect(emailOf(plain?.id)).toBe('shopper1@ocop.example');
        expect(emailOf(lookalike?.id)).toBe('ｓhopper1@ocop.example');
        expect(emailOf(alone?.id)).toBe('farmer9@ocop.example');
        expect(emailOf(ligature?.id)).toBe('fish@ocop.example');
        // From now on only the normalised form can be written.
        await expect(insert('ｇrower@ocop.example')).rejects.toThrow(/users_email_normalised/);
      } finally {
        await ds.destroy();
      }
    });
  });
});
