import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '@ocop/config';
import { PlatformModule } from '@ocop/http';
import { Clock } from '@ocop/kernel';
import { AssetsJobsModule } from '@ocop/assets';
import { CatalogueJobsModule } from '@ocop/catalogue';
import { RealtimeModule } from '@ocop/realtime';
import { LiveJobsModule } from '@ocop/live';
import { PaymentsJobsModule } from '@ocop/payments';
import { OrdersJobsModule } from '@ocop/orders';
import { AttributionModule, ReconciliationJobsModule, ReportsModule } from '@ocop/attribution';
import { SettlementJobsModule } from '@ocop/settlement';
import { CampaignsJobsModule } from '@ocop/campaigns';
import { OutboxRelayModule } from '@ocop/queue';
import { JobsBootCheck } from './jobs-boot-check';

export interface WorkerModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

/** The worker process: BullMQ processors and scheduled jobs; no HTTP server. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerModuleOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        PlatformModule.forRoot({ service: 'worker', config: options.config, clock: options.clock }),
        RealtimeModule,
        AssetsJobsModule,
        CatalogueJobsModule,
        LiveJobsModule,
        PaymentsJobsModule,
        OrdersJobsModule,
        SettlementJobsModule,
        AttributionModule,
        ReportsModule,
        ReconciliationJobsModule,
        CampaignsJobsModule,
        OutboxRelayModule.forRoot(),
      ],
      providers: [JobsBootCheck],
    };
  }
}
