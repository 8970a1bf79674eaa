import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { Reconciliation } from './reconciliation.service';

export const RECONCILIATION_SCHEDULER_ID = 'reconciliation';
/** How often the worker reconciles (the last RECONCILE_DEFAULT_DAYS days, repairing). */
export const RECONCILE_EVERY_MS = 5 * 60_000;

@Processor('reconciliation')
export class ReconciliationProcessor extends TypedProcessor<'reconciliation'> {
  protected readonly queue = 'reconciliation' as const;

  constructor(private readonly reconciliation: Reconciliation) {
    super();
  }

  protected readonly handlers: JobHandlers<'reconciliation'> = {
    run: async () => {
      const report = await this.reconciliation.run();
      return { found: report.found, repaired: report.repaired, outboxOwed: report.outbox.owed };
    },
  };
}

/** On worker boot: registers the run every few minutes (again whenever Redis comes back without it). */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private stopWatching: (() => void) | undefined;

  constructor(@InjectQueue('reconciliation') private readonly queue: Queue) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      RECONCILIATION_SCHEDULER_ID,
      { every: RECONCILE_EVERY_MS },
      { name: 'run', data: {} },
    );
  }
}
