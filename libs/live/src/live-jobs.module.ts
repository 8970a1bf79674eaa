import { Module } from '@nestjs/common';
import { QueueModule } from '@ocop/queue';
import { LiveModule } from './live.module';
import { DealSweepScheduler, LiveProcessor } from './jobs/live.processor';
import { PushProcessor } from './jobs/push.processor';

/** The live context's processors, for the worker process: session reminders, flash deals' open and end, the sweep, Web Push. */
@Module({
  imports: [LiveModule, QueueModule.register('live', 'push')],
  providers: [LiveProcessor, DealSweepScheduler, PushProcessor],
})
export class LiveJobsModule {}
