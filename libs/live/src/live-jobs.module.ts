import { Module } from '@nestjs/common';
import { QueueModule } from '@ocop/queue';
import { LiveModule } from './live.module';
import { DealSweepScheduler, LiveProcessor } from './jobs/live.processor';

/** The live context's processors, for the worker process: session reminders, flash deals' open and end, the sweep. */
@Module({
  imports: [LiveModule, QueueModule.register('live')],
  providers: [LiveProcessor, DealSweepScheduler],
})
export class LiveJobsModule {}
