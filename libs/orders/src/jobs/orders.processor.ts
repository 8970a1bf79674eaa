import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobHandlers, keepJobScheduled, TypedProcessor } from '@ocop/queue';
import { OrderLifecycleService } from '../application/order-lifecycle.service';

export const EXPIRY_SWEEP_SCHEDULER_ID = 'orders-expiry-sweep';

@Processor('orders')
export class OrdersProcessor extends TypedProcessor<'orders'> {
  protected readonly queue = 'orders' as const;

  constructor(private readonly lifecycle: OrderLifecycleService) {
    super();
  }

  protected readonly handlers: JobHandlers<'orders'> = {
    'expire-order': (payload) => this.lifecycle.expire(payload.orderId),
    'sweep-expired': () => this.lifecycle.sweep(),
  };
}

/** On worker boot: sweep once (orders that fell due while the worker was down), then every minute. */
@Injectable()
export class ExpirySweepScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(ExpirySweepScheduler.name);
  private stopWatching: (() => void) | undefined;

  constructor(
    @InjectQueue('orders') private readonly queue: Queue,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopWatching = await keepJobScheduled(
      this.queue,
      EXPIRY_SWEEP_SCHEDULER_ID,
      { every: 60_000 },
      { name: 'sweep-expired', data: {} },
    );
    const expired = await this.lifecycle.sweep();
    if (expired > 0) this.log.log(`Expired ${expired} unpaid card orders on boot`);
  }
}
