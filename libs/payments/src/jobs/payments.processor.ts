import { Processor } from '@nestjs/bullmq';
import { JobHandlers, TypedProcessor } from '@ocop/queue';
import { StripeWebhooksService } from '../application/stripe-webhooks.service';

@Processor('payments')
export class PaymentsProcessor extends TypedProcessor<'payments'> {
  protected readonly queue = 'payments' as const;

  constructor(private readonly webhooks: StripeWebhooksService) {
    super();
  }

  protected readonly handlers: JobHandlers<'payments'> = {
    'stripe-event': (payload) => this.webhooks.process(payload.eventId),
  };
}
