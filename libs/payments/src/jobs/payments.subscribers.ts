import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { StripeWebhooksService } from '../application/stripe-webhooks.service';

/** A stored Stripe event reaches its payment through the outbox (in the worker, where the relay runs). */
@Injectable()
export class PaymentsSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly webhooks: StripeWebhooksService,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('payments.stripe-event-received', 'payments.apply-stripe-event', (m) =>
      this.webhooks.process(m.payload.eventId),
    );
  }
}
