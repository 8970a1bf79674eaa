import { DataSource } from 'typeorm';
import { CoverageRollupRepository } from '@ocop/campaigns';
import { loadConfig } from '@ocop/config';
import { assertMigrated, dataSourceOptions } from '@ocop/db';

export const COVERAGE_USAGE = `usage: cli coverage [--all]
  builds the campaign dashboards' roll-up for every campaign that lacks one or whose period changed
  (the worker does the same when it starts); --all rebuilds every campaign's`;

/** Builds campaign roll-ups from sessions, lineups and campaign_sales; prints one line per campaign. */
export async function runCoverage(args: readonly string[]): Promise<number> {
  if (args.some((a) => a !== '--all')) throw new Error(COVERAGE_USAGE);
  const config = loadConfig();
  await assertMigrated(config.DATABASE_URL);
  const dataSource = new DataSource(
    dataSourceOptions({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'ocop-coverage' }),
  );
  await dataSource.initialize();
  try {
    const rollup = new CoverageRollupRepository(dataSource);
    const campaigns = args.includes('--all')
      ? ((await dataSource.query(`SELECT id FROM campaigns ORDER BY id`)) as { id: string }[]).map(
          (r) => r.id,
        )
      : await rollup.stale();
    for (const id of campaigns) {
      const started = Date.now();
      await rollup.rebuildInOwnTransaction(id);
      process.stdout.write(`campaign ${id}: coverage built in ${Date.now() - started} ms\n`);
    }
    if (campaigns.length === 0) process.stdout.write('Every campaign coverage is built\n');
    return campaigns.length;
  } finally {
    await dataSource.destroy();
  }
}
