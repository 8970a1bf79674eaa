import { Module } from '@nestjs/common';
import { ClientConfigService } from './application/client-config.service';
import { ClientConfigController } from './http/client-config.controller';
import { StripeWebhookController } from './http/stripe-webhook.controller';
import { PayosWebhookController } from './http/payos-webhook.controller';
import { PaymentsModule } from './payments.module';

@Module({
  imports: [PaymentsModule],
  controllers: [StripeWebhookController, PayosWebhookController, ClientConfigController],
  providers: [ClientConfigService],
})
export class PaymentsHttpModule {}
