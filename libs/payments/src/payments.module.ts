import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@ocop/db';
import { HeldTransfersService } from './application/held-transfers.service';
import { PaymentAnnouncer } from './application/payment-announcer';
import { PaymentsService } from './application/payments.service';
import { RecordedRefunds } from './application/refund-providers';
import { StripeClient } from './application/stripe-client';
import { StripeWebhooksService } from './application/stripe-webhooks.service';
import { PayosClient } from './application/payos-client';
import { PayosWebhooksService } from './application/payos-webhooks.service';
import { VietqrPaymentsService } from './application/vietqr-payments.service';
import { PaymentTransitionEntity } from './infrastructure/payment-transition.entity';
import { PaymentEntity } from './infrastructure/payment.entity';
import { HeldTransfersRepository } from './infrastructure/held-transfers.repository';
import { PaymentsRepository } from './infrastructure/payments.repository';
import { PaymentsSubscribers } from './jobs/payments.subscribers';
import { StripeEventEntity } from './infrastructure/stripe-event.entity';

export const PAYMENTS_ENTITIES = [PaymentEntity, PaymentTransitionEntity, StripeEventEntity];

/** COD, Stripe card payments and VietQR transfers through payOS, without HTTP: orders, the worker and the CLI import this. */
@Module({
  imports: [TypeOrmModule.forFeature(PAYMENTS_ENTITIES), OutboxModule],
  providers: [
    PaymentsService,
    StripeWebhooksService,
    StripeClient,
    PaymentAnnouncer,
    PaymentsRepository,
    PaymentsSubscribers,
    PayosClient,
    VietqrPaymentsService,
    PayosWebhooksService,
    RecordedRefunds,
    HeldTransfersRepository,
    HeldTransfersService,
  ],
  exports: [
    PaymentsService,
    StripeWebhooksService,
    VietqrPaymentsService,
    PayosWebhooksService,
    RecordedRefunds,
    HeldTransfersService,
  ],
})
export class PaymentsModule {}
