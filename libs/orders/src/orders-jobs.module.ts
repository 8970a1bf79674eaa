import { Module } from '@nestjs/common';
import { QueueModule } from '@ocop/queue';
import { OrdersProcessor, ExpirySweepScheduler } from './jobs/orders.processor';
import { OrdersModule } from './orders.module';

/** The orders processors and the expiry sweep, for the worker process. */
@Module({
  imports: [OrdersModule, QueueModule.register('orders')],
  providers: [OrdersProcessor, ExpirySweepScheduler],
})
export class OrdersJobsModule {}
