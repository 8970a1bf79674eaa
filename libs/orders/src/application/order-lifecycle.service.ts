import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade, StockResult } from '@ocop/catalogue';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, DomainError, isUuid } from '@ocop/kernel';
import { LiveFacade } from '@ocop/live';
import { PaymentsService, RecordedRefunds, VietqrPaymentsService } from '@ocop/payments';
import { EntityManager } from 'typeorm';
import { canTransitionOrder, OrderActor, OrderEvent, OrderStatus, paysOnline, transition } from '../domain';
import { OrderRow, OrdersRepository } from '../infrastructure/orders.repository';
import type { OrderStatusChangedPayload } from '../orders.events';

export const SWEEP_BATCH = 500;
/** Stripe errors that mean "try again later" rather than "no". */
const PROVIDER_OUTAGES = new Set(['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError']);
/** A refund still not requested this long after the order became refund_due is retried by the sweeper. */
export const REFUND_RETRY_AFTER_MS = 60_000;

/** Whether a change gives the order's goods back to stock: it ends before shipping. */
function returnsStock(from: OrderStatus, to: OrderStatus): boolean {
  return (
    (from === 'pending_payment' || from === 'confirmed') &&
    (to === 'cancelled' || to === 'expired' || to === 'refund_due')
  );
}

export interface AppliedChange {
  order: OrderRow;
  from: OrderStatus;
  to: OrderStatus;
  /** Flash deals that got units back: their rooms hear of it after the commit. */
  deals: string[];
  /** Products that got units back: announced after the commit too. */
  stock: StockResult[];
}

/**
 * Applies order transitions. Every change is one conditional UPDATE on the status the caller saw, in a transaction
 * that also writes the history row, returns the goods (to the flash deal while it runs, else to the product) and the
 * `orders.status-changed` outbox message; a job, the sweeper and a duplicate event therefore apply a change once.
 * Also the system's own transitions: expiry of unpaid card orders (job and sweeper) and the payment outcomes.
 */
@Injectable()
export class OrderLifecycleService {
  private readonly log = new Logger(OrderLifecycleService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueFacade,
    private readonly live: LiveFacade,
    private readonly payments: PaymentsService,
    private readonly vietqr: VietqrPaymentsService,
    private readonly refunds: RecordedRefunds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * An order expired or was cancelled unpaid: its card payment is canceled from the committed event, so a crash right
   * after the order's commit never leaves the PaymentIntent open. Other changes need nothing here.
   */
  async cancelPaymentAfter(change: OrderStatusChangedPayload): Promise<void> {
    const { paymentMethod, from, to, orderId } = change;
    if (!paysOnline(paymentMethod) || from !== 'pending_payment' || (to !== 'expired' && to !== 'cancelled'))
      return;
    const order = await this.orders.findById(orderId);
    if (order?.paymentId) await this.cancelUnusedCardPayment(order, { retryOnOutage: true });
  }

  /**
   * Moves `order` (as the caller read it) by `event` inside `em`. Null when the order moved meanwhile (the
   * conditional UPDATE found another status): nothing was written.
   */
  async applyIn(
    em: EntityManager,
    order: OrderRow,
    event: OrderEvent,
    actor: OrderActor,
    options: { dueBy?: Date; settled?: boolean } = {},
  ): Promise<AppliedChange | null> {
    const from = order.status;
    const to = transition(order, event);
    const row = await this.orders.transitionIf(em, order.id, from, to, { dueBy: options.dueBy });
    if (!row) return null;
    await this.orders.recordChange(em, order.id, from, to, event, actor.kind);
    const deals: string[] = [];
    const stock: StockResult[] = [];
    if (returnsStock(from, to)) {
      const lines = (await this.orders.linesOf(em, [order.id])).get(order.id) ?? [];
      for (const line of lines) {
        if (line.sessionId) {
          await this.live.returnListingQuota(em, {
            sessionId: line.sessionId,
            productId: line.productId,
            buyerUserId: order.buyerUserId,
            quantity: line.quantity,
          });
        }
        if (line.dealId) {
          // To the deal while it runs, else to the product's stock: the deal decides, under its row lock.
          const where = await this.live.returnDealUnits(em, {
            dealId: line.dealId,
            buyerUserId: order.buyerUserId,
            quantity: line.quantity,
            reference: order.id,
          });
          if (where === 'deal') deals.push(line.dealId);
        } else {
          await this.catalogue.releaseStock(line.productId, line.quantity, {
            manager: em,
            reference: order.id,
          });
        }
      }
    }
    await this.outbox.write(em, {
      topic: 'orders.status-changed',
      key: order.id,
      payload: {
        orderId: order.id,
        checkoutId: order.checkoutId,
        buyerUserId: order.buyerUserId,
        producerId: order.producerId,
        sessionId: order.sessionId,
        paymentMethod: order.paymentMethod,
        totalVnd: String(order.totalVnd),
        from,
        to,
        event,
        actor: actor.kind,
        settled: options.settled === true,
        at: this.clock.now().toISOString(),
      },
    });
    return { order: row, from, to, deals, stock };
  }

  /**
   * After a change committed: the money side effects it calls for (a refund; a COD payment no longer expected). The
   * card payment of an order expired or cancelled unpaid is canceled from the outbox (cancelPaymentAfter).
   */
  async afterChange(change: AppliedChange): Promise<void> {
    for (const dealId of new Set(change.deals)) this.live.announceDeal(dealId);
    for (const moved of change.stock) this.catalogue.stockCommitted(moved);
    const { order, to } = change;
    if (to === 'refund_due') {
      await this.requestRefund(order);
    } else if (to === 'cancelled' && order.paymentMethod === 'cod' && order.paymentId) {
      try {
        await this.payments.cancelCodPayment(order.paymentId);
      } catch (error) {
        this.log.warn(
          { err: error, orderId: order.id },
          'Could not cancel the COD payment of a cancelled order',
        );
      }
    }
  }

  /**
   * Expires the order if it is still an unpaid card order past its deadline: the status change and the stock's
   * return commit together; the card payment is canceled after. Returns whether this call expired it.
   */
  async expire(orderId: string): Promise<boolean> {
    if (!isUuid(orderId)) return false;
    const now = this.clock.now();
    const change = await this.tx.run(async (em) => {
      const order = await this.orders.lockById(em, orderId);
      if (!order || order.status !== 'pending_payment' || !paysOnline(order.paymentMethod)) return null;
      return this.applyIn(em, order, 'expire', { kind: 'system' }, { dueBy: now });
    });
    if (!change) return false;
    await this.afterChange(change);
    return true;
  }

  /**
   * The safety net, every minute: expires every unpaid card order past its deadline (the worker or Redis was away
   * at the due time) and retries refunds that could not be requested (the provider was unreachable).
   */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.orders.dueForExpiry(this.clock.now(), SWEEP_BATCH);
      let expired = 0;
      for (const id of due) if (await this.expire(id)) expired++;
      total += expired;
      if (due.length < SWEEP_BATCH || expired === 0) break;
    }
    const stuck = await this.orders.refundDueSince(
      new Date(this.clock.now().getTime() - REFUND_RETRY_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const order of stuck) await this.requestRefund(order);
    return total;
  }

