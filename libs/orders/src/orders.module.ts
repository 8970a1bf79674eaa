import './orders.events';
import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { LiveModule } from '@ocop/live';
import { PaymentsModule } from '@ocop/payments';
import { QueueModule } from '@ocop/queue';
import { CheckoutService } from './application/checkout.service';
import { OrderExpiryJobs } from './application/order-expiry.jobs';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { OrdersService } from './application/orders.service';
import { OrdersRepository } from './infrastructure/orders.repository';

const SERVICES = [CheckoutService, OrdersService, OrderLifecycleService];

/** Checkout, orders and their system transitions, without HTTP: the worker and the CLI import this. */
@Module({
  imports: [OutboxModule, CatalogueModule, LiveModule, PaymentsModule, QueueModule.register('orders')],
  providers: [...SERVICES, OrderExpiryJobs, OrdersRepository],
  exports: SERVICES,
})
export class OrdersModule {}
