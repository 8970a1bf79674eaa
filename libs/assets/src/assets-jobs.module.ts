import { Module } from '@nestjs/common';
import { QueueModule } from '@ocop/queue';
import { AssetsModule } from './assets.module';
import {
  AssetsProcessor,
  AssetsSubscribers,
  AssetSweepScheduler,
  StalledProcessingWatch,
} from './jobs/assets.processor';

/** Processing of uploads and the sweep, for the worker process. */
@Module({
  imports: [AssetsModule, QueueModule.register('assets')],
  providers: [AssetsProcessor, AssetsSubscribers, AssetSweepScheduler, StalledProcessingWatch],
  exports: [StalledProcessingWatch],
})
export class AssetsJobsModule {}
