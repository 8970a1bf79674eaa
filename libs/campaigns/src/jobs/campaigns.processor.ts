import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { AtRiskService } from '../application/at-risk.service';
import { CoverageRollupRepository } from '../infrastructure/coverage-rollup.repository';

export const AT_RISK_SCHEDULER_ID = 'campaigns-at-risk-scan-hourly';

@Processor('campaigns')
export class CampaignsProcessor extends TypedProcessor<'campaigns'> {
  protected readonly queue = 'campaigns' as const;

  constructor(private readonly atRisk: AtRiskService) {
    super();
  }

  protected readonly handlers: JobHandlers<'campaigns'> = {
    'at-risk-scan': () => this.atRisk.scan(),
  };
}

/** Registers the hourly at-risk scan when the worker boots (an upsert: every replica may do it safely). */
@Injectable()
export class AtRiskScanScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AtRiskScanScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(@InjectQueue('campaigns') private readonly queue: Queue) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      AT_RISK_SCHEDULER_ID,
      { pattern: '5 * * * *', tz: 'Asia/Ho_Chi_Minh' },
      { name: 'at-risk-scan', data: {} },
    );
    this.log.log('Campaign at-risk scan scheduled hourly');
  }
}

/**
 * Builds the dashboards' roll-up of every campaign that has none, or one built for another period, when the worker
 * starts (after the migration that added it, or a restore): in the background, one campaign at a time; until then
 * those dashboards read sessions and sales directly.
 */
@Injectable()
export class CoverageRollupBootstrap implements OnApplicationBootstrap {
  private readonly log = new Logger(CoverageRollupBootstrap.name);

  constructor(private readonly rollup: CoverageRollupRepository) {}

  onApplicationBootstrap(): void {
    void this.buildStale().catch((error: unknown) =>
      this.log.warn({ err: error }, 'Could not build the campaign coverage roll-up'),
    );
  }

  async buildStale(): Promise<number> {
    const stale = await this.rollup.stale();
    for (const id of stale) await this.rollup.rebuildInOwnTransaction(id);
    if (stale.length > 0) this.log.log(`Campaign coverage built for ${stale.length} campaign(s)`);
    return stale.length;
  }
}
