import { Client, Pool } from 'pg';
import { adminDatabaseUrl, withDatabase } from '@ocop/testing';

/**
 * A database of its own for one e2e or fault test file: a clone of this run's migrated template, so that the
 * processes it starts see no rows (undispatched outbox rows, due orders) left by the other test files of the same
 * Jest worker, and the test can assert on whole tables. Named after this worker's database, so the run's global
 * teardown (and the next run's orphan sweep) drops it even if the test never gets to.
 */

export interface FreshDatabase {
  name: string;
  url: string;
  /** A small pool on it for the test's own queries. */
  sql: Pool;
  /** Closes the pool and drops the database (WITH FORCE: processes still connected are cut off). */
  drop: () => Promise<void>;
}

function names(label: string): { template: string; name: string } {
  const current = new URL(process.env['DATABASE_URL'] ?? '').pathname.slice(1);
  const match = /^(.+)_(w\d+)$/.exec(current);
  if (!match) throw new Error(`DATABASE_URL does not name a Jest worker database (${current})`);
  return { template: `${match[1]}_tpl`, name: `${current}_${label}` };
}

export async function freshDatabase(label: string): Promise<FreshDatabase> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`database label must be [a-z0-9_]+, got ${label}`);
  const { template, name } = names(label);
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // Two Jest workers may clone the template at the same moment; PostgreSQL refuses one while the other copies.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminDatabaseUrl(), name);
  const sql = new Pool({ connectionString: url, max: 4 });
  return {
    name,
    url,
    sql,
    drop: async () => {
      await sql.end();
      const dropper = new Client({ connectionString: adminDatabaseUrl() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
