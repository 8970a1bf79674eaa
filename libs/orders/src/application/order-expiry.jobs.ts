import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobPayload } from '@ocop/queue';
import { expiryDelayMs } from '../domain';

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

  /** Never fails the checkout: when Redis is away the sweeper expires the order instead. */
  async scheduleAll(orders: { id: string; expiresAt: Date }[]): Promise<void> {
    const now = this.clock.now();
    for (const order of orders) {
      const payload: JobPayload<'orders', 'expire-order'> = { orderId: order.id };
      try {
        await this.queue.add('expire-order', payload, {
          jobId: expiryJobId(order.id),
          delay: expiryDelayMs(order, now),
        });
      } catch (error) {
        this.log.warn(
          { err: error, orderId: order.id },
          'Could not schedule an order expiry; the sweeper will',
        );
      }
    }
  }
}
