import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import {
  Reconciliation,
  RECONCILE_DEFAULT_DAYS,
  ReconcileOptions,
  ReconciliationModule,
  ReconciliationReport,
  reportLines,
} from '@ocop/attribution';
import { loadConfig } from '@ocop/config';
import { assertMigrated } from '@ocop/db';
import { PlatformModule } from '@ocop/http';
import { RealtimeModule } from '@ocop/realtime';

@Module({
  imports: [PlatformModule.forRoot({ service: 'cli' }), RealtimeModule, ReconciliationModule],
})
class ReconcileModule {}

export const RECONCILE_USAGE = `usage: cli reconcile [--check] [--days N | --all]
  --check   report only, repair nothing (exit status 2 when something is broken)
  --days N  check the last N days (default ${RECONCILE_DEFAULT_DAYS})
  --all     check all time`;

/** Reads the command's flags; throws the usage on anything else. */
export function parseReconcileArgs(args: readonly string[]): ReconcileOptions {
  const options: ReconcileOptions = { repair: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--check') options.repair = false;
    else if (arg === '--all') options.days = null;
    else if (arg === '--days') {
      const days = Number(args[++i]);
      if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(RECONCILE_USAGE);
      options.days = days;
    } else throw new Error(RECONCILE_USAGE);
  }
  return options;
}

/**
 * `reconcile`: checks the invariants of sales once, repairing what it finds (unless --check), prints the report for
 * the operator (one line per invariant, then the totals as JSON) and returns it. The structured log lines go to the
 * log as the worker's scheduled runs write them.
 */
export async function runReconcile(args: readonly string[]): Promise<ReconciliationReport> {
  const options = parseReconcileArgs(args);
  await assertMigrated(loadConfig().DATABASE_URL);
  const app = await NestFactory.createApplicationContext(ReconcileModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  try {
    const report = await app.get(Reconciliation).run(options);
    for (const line of reportLines(report)) process.stdout.write(`${line}\n`);
    process.stdout.write(
      `${JSON.stringify({ found: report.found, repaired: report.repaired, outboxOwed: report.outbox.owed })}\n`,
    );
    return report;
  } finally {
    await app.close();
  }
}
