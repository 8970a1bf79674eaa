import { Module } from '@nestjs/common';
import { PaymentsModule } from './payments.module';

/**
 * Payments in the worker: stored Stripe events reach their payments through the outbox (the
 * `payments.stripe-event-received` subscriber in jobs/payments.subscribers.ts), relayed by the worker's outbox relay.
 */
@Module({
  imports: [PaymentsModule],
})
export class PaymentsJobsModule {}
