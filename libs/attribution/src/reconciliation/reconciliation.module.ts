import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { OrdersModule } from '@ocop/orders';
import { QueueModule } from '@ocop/queue';
import { AttributionModule } from '../attribution.module';
import { ReconciliationRepository } from '../infrastructure/reconciliation.repository';
import { ReconciliationProcessor, ReconciliationScheduler } from './reconciliation.processor';
import { Reconciliation } from './reconciliation.service';

/** The reconciliation service, for the CLI (`reconcile`) and the worker. */
@Module({
  imports: [OutboxModule, AttributionModule, CatalogueModule, OrdersModule],
  providers: [Reconciliation, ReconciliationRepository],
  exports: [Reconciliation],
})
export class ReconciliationModule {}

/** The scheduled run, for the worker process. */
@Module({
  imports: [ReconciliationModule, QueueModule.register('reconciliation')],
  providers: [ReconciliationProcessor, ReconciliationScheduler],
})
export class ReconciliationJobsModule {}
