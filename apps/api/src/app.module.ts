import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@ocop/config';
import { HealthModule, PlatformModule } from '@ocop/http';
import { Clock } from '@ocop/kernel';
import { AssetsHttpModule } from '@ocop/assets';
import { IdentityHttpModule } from '@ocop/identity';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { RealtimeModule } from '@ocop/realtime';
import { LiveHttpModule } from '@ocop/live';
import { ChatHttpModule } from '@ocop/chat';
import { PaymentsHttpModule } from '@ocop/payments';
import { OrdersHttpModule } from '@ocop/orders';
import { AttributionHttpModule, ReportsHttpModule } from '@ocop/attribution';
import { SettlementHttpModule } from '@ocop/settlement';
import { CampaignsHttpModule } from '@ocop/campaigns';
import { WebAppModule } from './web-app.module';
import { ShareCardsModule } from './share-cards/share-cards.module';

export interface ApiModuleOptions {
  config?: AppConfig;
  clock?: Clock;
}

/** The api process: HTTP (REST + OpenAPI) and the socket.io gateway; stateless, so it runs as any number of replicas. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ service: 'api', config: options.config, clock: options.clock }),
        HealthModule,
        RealtimeModule,
        IdentityHttpModule,
        AssetsHttpModule,
        CatalogueHttpModule,
        LiveHttpModule,
        ChatHttpModule,
        PaymentsHttpModule,
        OrdersHttpModule,
        AttributionHttpModule,
        ReportsHttpModule,
        SettlementHttpModule,
        CampaignsHttpModule,
        WebAppModule.forRoot(),
        // The link previews of shared pages, rendered into the web app's shell (WEB_SHELL_RENDERER).
        ShareCardsModule,
      ],
    };
  }
}
