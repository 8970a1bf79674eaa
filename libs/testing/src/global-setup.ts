import { Client } from 'pg';
import { runMigrations } from '../../db/src/data-source';
import { adminDatabaseUrl, runDatabaseName, TEST_DB_PREFIX, withDatabase } from './test-env';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops databases left behind by earlier runs whose process has gone (a killed run cannot tear down). */
async function dropOrphans(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE $1`,
    [`${TEST_DB_PREFIX}%`],
  );
  for (const { datname } of rows) {
    const pid = Number(/^ocop_t(\d+)_/.exec(datname)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const runId = String(process.pid);
  process.env['OCOP_TEST_RUN'] = runId;
  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    await dropOrphans(admin);
    const template = runDatabaseName(runId, 'tpl');
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
    await runMigrations(withDatabase(adminDatabaseUrl(), template));
    const workers = Math.max(1, globalConfig.maxWorkers);
    for (let worker = 1; worker <= workers; worker++) {
      const name = runDatabaseName(runId, `w${worker}`);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    }
  } finally {
    await admin.end();
  }
}
