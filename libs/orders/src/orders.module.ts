import './orders.events';
import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { LiveModule } from '@ocop/live';
import { PaymentsModule } from '@ocop/payments';
import { IdentityModule } from '@ocop/identity';
import { RealtimeModule } from '@ocop/realtime';
import { QueueModule } from '@ocop/queue';
import { CheckoutPayment } from './application/checkout-payment';
import { CheckoutReads } from './application/checkout-reads';
import { CheckoutService } from './application/checkout.service';
import { CodGuard } from './application/cod-guard.service';
import { OrderRefundsService } from './application/order-refunds.service';
import { OrderExpiryJobs } from './application/order-expiry.jobs';
import { OrderActionsService } from './application/order-actions.service';
import { OrderAnnouncer } from './application/order-announcer';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { OrderPaymentReconciliation } from './application/order-payment-reconciliation';
import { OrdersService } from './application/orders.service';
import { OrderLineImages } from './application/order-line-images';
import { TransferHeldNotices } from './application/transfer-held-notices';
import { TransferReviewsService } from './application/transfer-reviews.service';
import { OrdersRepository } from './infrastructure/orders.repository';
import { SavedAddressesRepository } from './infrastructure/saved-addresses.repository';
import { ShippingRepository } from './infrastructure/shipping.repository';
import { ShippingService } from './application/shipping.service';
import { SavedAddressesService } from './application/saved-addresses.service';
import { ShopperCheckout } from './application/shopper-checkout';
import { OrdersSubscribers } from './jobs/orders.subscribers';

const SERVICES = [
  CheckoutService,
  CheckoutPayment,
  OrdersService,
  OrderLifecycleService,
  OrderActionsService,
  SavedAddressesService,
  ShopperCheckout,
  OrderPaymentReconciliation,
  OrderLineImages,
  ShippingService,
  CodGuard,
  OrderRefundsService,
  TransferReviewsService,
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
    TransferHeldNotices,
    OrdersRepository,
    SavedAddressesRepository,
    ShippingRepository,
  ],
  exports: SERVICES,
})
export class OrdersModule {}
