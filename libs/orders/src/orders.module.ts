import './orders.events';
import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { LiveModule } from '@ocop/live';
import { PaymentsModule } from '@ocop/payments';
import { IdentityModule } from '@ocop/identity';
import { RealtimeModule } from '@ocop/realtime';
import { QueueModule } from '@ocop/queue';
import { CheckoutReads } from './application/checkout-reads';
import { CheckoutService } from './application/checkout.service';
import { OrderExpiryJobs } from './application/order-expiry.jobs';
import { OrderActionsService } from './application/order-actions.service';
import { OrderAnnouncer } from './application/order-announcer';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { OrdersService } from './application/orders.service';
import { OrdersRepository } from './infrastructure/orders.repository';
import { SavedAddressesRepository } from './infrastructure/saved-addresses.repository';
import { SavedAddressesService } from './application/saved-addresses.service';
import { ShopperCheckout } from './application/shopper-checkout';
import { OrdersSubscribers } from './jobs/orders.subscribers';

const SERVICES = [
  CheckoutService,
  OrdersService,
  OrderLifecycleService,
  OrderActionsService,
  SavedAddressesService,
  ShopperCheckout,
];

/** Checkout, orders and their system transitions, without HTTP: the worker and the CLI import this. */
@Module({
  imports: [
    OutboxModule,
    IdentityModule,
    CatalogueModule,
    LiveModule,
    PaymentsModule,
    RealtimeModule,
    QueueModule.register('orders'),
  ],
  providers: [
    ...SERVICES,
    CheckoutReads,
    OrderAnnouncer,
    OrdersSubscribers,
    OrderExpiryJobs,
    OrdersRepository,
    SavedAddressesRepository,
  ],
  exports: SERVICES,
})
export class OrdersModule {}
