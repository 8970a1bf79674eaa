import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { EntityManager } from 'typeorm';
import { isUniqueViolation, OutboxWriter, TransactionRunner } from '@ocop/db';
import { isUuid } from '@ocop/kernel';
import { canApply, nextPaymentStatus, PaymentError, PaymentStatus, PaymentTrigger } from '../domain';
import { PaymentEntity } from '../infrastructure/payment.entity';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { PaymentAnnouncer } from './payment-announcer';
import { StripeClient } from './stripe-client';
import { PaymentView, StartCardPaymentInput, StartCodPaymentInput, StartedCardPayment } from './views';

export function toPaymentView(p: PaymentEntity): PaymentView {
  return {
    id: p.id,
    reference: p.reference,
    method: p.method,
    amountVnd: p.amountVnd,
    status: p.status,
    stripePaymentIntentId: p.stripePaymentIntentId,
    collectedVnd: p.collectedVnd,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function assertAmount(amountVnd: number): void {
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) {
    throw new PaymentError('INVALID_AMOUNT', 'The amount must be a positive whole number of đồng', {
      amountVnd,
    });
  }
}

/** Stripe's PaymentIntent statuses, in our terms (requires_* all mean "the buyer has not paid yet"). */
function statusOfIntent(intent: Stripe.PaymentIntent): PaymentStatus {
  switch (intent.status) {
    case 'processing':
      return 'processing';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    default:
      return 'requires_payment';
  }
}

/**
 * The payments facade: starts COD and card payments, records cash collection, refunds and cancels. Knows nothing
 * of orders: callers pass a `reference` and hear back through the payments.* events.
 */
@Injectable()
export class PaymentsService {
  private readonly log = new Logger(PaymentsService.name);

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly stripe: StripeClient,
    private readonly announcer: PaymentAnnouncer,
    private readonly outbox: OutboxWriter,
  ) {}

  get cardPaymentsEnabled(): boolean {
    return this.stripe.api !== null;
  }

  async startCardPayment(input: StartCardPaymentInput): Promise<StartedCardPayment> {
    assertAmount(input.amountVnd);
    const api = this.requireStripe();
    const intent = await this.call(() =>
      api.paymentIntents.create(
        {
          amount: input.amountVnd, // VND is a zero-decimal currency: whole đồng, never ×100
          currency: 'vnd',
          payment_method_types: ['card'],
          metadata: { reference: input.reference },
          ...(input.description ? { description: input.description } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      ),
    );
    if (!intent.client_secret)
      throw new PaymentError('PAYMENT_PROVIDER_REJECTED', 'Stripe returned no client secret');
    // A retried call (same idempotency key) gets the same intent back: answer with the payment stored the first time.
    const record = () =>
      this.tx.run(async (em) => {
        const existing = await this.payments.lockByIntent(em, intent.id);
        if (existing) return existing;
        return this.payments.insert(em, {
          reference: input.reference,
          method: 'card',
          amountVnd: input.amountVnd,
          status: statusOfIntent(intent),
          stripePaymentIntentId: intent.id,
        });
      });
    // Two calls racing with the same key both get the intent; the loser of the insert reads the winner's row.
    const payment = await record().catch((error: unknown) => {
      if (isUniqueViolation(error, 'payments_stripe_payment_intent_id_key')) return record();
      throw error;
    });
    return { paymentId: payment.id, clientSecret: intent.client_secret };
  }

  /**
   * The client secret of a card payment the buyer has not paid yet, read again from Stripe (a buyer who closed the
   * page, or whose first answer was lost, resumes the same PaymentIntent). A payment already paid, failed for good or
   * canceled has nothing to resume: PAYMENT_NOT_PAYABLE (409) with its status.
   */
  async resumeCardPayment(paymentId: string): Promise<StartedCardPayment> {
    const payment = await this.findOrFail(paymentId);
    if (payment.method !== 'card' || !payment.stripePaymentIntentId)
      throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a card payment is resumed');
    if (payment.status !== 'requires_payment' && payment.status !== 'failed') {
      throw new PaymentError('PAYMENT_NOT_PAYABLE', `This payment is ${payment.status}`, {
        paymentId,
        status: payment.status,
      });
    }
    const api = this.requireStripe();
    const intentId = payment.stripePaymentIntentId;
    const intent = await this.call(() => api.paymentIntents.retrieve(intentId));
    if (!intent.client_secret)
      throw new PaymentError('PAYMENT_PROVIDER_REJECTED', 'Stripe returned no client secret');
    if (intent.status === 'canceled' || intent.status === 'succeeded' || intent.status === 'processing') {
      // The webhook that moves our payment has not arrived yet: the intent itself says it cannot take a card now.
      throw new PaymentError('PAYMENT_NOT_PAYABLE', `This payment is ${intent.status} at Stripe`, {
        paymentId,
        status: statusOfIntent(intent),
      });
    }
    return { paymentId: payment.id, clientSecret: intent.client_secret };
  }

  /**
   * A cash-on-delivery payment, awaiting collection. Given the caller's transaction (`manager`), it commits or rolls
   * back with the order it pays for.
   */
  async startCodPayment(
    input: StartCodPaymentInput,
    options: { manager?: EntityManager } = {},
  ): Promise<PaymentView> {
    assertAmount(input.amountVnd);
    const insert = (em: EntityManager) =>
      this.payments.insert(em, {
        reference: input.reference,
        method: 'cod',
        amountVnd: input.amountVnd,
        status: 'awaiting_collection',
        stripePaymentIntentId: null,
      });
    const payment = options.manager ? await insert(options.manager) : await this.tx.run(insert);
    return toPaymentView(payment);
  }

  /** The courier hands over the cash: it must be exactly the amount due. */
  async recordCodCollection(paymentId: string, input: { collectedVnd: number }): Promise<PaymentView> {
    const payment = await this.tx.run(async (em) => {
      const p = await this.lockOrFail(em, paymentId);
      if (p.method !== 'cod')
        throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a cash-on-delivery payment is collected');
      const to = nextPaymentStatus(p.status, 'collect');
      if (input.collectedVnd !== p.amountVnd) {
        throw new PaymentError(
          'COLLECTED_AMOUNT_MISMATCH',
          `Collected ${input.collectedVnd} đồng but ${p.amountVnd} đồng are due`,
          { collectedVnd: input.collectedVnd, amountVnd: p.amountVnd },
        );
      }
      await this.move(em, p, to, 'collect', null, { collectedVnd: input.collectedVnd });
      return p;
    });
    return toPaymentView(payment);
  }

  /**
   * Refunds a paid payment in full. Card: a Stripe Refund (one per payment, by idempotency key), refunded at once
   * when Stripe says so, otherwise refund_pending until charge.refunded arrives. COD: the cash is handed back.
   */
  async refund(paymentId: string, reason: string): Promise<PaymentView> {
    const current = await this.findOrFail(paymentId);
    if (current.method === 'cod') return this.commandTransition(paymentId, 'refunded');
    const api = this.requireStripe();
    nextPaymentStatus(current.status, current.status === 'refund_pending' ? 'refunded' : 'request_refund');
    const refund = await this.createStripeRefund(api, current, {
      reference: current.reference,
      reason,
      idempotencyKey: `payment:${paymentId}:refund`,
    });
    const payment = await this.tx.run(async (em) => {
      const p = await this.lockOrFail(em, paymentId);
      if (p.status === 'succeeded') {
        await this.move(em, p, 'refund_pending', 'request_refund', null, {
          stripeRefundId: refund.id,
        });
      }
      if (refund.status === 'succeeded' && p.status === 'refund_pending') {
        await this.move(em, p, 'refunded', 'refunded', null);
      }
      return p;
    });
    return toPaymentView(payment);
  }

  /**
   * Refunds part of a paid card payment, once per reference: one order of a checkout that one PaymentIntent paid.
   * A Stripe Refund with that amount (idempotency key per reference, so a retry never refunds twice); the refund is
   * announced (payments.refunded, with this reference) when Stripe says it succeeded, at once or later through its
   * webhook. The payment becomes refunded when its refunds add up to its whole amount.
   */
  async refundPart(
    paymentId: string,
    input: { reference: string; amountVnd: number; reason: string },
  ): Promise<{ status: 'pending' | 'succeeded' | 'failed'; amountVnd: number }> {
    assertAmount(input.amountVnd);
    const current = await this.findOrFail(paymentId);
    if (current.method !== 'card') {
      throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a card payment is refunded in part');
    }
    const existing = await this.payments.findRefund(paymentId, input.reference);
    if (existing) return { status: existing.status, amountVnd: existing.amountVnd };
    if (current.status !== 'succeeded') nextPaymentStatus(current.status, 'request_refund');
    const refunded = await this.payments.refundedTotal(paymentId);
    if (refunded + input.amountVnd > current.amountVnd) {
      throw new PaymentError('INVALID_AMOUNT', 'A refund cannot exceed what is left of the payment', {
        amountVnd: current.amountVnd,
        refundedVnd: refunded,
      });
    }
    const api = this.requireStripe();
    const refund = await this.createStripeRefund(api, current, {
      amountVnd: input.amountVnd,
      reference: input.reference,
      reason: input.reason,
      idempotencyKey: `payment:${paymentId}:refund:${input.reference}`,
    });
    const status =
      refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' ? 'failed' : 'pending';
    await this.tx.run(async (em) => {
      const p = await this.lockOrFail(em, paymentId);
      const inserted = await this.payments.insertRefund(em, {
        paymentId,
        reference: input.reference,
        amountVnd: input.amountVnd,
        status,
        stripeRefundId: refund.id,
      });
      if (inserted && status === 'succeeded')
        await this.refundSucceeded(em, p, input.reference, input.amountVnd);
    });
    return { status, amountVnd: input.amountVnd };
  }

  /** A pending partial refund reported by Stripe's webhook (refund.updated / charge.refund.updated). */
  async applyRefundUpdate(em: EntityManager, stripeRefundId: string, stripeStatus: string): Promise<string> {
    const refund = await this.payments.lockRefundByStripeId(em, stripeRefundId);
    if (!refund) return 'ignored:unknown_refund';
    if (refund.status !== 'pending') return 'ignored:duplicate';
    if (stripeStatus !== 'succeeded' && stripeStatus !== 'failed') return 'ignored:still_pending';
    await this.payments.setRefundStatus(em, refund.id, stripeStatus);
    if (stripeStatus === 'failed') return 'refund:failed';
    const p = await this.lockOrFail(em, refund.paymentId);
    await this.refundSucceeded(em, p, refund.reference, refund.amountVnd);
    return 'refund:succeeded';
  }

  private async refundSucceeded(
    em: EntityManager,
    p: PaymentEntity,
    reference: string,
    amountVnd: number,
  ): Promise<void> {
    await this.outbox.write(em, {
      topic: 'payments.refunded',
      key: p.id,
      payload: { paymentId: p.id, reference, amountVnd: String(amountVnd) },
    });
    const total = await this.payments.refundedTotal(p.id, em);
    if (total >= p.amountVnd && canApply(p.status, 'refunded')) {
      // Fully refunded by its parts: the parts were announced one by one, so the status moves silently.
      await this.payments.transition(em, p, 'refunded', 'refunded', null);
    }
  }

  /** The order was cancelled before delivery: no cash will be collected. */
  async cancelCodPayment(paymentId: string): Promise<PaymentView> {
    const current = await this.findOrFail(paymentId);
    if (current.method !== 'cod')
      throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a cash-on-delivery payment is canceled this way');
    if (current.status === 'canceled') return toPaymentView(current);
    return this.commandTransition(paymentId, 'cancel');
  }

  /** Cancels an unpaid card payment (its order expired); a payment Stripe already settled cannot be canceled. */
  async cancelCardPayment(paymentId: string): Promise<PaymentView> {
    const current = await this.findOrFail(paymentId);
    if (current.method !== 'card')
      throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a card payment has an intent to cancel');
    if (current.status === 'canceled') return toPaymentView(current);
    nextPaymentStatus(current.status, 'cancel');
    const api = this.requireStripe();
    await this.call(() =>
      api.paymentIntents.cancel(
        current.stripePaymentIntentId as string,
        { cancellation_reason: 'abandoned' },
        // A retry after a crash between Stripe's answer and our commit replays the first cancel, never a second.
        { idempotencyKey: `payment:${paymentId}:cancel` },
      ),
    );
    return this.commandTransition(paymentId, 'cancel');
  }

  /** Several payments at once (unknown ids are left out): the reconciliation compares them with their orders. */
  async findMany(paymentIds: readonly string[]): Promise<PaymentView[]> {
    return (await this.payments.findByIds(paymentIds.filter(isUuid))).map(toPaymentView);
  }

  async find(paymentId: string): Promise<PaymentView | null> {
    const payment = isUuid(paymentId) ? await this.payments.findById(paymentId) : null;
    return payment ? toPaymentView(payment) : null;
  }

  private async commandTransition(paymentId: string, trigger: PaymentTrigger): Promise<PaymentView> {
    const payment = await this.tx.run(async (em) => {
      const p = await this.lockOrFail(em, paymentId);
      const to = nextPaymentStatus(p.status, trigger);
      await this.move(em, p, to, trigger, null);
      return p;
    });
    return toPaymentView(payment);
  }

  /** Moves a locked payment, records the transition and announces the outcome, all in the caller's transaction. */
  private async move(
    em: EntityManager,
    p: PaymentEntity,
    to: PaymentStatus,
    trigger: PaymentTrigger,
    stripeEventId: string | null,
    changes?: Parameters<PaymentsRepository['transition']>[5],
  ): Promise<void> {
    await this.payments.transition(em, p, to, trigger, stripeEventId, changes);
    await this.announcer.announce(em, to, p);
  }

  /** A Stripe Refund of a card payment (of all of it without `amountVnd`), by the caller's idempotency key. */
  private createStripeRefund(
    api: Stripe,
    payment: PaymentEntity,
    refund: { amountVnd?: number; reference: string; reason: string; idempotencyKey: string },
  ): Promise<Stripe.Refund> {
    return this.call(() =>
      api.refunds.create(
        {
          payment_intent: payment.stripePaymentIntentId as string,
          ...(refund.amountVnd !== undefined ? { amount: refund.amountVnd } : {}),
          reason: 'requested_by_customer',
          metadata: { reference: refund.reference, reason: refund.reason.slice(0, 500) },
        },
        { idempotencyKey: refund.idempotencyKey },
      ),
    );
  }

  private requireStripe(): Stripe {
    if (!this.stripe.api) {
      throw new PaymentError(
        'CARD_PAYMENTS_DISABLED',
        'Card payments are switched off on this server (STRIPE_SECRET_KEY is not set); pay cash on delivery instead',
      );
    }
    return this.stripe.api;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        this.log.error(`Stripe refused a request: ${error.type} ${error.message}`);
        throw new PaymentError(
          'PAYMENT_PROVIDER_REJECTED',
          `The card payment provider refused: ${error.message}`,
          {
            type: error.type,
            stripeCode: error.code,
          },
        );
      }
      throw error;
    }
  }

  private async findOrFail(paymentId: string): Promise<PaymentEntity> {
    const payment = isUuid(paymentId) ? await this.payments.findById(paymentId) : null;
    if (!payment) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
    return payment;
  }

  private async lockOrFail(em: EntityManager, paymentId: string): Promise<PaymentEntity> {
    const payment = await this.payments.lock(em, paymentId);
    if (!payment) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
    return payment;
  }
}
