import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobPayload } from '@ocop/queue';
import { dealEndDelayMs, dealEndJobId, dealOpenDelayMs, dealOpenJobId } from '../domain';

/**
 * The delayed `live/deal-end` job of each flash deal (and `live/deal-open` when it has a countdown), under
 * deterministic ids. Scheduling never fails the deal: when Redis is away the sweeper ends it instead.
 */
@Injectable()
export class DealJobs {
  private readonly log = new Logger(DealJobs.name);

  constructor(
    @InjectQueue('live') private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async schedule(deal: { id: string; opensAt: Date; endsAt: Date }): Promise<void> {
    const now = this.clock.now();
    const payload: JobPayload<'live', 'deal-end'> = { dealId: deal.id };
    try {
      if (deal.opensAt.getTime() > now.getTime()) {
        await this.queue.add('deal-open', payload, {
          jobId: dealOpenJobId(deal.id),
          delay: dealOpenDelayMs(deal, now),
        });
      }
      await this.queue.add('deal-end', payload, {
        jobId: dealEndJobId(deal.id),
        delay: dealEndDelayMs(deal, now),
      });
    } catch (error) {
      this.log.warn(
        { err: error, dealId: deal.id },
        'Could not schedule a flash deal; the sweeper will end it',
      );
    }
  }

  /** A deal ended early: its pending jobs have nothing left to do. */
  async cancel(dealId: string): Promise<void> {
    try {
      await Promise.all([this.queue.remove(dealOpenJobId(dealId)), this.queue.remove(dealEndJobId(dealId))]);
    } catch (error) {
      this.log.warn({ err: error, dealId }, 'Could not remove the jobs of an ended flash deal');
    }
  }
}
