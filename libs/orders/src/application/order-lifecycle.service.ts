import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CatalogueFacade } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, isUuid } from '@ocop/kernel';
import { PaymentEvents, PaymentsService, PaymentSucceededEvent } from '@ocop/payments';
import { canTransitionOrder, transition } from '../domain';
import { OrdersRepository } from '../infrastructure/orders.repository';

export const SWEEP_BATCH = 500;

/**
 * System transitions of orders: expiry of unpaid card orders (job and sweeper) and payment. Each decides with one
 * conditional UPDATE on the current status, so a job, the sweeper and a duplicate event apply it once.
 */
@Injectable()
export class OrderLifecycleService {
  private readonly log = new Logger(OrderLifecycleService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly tx: TransactionRunner,
    private readonly catalogue: CatalogueFacade,
    private readonly payments: PaymentsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Expires the order if it is still an unpaid card order past its deadline: the status change and the stock's
   * return commit together; the card payment is canceled after. Returns whether this call expired it.
   */
  async expire(orderId: string): Promise<boolean> {
    if (!isUuid(orderId)) return false;
    const now = this.clock.now();
    const expired = await this.tx.run(async (em) => {
      const order = await this.orders.transitionIf(em, orderId, 'pending_payment', 'expired', { dueBy: now });
      if (!order) return null;
      const lines = (await this.orders.linesOf(em, [orderId])).get(orderId) ?? [];
      for (const line of lines) {
        await this.catalogue.releaseStock(line.productId, line.quantity, { manager: em, reference: orderId });
      }
      await this.orders.recordChange(em, orderId, 'pending_payment', 'expired', 'expire', 'system');
      return order;
    });
    if (!expired) return false;
    if (expired.paymentId) {
      // The payment covers the whole checkout; cancel it once none of its orders waits for it any more.
      const siblings = await this.orders.findByPaymentReference(expired.checkoutId);
      if (!siblings.some((o) => o.status === 'pending_payment')) {
        try {
          await this.payments.cancelCardPayment(expired.paymentId);
        } catch (error) {
          this.log.warn({ err: error, orderId }, 'Could not cancel the card payment of an expired order');
        }
      }
    }
    return true;
  }

  /** Expires every unpaid card order past its deadline (the worker was down at the due time, or Redis was). */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.orders.dueForExpiry(this.clock.now(), SWEEP_BATCH);
      let expired = 0;
      for (const id of due) if (await this.expire(id)) expired++;
      total += expired;
      if (due.length < SWEEP_BATCH || expired === 0) return total;
    }
  }

  /** A payment started with an order id or a checkout id as reference has succeeded. */
  @OnEvent(PaymentEvents.Succeeded)
  async onPaymentSucceeded(event: PaymentSucceededEvent): Promise<void> {
    try {
      await this.paid(event.reference);
    } catch (error) {
      this.log.error({ err: error, reference: event.reference }, 'Could not apply a payment to its orders');
    }
  }

  /** pending_payment -> confirmed; a payment landing on an expired or cancelled order makes it refund_due. */
  async paid(reference: string): Promise<number> {
    if (!isUuid(reference)) return 0;
    const orders = await this.orders.findByPaymentReference(reference);
    let changed = 0;
    for (const order of orders) {
      if (order.paymentMethod !== 'card' || !canTransitionOrder(order, 'pay')) continue;
      const to = transition(order, 'pay');
      const done = await this.tx.run(async (em) => {
        const row = await this.orders.transitionIf(em, order.id, order.status, to);
        if (row) await this.orders.recordChange(em, order.id, order.status, to, 'pay', 'system');
        return row !== null;
      });
      if (done) changed++;
    }
    return changed;
  }
}
