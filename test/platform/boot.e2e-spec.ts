import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, PendingMigrationsError } from '@ocop/db';
import { adminDatabaseUrl, testConfig, withDatabase } from '@ocop/testing';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createWorkerApp } from '../../apps/worker/src/bootstrap';

async function databaseWith(migrationCount: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ocop_t${process.pid}_boot_${randomUUID().slice(0, 8)}`;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = withDatabase(adminDatabaseUrl(), name);
  const ds = new DataSource({
    ...dataSourceOptions({ url, poolSize: 1 }),
    migrations: MIGRATIONS.slice(0, migrationCount),
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return {
    url,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('booting the api and the worker', () => {
  it('both refuse to start while a migration is pending, naming it', async () => {
    const db = await databaseWith(MIGRATIONS.length - 1);
    try {
      const config = testConfig({ DATABASE_URL: db.url });
      const last = MIGRATIONS[MIGRATIONS.length - 1]?.name;
      await expect(createApiApp({ config })).rejects.toThrow(PendingMigrationsError);
      await expect(createApiApp({ config })).rejects.toThrow(new RegExp(`${last}.*npm run db:migrate`));
      await expect(createWorkerApp({ config })).rejects.toThrow(PendingMigrationsError);
    } finally {
      await db.drop();
    }
  });

  it('both start on a migrated database: the api answers /health and the worker has a handler for every job', async () => {
    const db = await databaseWith(MIGRATIONS.length);
    let api: Awaited<ReturnType<typeof createApiApp>> | undefined;
    let worker: INestApplicationContext | undefined;
    try {
      const config = testConfig({ DATABASE_URL: db.url });
      api = await createApiApp({ config });
      const health = await request(api.getHttpServer()).get('/health').expect(200);
      expect(health.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
      // The OpenAPI document describes every answer: each operation has a success response with a schema (or is a
      // 204), so the web app's client can be generated from it.
      const doc = (await request(api.getHttpServer()).get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
      };
      const undescribed = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => {
            const success = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith('2'));
            return !success || (success[0] !== '204' && !success[1].content);
          })
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      expect(undescribed).toEqual([]);
      worker = await createWorkerApp({ config });
      expect(worker).toBeDefined();
    } finally {
      await api?.close();
      await worker?.close();
      await db.drop();
    }
  });
});
