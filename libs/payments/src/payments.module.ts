import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@ocop/db';
import { PaymentAnnouncer } from './application/payment-announcer';
import { PaymentsService } from './application/payments.service';
import { StripeClient } from './application/stripe-client';
import { StripeWebhooksService } from './application/stripe-webhooks.service';
import { PaymentTransitionEntity } from './infrastructure/payment-transition.entity';
import { PaymentEntity } from './infrastructure/payment.entity';
import { PaymentsRepository } from './infrastructure/payments.repository';
import { PaymentsSubscribers } from './jobs/payments.subscribers';
import { StripeEventEntity } from './infrastructure/stripe-event.entity';

export const PAYMENTS_ENTITIES = [PaymentEntity, PaymentTransitionEntity, StripeEventEntity];

/** COD and Stripe card payments, without HTTP: orders, the worker and the CLI import this. */
@Module({
  imports: [TypeOrmModule.forFeature(PAYMENTS_ENTITIES), OutboxModule],
  providers: [
    PaymentsService,
    StripeWebhooksService,
    StripeClient,
    PaymentAnnouncer,
    PaymentsRepository,
    PaymentsSubscribers,
  ],
  exports: [PaymentsService, StripeWebhooksService],
})
export class PaymentsModule {}
