import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { AtRiskService } from '../application/at-risk.service';

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
