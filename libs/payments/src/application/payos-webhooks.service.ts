import { Inject, Injectable, Logger } from '@nestjs/common';
import { WebhookError, type Webhook } from '@payos/node';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { decideTransfer, parsePayosDateTime, PaymentError } from '../domain';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { PaymentAnnouncer } from './payment-announcer';
import { PayosClient } from './payos-client';

export interface PayosWebhookReceipt {
  received: true;
  /**
   * What the transfer did, a stable code: moved:succeeded; held:amount_mismatch, held:after_expiry,
   * held:payment_canceled, held:already_paid, held:under_review, held:payment_closed (money kept for a person to
   * decide);
   * ignored:unknown_order_code, ignored:not_a_payment.
   */
  outcome: string;
  /** The same signed delivery was received before: nothing changed, its first outcome is repeated. */
  duplicate: boolean;
}

interface CheckedWebhook {
  body: Webhook;
  orderCode: number;
  amountVnd: number;
  reference: string;
  at: Date;
  success: boolean;
  /** Dated longer ago than PAYOS_WEBHOOK_TOLERANCE_SECONDS. */
  stale: boolean;
}

/**
 * payOS's webhook: the signature is checked with the checksum key through the SDK, each delivery is stored once (by
 * its signature: payOS signs the transfer's data, so a redelivery or a replay carries the same one) and applied to
 * its payment in the same transaction, under the payment's row lock. Only PostgreSQL is on the acknowledgement's
 * path; the payment's outcome reaches orders through the outbox.
 */
@Injectable()
export class PayosWebhooksService {
  private readonly log = new Logger(PayosWebhooksService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly payos: PayosClient,
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly announcer: PaymentAnnouncer,
    private readonly outbox: OutboxWriter,
  ) {}

  async receive(body: unknown, now: Date = new Date()): Promise<PayosWebhookReceipt> {
    const hook = await this.verify(body, now);
    if (hook.stale) {
      // payOS confirms a webhook URL by posting its sample transfer (an old date, an order code nobody has): that is
      // acknowledged. An old transfer for one of our payments is a replay: refused, nothing stored.
      if (!(await this.payments.orderCodeExists(hook.orderCode))) {
        return { received: true, outcome: 'ignored:unknown_order_code', duplicate: false };
      }
      throw new PaymentError(
        'WEBHOOK_TIMESTAMP_STALE',
        'The transfer is older than webhooks are accepted for',
        {
          transactionDateTime: hook.body.data.transactionDateTime,
        },
      );
    }
    if (!hook.success) return { received: true, outcome: 'ignored:not_a_payment', duplicate: false };
    const receipt = await this.tx.run(async (em) => {
      // The payment's row lock first: concurrent deliveries for one payment decide one after the other, and the
      // delivery is stored with the outcome it has, so a redelivery finds that outcome and changes nothing.
      const locked = await this.payments.lockByOrderCode(em, hook.orderCode);
      const payment = locked?.method === 'vietqr' ? locked : null;
      const decision = payment
        ? decideTransfer(
            {
              status: payment.status,
              amountVnd: payment.amountVnd,
              expiresAt: payment.payosLink?.expiresAt ? new Date(payment.payosLink.expiresAt) : null,
            },
            { amountVnd: hook.amountVnd, at: hook.at },
          )
        : null;
      const outcome = decision?.outcome ?? 'ignored:unknown_order_code';
      const stored = await this.payments.insertPayosEvent(em, {
        signature: hook.body.signature,
        orderCode: hook.orderCode,
        amountVnd: hook.amountVnd,
        reference: hook.reference,
        payload: hook.body,
        outcome,
        paymentId: locked?.id ?? null,
        needsReview: decision?.kind !== 'succeed',
      });
      if ('seen' in stored) return { received: true as const, outcome: stored.seen, duplicate: true };
      if (payment && decision?.kind === 'succeed') {
        await this.payments.transition(em, payment, 'succeeded', 'succeed', null, {}, hook.body.signature);
        await this.announcer.announce(em, 'succeeded', payment);
      } else if (payment && decision?.kind === 'hold') {
        await this.payments.transition(
          em,
          payment,
          'held_for_review',
          'hold',
          null,
          { reviewReason: decision.outcome.slice('held:'.length) },
          hook.body.signature,
        );
      }
      if (decision?.kind !== 'succeed' && payment) {
        await this.outbox.write(em, {
          topic: 'payments.transfer-held',
          key: payment.id,
          payload: { transferId: stored.id, paymentId: payment.id, reference: payment.reference, outcome },
        });
      }
      return { received: true as const, outcome, duplicate: false };
    });
    if (!receipt.duplicate)
      this.log.log(`payOS transfer for order code ${hook.orderCode}: ${receipt.outcome}`);
    return receipt;
  }

  private async verify(body: unknown, now: Date): Promise<CheckedWebhook> {
    const api = this.payos.api;
    if (!api) {
      throw new PaymentError(
        'WEBHOOKS_DISABLED',
        'payOS webhooks are not configured (PAYOS_CLIENT_ID, PAYOS_API_KEY, PAYOS_CHECKSUM_KEY)',
      );
    }
    if (!isRecord(body) || !isRecord(body['data']) || typeof body['signature'] !== 'string') {
      throw new PaymentError('WEBHOOK_MALFORMED', 'A payOS webhook is a JSON object with data and signature');
    }
    const data = body['data'];
    const orderCode = data['orderCode'];
    const amount = data['amount'];
    const reference = data['reference'];
    if (
      !Number.isSafeInteger(orderCode) ||
      (orderCode as number) <= 0 ||
      !Number.isSafeInteger(amount) ||
      (amount as number) < 0 ||
      typeof reference !== 'string' ||
      reference.length === 0 ||
      reference.length > 200 ||
      !/^[0-9a-f]{64}$/i.test(body['signature'])
    ) {
      throw new PaymentError(
        'WEBHOOK_MALFORMED',
        'The webhook lacks a numeric orderCode and amount, a reference or a signature',
      );
    }
    try {
      await api.webhooks.verify(body as unknown as Webhook);
    } catch (error) {
      if (error instanceof WebhookError) {
        throw new PaymentError('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature does not match its data');
      }
      throw error;
    }
    const at = parsePayosDateTime(data['transactionDateTime']);
    if (!at) throw new PaymentError('WEBHOOK_MALFORMED', 'The webhook has no readable transactionDateTime');
    const stale = now.getTime() - at.getTime() > this.config.PAYOS_WEBHOOK_TOLERANCE_SECONDS * 1000;
    const success = body['code'] === '00' && data['code'] === '00';
    return {
      body: body as unknown as Webhook,
      orderCode: orderCode as number,
      amountVnd: amount as number,
      reference,
      at,
      success,
      stale,
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