  /** pending_payment -> confirmed; a payment landing on an expired or cancelled order makes it refund_due. */
  async paid(reference: string): Promise<number> {
    if (!isUuid(reference)) return 0;
    const orders = await this.orders.findByPaymentReference(reference);
    let changed = 0;
    for (const order of orders) {
      if (!paysOnline(order.paymentMethod) || !canTransitionOrder(order, 'pay')) continue;
      const change = await this.tx.run((em) => this.applyIn(em, order, 'pay', { kind: 'system' }));
      if (change) {
        changed++;
        await this.afterChange(change);
      }
    }
    return changed;
  }

  /** A refund succeeded: refund_due -> refunded for the order it names (or every refund_due order of a checkout). */
  async refunded(reference: string): Promise<number> {
    if (!isUuid(reference)) return 0;
    const orders = await this.orders.findByPaymentReference(reference);
    let changed = 0;
    for (const order of orders) {
      if (order.status !== 'refund_due') continue;
      const change = await this.tx.run((em) => this.applyIn(em, order, 'refund', { kind: 'system' }));
      if (change) {
        changed++;
        await this.afterChange(change);
      }
    }
    return changed;
  }

  /**
   * Asks payments for the money back. Card (while Stripe is on): a refund of this order's amount (one per order,
   * idempotent); COD: the cash handed back; any other online method waits for a refund recorded by hand. A failure
   * leaves the order refund_due and the sweeper asks again.
   */
  private async requestRefund(order: OrderRow): Promise<void> {
    // A VietQR transfer is given back by the farmer or an admin, who record it: nothing is asked of payOS here.
    if (!order.paymentId || order.paymentMethod === 'vietqr') return;
    try {
      if (order.paymentMethod === 'cod') {
        // Cash given back already (the retry of a refund whose outcome is still on its way through the outbox).
        if ((await this.payments.find(order.paymentId))?.status === 'refunded') return;
        await this.payments.refund(order.paymentId, `Order ${order.id} returned`);
      } else if (this.refunds.providerFor(order.paymentMethod) === 'stripe') {
        await this.payments.refundPart(order.paymentId, {
          reference: order.id,
          amountVnd: order.totalVnd,
          reason: `Order ${order.id} cancelled`,
        });
      }
      // Any other online payment is refunded by hand: the farmer or an admin records the transfer (OrderRefundsService).
    } catch (error) {
      this.log.warn(
        { err: error, orderId: order.id },
        'Could not request the refund of an order; will retry',
      );
    }
  }

  /**
   * The card payment covers the whole checkout; cancel it once none of its orders waits for it any more. A refusal
   * (the buyer paid meanwhile: the payment is no longer cancelable) is final; with `retryOnOutage`, Stripe being
   * unreachable throws so that the outbox delivery is retried.
   */
  private async cancelUnusedCardPayment(
    order: OrderRow,
    options: { retryOnOutage?: boolean } = {},
  ): Promise<void> {
    const siblings = await this.orders.findByPaymentReference(order.checkoutId);
    if (siblings.some((o) => o.status === 'pending_payment')) return;
    try {
      if (order.paymentMethod === 'vietqr') {
        await this.vietqr.cancel(order.paymentId as string, 'Order expired or cancelled unpaid');
        return;
      }
      await this.payments.cancelCardPayment(order.paymentId as string);
    } catch (error) {
      const payosOutage =
        error instanceof DomainError &&
        error.code === 'PAYMENT_PROVIDER_REJECTED' &&
        error.details?.['retry'] === true;
      if (options.retryOnOutage && payosOutage) throw error;
      const outage =
        error instanceof DomainError &&
        error.code === 'PAYMENT_PROVIDER_REJECTED' &&
        PROVIDER_OUTAGES.has(String(error.details?.['type']));
      if (options.retryOnOutage && (outage || !(error instanceof DomainError))) throw error;
      this.log.warn({ err: error, orderId: order.id }, 'Could not cancel the card payment of an order');
    }
  }
}
