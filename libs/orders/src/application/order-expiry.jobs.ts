import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobPayload } from '@ocop/queue';
import { expiryDelayMs } from '../domain';

/** How long a checkout waits for its expiry jobs to be queued before answering anyway. */
export const SCHEDULE_WAIT_MS = 1_500;

/** `expire-<orderId>`: BullMQ refuses ":" in custom job ids. */
export const expiryJobId = (orderId: string): string => `expire-${orderId}`;

/** The delayed `orders/expire-order` job of each unpaid card order, under a deterministic id. */
@Injectable()
export class OrderExpiryJobs {
  private readonly log = new Logger(OrderExpiryJobs.name);

  constructor(
    @InjectQueue('orders') private readonly queue: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Never fails or holds up the checkout: while Redis is away the add waits in the client's offline queue (and lands
   * when Redis is back), but the checkout answers after SCHEDULE_WAIT_MS at most; the sweeper expires the order if
   * the job never lands.
   */
  async scheduleAll(orders: { id: string; expiresAt: Date }[]): Promise<void> {
    const now = this.clock.now();
    for (const order of orders) {
      const payload: JobPayload<'orders', 'expire-order'> = { orderId: order.id };
      try {
        const added = this.queue.add('expire-order', payload, {
          jobId: expiryJobId(order.id),
          delay: expiryDelayMs(order, now),
        });
        added.catch(() => undefined);
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), SCHEDULE_WAIT_MS);
        });
        const outcome = await Promise.race([added, gaveUp]).finally(() => clearTimeout(timer));
        if (outcome === 'timeout') {
          this.log.warn(
            { orderId: order.id },
            'Redis is slow or away: the expiry job is queued for when it is back',
          );
        }
      } catch (error) {
        this.log.warn(
          { err: error, orderId: order.id },
          'Could not schedule an order expiry; the sweeper will',
        );
      }
    }
  }
}
