import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Queue } from 'bullmq';
import { JobHandlers, JobPayload, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { PayosPayoutsService } from '../application/payos-payouts.service';
import { RefundPayoutsService } from '../application/refund-payouts.service';
import { pollDelayMs } from '../domain';

export const PAYOS_PAYOUT_SWEEP_SCHEDULER_ID = 'settlement-payos-payouts-sweep';

/** `payos-payout-<entryId>-<polls>`: one job per poll, so a poll queued again never collides with the running one. */
export const payosPayoutJobId = (entryId: string, polls: number): string =>
  `payos-payout-${entryId}-${polls}`;

/** `refund-payout-<payoutId>-<polls>`, as for a producer's payout. */
export const refundPayoutJobId = (payoutId: string, polls: number): string =>
  `refund-payout-${payoutId}-${polls}`;

/**
 * Queues the following of a payout through payOS, a producer's or a refund's (the outbox subscriber and each poll
 * that was not final).
 */
@Injectable()
export class PayosPayoutJobs {
  private readonly firstMs: number;

  constructor(
    @InjectQueue('settlement') private readonly queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.firstMs = config.PAYOS_PAYOUT_POLL_SECONDS * 1000;
  }

  /** Queues the `polls`-th look at a payout, after the wait that many looks call for (the first: the api's turn). */
  async follow(entryId: string, polls: number): Promise<void> {
    const payload: JobPayload<'settlement', 'payos-payout'> = { entryId, polls };
    await this.queue.add('payos-payout', payload, {
      jobId: payosPayoutJobId(entryId, polls),
      delay: pollDelayMs(polls, this.firstMs),
    });
  }

  /** The same for a refund sent back through payOS. */
  async followRefund(payoutId: string, polls: number): Promise<void> {
    const payload: JobPayload<'settlement', 'refund-payout'> = { payoutId, polls };
    await this.queue.add('refund-payout', payload, {
      jobId: refundPayoutJobId(payoutId, polls),
      delay: pollDelayMs(polls, this.firstMs),
    });
  }
}

@Processor('settlement')
export class SettlementProcessor extends TypedProcessor<'settlement'> {
  protected readonly queue = 'settlement' as const;

  constructor(
    private readonly payouts: PayosPayoutsService,
    private readonly refundPayouts: RefundPayoutsService,
    private readonly jobs: PayosPayoutJobs,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<'settlement'> = {
    'payos-payout': async ({ entryId, polls }) => {
      const status = await this.payouts.track(entryId);
      if (status === 'pending') await this.jobs.follow(entryId, polls + 1);
      return status;
    },
    'refund-payout': async ({ payoutId, polls }) => {
      const status = await this.refundPayouts.track(payoutId);
      if (status === 'pending') await this.jobs.followRefund(payoutId, polls + 1);
      return status;
    },
    'sweep-payos-payouts': async () => (await this.payouts.sweep()) + (await this.refundPayouts.sweep()),
  };
}

/** On worker boot: the sweep of payouts still pending, every five minutes (an upsert: every replica may do it). */
@Injectable()
export class PayosPayoutSweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(PayosPayoutSweepScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(@InjectQueue('settlement') private readonly queue: Queue) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      PAYOS_PAYOUT_SWEEP_SCHEDULER_ID,
      { every: 300_000 },
      { name: 'sweep-payos-payouts', data: {} },
    );
    this.log.log('Pending payOS payouts swept every five minutes');
  }
}
