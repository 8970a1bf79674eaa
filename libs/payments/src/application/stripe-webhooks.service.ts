import { Inject, Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { TransactionRunner } from '@ocop/db';
import { applyPaymentEvent, PaymentError, paymentIntentOfEvent, STRIPE_EVENT_TRIGGERS } from '../domain';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { PaymentAnnouncer } from './payment-announcer';
import { PaymentsService } from './payments.service';
import { StripeClient } from './stripe-client';

/** A partial refund that was pending settles through these (the object is the Refund). */
const REFUND_EVENTS = new Set(['refund.updated', 'charge.refund.updated']);

export interface WebhookReceipt {
  received: true;
  eventId: string;
  duplicate: boolean;
}

/**
 * Stripe webhooks in two steps: `receive` (api) verifies the signature on the raw body, stores the event once by
 * its id and enqueues it; `process` (worker) applies it to its payment under a row lock, once.
 */
@Injectable()
export class StripeWebhooksService {
  private readonly log = new Logger(StripeWebhooksService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stripe: StripeClient,
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly announcer: PaymentAnnouncer,
    private readonly paymentsService: PaymentsService,
  ) {}

  /**
   * Verifies and stores an event, and its outbox message in the same transaction; the worker applies it. Only
   * PostgreSQL is on the acknowledgement's path: a Redis outage never delays Stripe's 200, and an event stored is an
   * event applied (at least once; applying is idempotent). A redelivery finds the event stored and adds nothing.
   */
  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const event = this.verify(rawBody, signature);
    const stored = await this.payments.insertEventAnnounced({
      id: event.id,
      type: event.type,
      payload: event as unknown as Record<string, unknown>,
    });
    return { received: true, eventId: event.id, duplicate: !stored };
  }

  private verify(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!secret)
      throw new PaymentError(
        'WEBHOOKS_DISABLED',
        'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET)',
      );
    if (!rawBody || !signature) {
      throw new PaymentError(
        'WEBHOOK_SIGNATURE_INVALID',
        'A Stripe-Signature header and a JSON body are required',
      );
    }
    try {
      return this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        secret,
        this.config.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/tolerance/i.test(message)) {
        throw new PaymentError(
          'WEBHOOK_TIMESTAMP_STALE',
          'The webhook signature timestamp is too old (a replay?)',
        );
      }
      throw new PaymentError('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature does not match the payload');
    }
  }

  /**
   * The reconciliation's check that every payment follows what Stripe reported: events stored in [since, before) and
   * never applied (their `payments.stripe-event-received` message was lost), applied now by the subscriber's own
   * idempotent code when `repair`.
   */
  async reconcile(options: {
    repair: boolean;
    since: Date;
    before: Date;
  }): Promise<{ found: string[]; repaired: number }> {
    const found = await this.payments.unprocessedEventIds(options.since, options.before, 1_000);
    let repaired = 0;
    if (!options.repair) return { found, repaired };
    for (const eventId of found) {
      try {
        await this.process(eventId);
        repaired++;
      } catch (error) {
        this.log.error(
          { reconciliation: 'payment-follows-stripe', eventId, err: error },
          'Could not apply the event',
        );
      }
    }
    return { found, repaired };
  }

  /** Applies a stored event; safe to run any number of times and concurrently. Returns the outcome recorded. */
  async process(eventId: string): Promise<string> {
    const outcome = await this.tx.run(async (em) => {
      const event = await this.payments.lockEvent(em, eventId);
      if (!event) return 'missing';
      if (event.processedAt) return event.outcome ?? 'processed';
      if (REFUND_EVENTS.has(event.type)) {
        const refund = event.payload.data?.object ?? {};
        const result =
          typeof refund['id'] === 'string' && typeof refund['status'] === 'string'
            ? await this.paymentsService.applyRefundUpdate(em, refund['id'], refund['status'])
            : 'ignored:unhandled';
        await this.payments.markEventProcessed(em, event.id, result);
        return result;
      }
      const trigger = STRIPE_EVENT_TRIGGERS[event.type];
      const object = event.payload.data?.object ?? {};
      const intentId = trigger ? paymentIntentOfEvent(event.type, object) : null;
      let result: string;
      if (!trigger || !intentId) {
        result = 'ignored:unhandled';
      } else {
        const payment = await this.payments.lockByIntent(em, intentId);
        if (!payment) {
          result = 'ignored:unknown_payment';
        } else {
          const created = event.payload['created'];
          const eventCreatedAt = typeof created === 'number' ? new Date(created * 1000) : null;
          const applied = applyPaymentEvent(payment.status, trigger, {
            eventCreatedAt,
            lastEventCreatedAt: payment.lastEventCreatedAt,
          });
          if (applied.kind === 'moved') {
            await this.payments.transition(em, payment, applied.to, trigger, event.id, {
              lastEventCreatedAt: eventCreatedAt ?? payment.lastEventCreatedAt,
            });
            await this.announcer.announce(em, applied.to, payment);
            result = `moved:${applied.from}->${applied.to}`;
          } else {
            result = `ignored:${applied.reason}`;
          }
        }
      }
      await this.payments.markEventProcessed(em, event.id, result);
      return result;
    });
    this.log.log(`Stripe event ${eventId}: ${outcome}`);
    return outcome;
  }
}
