import { InjectQueue, Processor } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import { OutboxSubscribers } from '@ocop/db';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobHandlers, keepJobScheduled, TypedProcessor, WORKER_OPTIONS } from '@ocop/queue';
import { AssetProcessingService } from '../application/asset-processing.service';
import { AssetSweepService } from '../application/asset-sweep.service';
import { AssetsRepository } from '../infrastructure/assets.repository';

export const ASSET_SWEEP_SCHEDULER_ID = 'assets-sweep';

/** A processing job is queued under one id per asset: adding it again is a no-op while Redis still holds it. */
const processJob = (assetId: string) => ['process', { assetId }, { jobId: `process-${assetId}` }] as const;

/**
 * Hands out again the processing of assets whose job Redis lost. The outbox delivery that queued a job is
 * acknowledged once the job is queued, so a Redis restarted without its data, failed over or evicted would leave
 * the asset `processing` for ever; an asset still processing a few minutes after its upload completed is queued
 * again under the same job id (BullMQ ignores the add while it holds that job, whatever its state).
 */
@Injectable()
export class StalledProcessingWatch {
  static readonly AFTER_MS = 3 * 60_000;
  static readonly BATCH = 1_000;
  private readonly log = new Logger(StalledProcessingWatch.name);

  constructor(
    @InjectQueue('assets') private readonly queue: Queue,
    private readonly assets: AssetsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Queues again up to BATCH of the oldest assets still processing; returns how many. */
  async requeue(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - StalledProcessingWatch.AFTER_MS);
    const ids = await this.assets.processingBefore(before, StalledProcessingWatch.BATCH);
    if (ids.length === 0) return 0;
    await this.queue.addBulk(
      ids.map((id) => {
        const [name, data, opts] = processJob(id);
        return { name, data, opts };
      }),
    );
    this.log.warn(
      `${ids.length} asset(s) still processing after ${StalledProcessingWatch.AFTER_MS / 60_000} min queued again`,
    );
    return ids.length;
  }
}

/** Two photos at a time: libvips uses every core for one image already; two keep the cores busy between steps. */
@Processor('assets', { ...WORKER_OPTIONS, concurrency: 2 })
export class AssetsProcessor extends TypedProcessor<'assets'> {
  protected readonly queue = 'assets' as const;

  constructor(
    private readonly processing: AssetProcessingService,
    private readonly sweeper: AssetSweepService,
    private readonly watch: StalledProcessingWatch,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'assets'> = {
    process: (payload) => this.processing.process(payload.assetId).then(() => undefined),
    'sweep-uploads': async () => ({ ...(await this.sweeper.sweep()), requeued: await this.watch.requeue() }),
  };
}

/** A completed upload (outbox, at least once) becomes a processing job; the job id makes repeats one job. */
@Injectable()
export class AssetsSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    @InjectQueue('assets') private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('assets.uploaded', 'assets.process', (m) =>
      this.queue.add(...processJob(m.payload.assetId)),
    );
  }
}

/** On worker boot: sweep once, then every five minutes (abandoned uploads, unused assets, lost processing jobs). */
@Injectable()
export class AssetSweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AssetSweepScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(
    @InjectQueue('assets') private readonly queue: Queue,
    private readonly sweeper: AssetSweepService,
  ) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      ASSET_SWEEP_SCHEDULER_ID,
      { every: 5 * 60_000 },
      { name: 'sweep-uploads', data: {} },
    );
    const swept = await this.sweeper.sweep();
    if (swept.uploads + swept.assets > 0)
      this.log.log(`Swept ${swept.uploads} uploads and ${swept.assets} assets on boot`);
  }
}
