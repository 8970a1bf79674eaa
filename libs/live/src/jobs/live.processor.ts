import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { DealEndings } from '../application/deal-endings.service';
import { RemindersService } from '../application/reminders.service';

export const DEAL_SWEEP_SCHEDULER_ID = 'live-deals-sweep';
export const DEAL_SWEEP_EVERY_MS = 10_000;

@Processor('live')
export class LiveProcessor extends TypedProcessor<'live'> {
  protected readonly queue = 'live' as const;

  constructor(
    private readonly reminders: RemindersService,
    private readonly dealEndings: DealEndings,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'live'> = {
    'session-reminder': (payload) => this.reminders.deliver(payload.sessionId),
    'deal-end': (payload) => this.dealEndings.endOnTime(payload.dealId),
    'deal-open': (payload) => this.dealEndings.opened(payload.dealId),
    'sweep-deals': () => this.dealEndings.sweep(),
  };
}

/** On worker boot: end the deals that ran out while the worker was down, then sweep every 10 seconds. */
@Injectable()
export class DealSweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(DealSweepScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(
    @InjectQueue('live') private readonly queue: Queue,
    private readonly dealEndings: DealEndings,
  ) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      DEAL_SWEEP_SCHEDULER_ID,
      { every: DEAL_SWEEP_EVERY_MS },
      { name: 'sweep-deals', data: {} },
    );
    const ended = await this.dealEndings.sweep();
    if (ended > 0) this.log.log(`Ended ${ended} overdue flash deals on boot`);
  }
}
