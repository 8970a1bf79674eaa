import { Module } from '@nestjs/common';
import { StripeWebhookController } from './http/stripe-webhook.controller';
import { PaymentsModule } from './payments.module';

@Module({
  imports: [PaymentsModule],
  controllers: [StripeWebhookController],
})
export class PaymentsHttpModule {}
