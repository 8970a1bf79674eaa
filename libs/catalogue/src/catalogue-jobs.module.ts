import { Module } from '@nestjs/common';
import { QueueModule } from '@ocop/queue';
import { CatalogueModule } from './catalogue.module';
import { CatalogueProcessor, CertificateScanScheduler } from './jobs/catalogue.processor';

/** The catalogue's processors and schedules, for the worker process. */
@Module({
  imports: [CatalogueModule, QueueModule.register('catalogue')],
  providers: [CatalogueProcessor, CertificateScanScheduler],
})
export class CatalogueJobsModule {}
