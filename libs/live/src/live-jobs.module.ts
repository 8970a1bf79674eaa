import { Module } from '@nestjs/common';
import { LiveModule } from './live.module';
import { LiveProcessor } from './jobs/live.processor';

/** The live context's processors, for the worker process (session reminders). */
@Module({
  imports: [LiveModule],
  providers: [LiveProcessor],
})
export class LiveJobsModule {}
