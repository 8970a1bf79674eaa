import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@ocop/kernel';
import { PaymentsService, StripeWebhooksService } from '@ocop/payments';
import { canTransitionOrder, OrderStatus } from '../domain';
import { OrdersRepository } from '../infrastructure/orders.repository';
import { OrderLifecycleService } from './order-lifecycle.service';

/** An order whose status has not followed its payment. */
export interface OrderPaymentDrift {
  orderId: string;
  status: OrderStatus;
  paymentId: string;
  paymentStatus: string;
}

export interface OrderPaymentCheck {
  /** Stripe events stored and never applied to their payment (checked, and applied, first). */
  events: { found: string[]; repaired: number };
  found: OrderPaymentDrift[];
  repaired: number;
}

/** At most this many card orders are looked at per run. */
const MAX_PER_RUN = 5_000;

/**
 * "Every order's status agrees with its payment": first every Stripe event stored is applied to its payment; then a
 * card payment that succeeded moves its orders (pending_payment to
 * confirmed; expired or cancelled to refund_due) through the `payments.succeeded` message. An order still waiting
 * while its payment succeeded more than `graceMs` ago is moved by the same idempotent handler the message's
 * subscriber runs (OrderLifecycleService.paid).
 */
@Injectable()
export class OrderPaymentReconciliation {
  private readonly log = new Logger(OrderPaymentReconciliation.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsService,
    private readonly webhooks: StripeWebhooksService,
    private readonly lifecycle: OrderLifecycleService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(options: { repair: boolean; since: Date; graceMs: number }): Promise<OrderPaymentCheck> {
    const events = await this.webhooks.reconcile({
      repair: options.repair,
      since: options.since,
      before: new Date(this.clock.now().getTime() - options.graceMs),
    });
    const waiting = await this.orders.cardOrdersAwaitingPaymentOutcome(options.since, MAX_PER_RUN);
    const payments = new Map(
      (await this.payments.findMany([...new Set(waiting.map((o) => o.paymentId as string))])).map((p) => [
        p.id,
        p,
      ]),
    );
    const settledBefore = this.clock.now().getTime() - options.graceMs;
    const drifts = waiting.flatMap((order) => {
      const payment = payments.get(order.paymentId as string);
      if (!payment || payment.status !== 'succeeded') return [];
      if (Date.parse(payment.updatedAt) > settledBefore || !canTransitionOrder(order, 'pay')) return [];
      return [{ order, payment }];
    });
    const found = drifts.map(({ order, payment }) => ({
      orderId: order.id,
      status: order.status,
      paymentId: payment.id,
      paymentStatus: payment.status,
    }));
    let repaired = 0;
    if (!options.repair) return { events, found, repaired };
    for (const reference of new Set(drifts.map((d) => d.payment.reference))) {
      const moved = await this.lifecycle.paid(reference);
      repaired += moved;
      if (moved > 0) {
        this.log.warn(
          { reconciliation: 'order-payment', reference, moved },
          'Orders moved after their payment had succeeded',
        );
      }
    }
    return { events, found, repaired };
  }
}
