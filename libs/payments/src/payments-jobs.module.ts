import { Module } from '@nestjs/common';
import { PaymentsProcessor } from './jobs/payments.processor';
import { PaymentsModule } from './payments.module';

/** The payments processors, for the worker process: applies stored Stripe events to payments. */
@Module({
  imports: [PaymentsModule],
  providers: [PaymentsProcessor],
})
export class PaymentsJobsModule {}
