import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isUuid } from '@ocop/kernel';
import { PaymentsService, VietqrPaymentsService } from '@ocop/payments';
import { OrderError } from '../domain';
import { OrderRow, OrdersRepository } from '../infrastructure/orders.repository';
import { CheckoutPaymentView, CheckoutVietqrView } from './views';

/**
 * The card payment of a checkout: one PaymentIntent for the orders of the checkout that await payment. Started after
 * the orders commit; when that fails (the card provider is down), the orders stay awaiting payment and the buyer, or
 * the app by itself, starts it again here. Idempotent: the same orders and amount always give the same PaymentIntent
 * (Stripe's idempotency key), and a payment already started is resumed, never doubled.
 */
@Injectable()
export class CheckoutPayment {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsService,
    private readonly vietqr: VietqrPaymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts or shows again the VietQR payment of one of the buyer's checkouts (404 for anyone else's): one payOS link
   * for its orders that await payment, with their deadline. Idempotent: the same orders and amount give the same link.
   */
  async startOrResumeVietqr(buyerUserId: string, checkoutId: string): Promise<CheckoutVietqrView> {
    const orders = isUuid(checkoutId) ? await this.orders.ordersOfCheckout(checkoutId) : [];
    if (orders.length === 0 || orders.some((o) => o.buyerUserId !== buyerUserId)) {
      throw new OrderError('CHECKOUT_NOT_FOUND', 'No such checkout', { checkoutId });
    }
    const unpaid = orders.filter((o) => o.paymentMethod === 'vietqr' && o.status === 'pending_payment');
    if (unpaid.length === 0) {
      throw new OrderError('NOTHING_TO_PAY', 'No order of this checkout awaits a VietQR transfer', {
        checkoutId,
        statuses: orders.map((o) => ({ orderId: o.id, status: o.status, paymentMethod: o.paymentMethod })),
      });
    }
    const started = unpaid.find((o) => o.paymentId !== null);
    if (started?.paymentId) {
      const shown = await this.vietqr.view(started.paymentId);
      if (shown) {
        return {
          checkoutId,
          orderIds: unpaid.filter((o) => o.paymentId === started.paymentId).map((o) => o.id),
          vietqr: shown,
        };
      }
    }
    return this.startVietqr(checkoutId, unpaid);
  }

  /** One payOS payment link for `unpaid` (the checkout's orders awaiting payment), due when they expire. */
  async startVietqr(
    checkoutId: string,
    unpaid: Pick<OrderRow, 'id' | 'totalVnd' | 'expiresAt'>[],
  ): Promise<CheckoutVietqrView> {
    const amountVnd = unpaid.reduce((sum, o) => sum + o.totalVnd, 0);
    const deadline = Math.min(...unpaid.map((o) => (o.expiresAt ?? new Date()).getTime()));
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
    const vietqr = await this.vietqr.start({
      reference: checkoutId,
      amountVnd,
      expiresAt: new Date(deadline),
      returnUrl: `${base}/orders/${unpaid[0]?.id ?? ''}`,
      cancelUrl: `${base}/orders/${unpaid[0]?.id ?? ''}`,
    });
    const attached = await this.orders.attachCardPayment(
      unpaid.map((o) => o.id),
      vietqr.paymentId,
    );
    if (attached.length === 0) {
      throw new OrderError('NOTHING_TO_PAY', 'The orders of this checkout no longer await payment', {
        checkoutId,
      });
    }
    return { checkoutId, orderIds: attached, vietqr };
  }

  /** Starts or resumes the payment of one of the buyer's card checkouts (404 for anyone else's). */
  async startOrResume(buyerUserId: string, checkoutId: string): Promise<CheckoutPaymentView> {
    const orders = isUuid(checkoutId) ? await this.orders.ordersOfCheckout(checkoutId) : [];
    if (orders.length === 0 || orders.some((o) => o.buyerUserId !== buyerUserId)) {
      throw new OrderError('CHECKOUT_NOT_FOUND', 'No such checkout', { checkoutId });
    }
    const unpaid = orders.filter((o) => o.paymentMethod === 'card' && o.status === 'pending_payment');
    if (unpaid.length === 0) {
      throw new OrderError('NOTHING_TO_PAY', 'No order of this checkout awaits a card payment', {
        checkoutId,
        statuses: orders.map((o) => ({ orderId: o.id, status: o.status, paymentMethod: o.paymentMethod })),
      });
    }
    const started = unpaid.find((o) => o.paymentId !== null);
    if (started?.paymentId) {
      const resumed = await this.payments.resumeCardPayment(started.paymentId);
      const paid = unpaid.filter((o) => o.paymentId === started.paymentId);
      return {
        checkoutId,
        paymentId: resumed.paymentId,
        clientSecret: resumed.clientSecret,
        amountVnd: paid.reduce((sum, o) => sum + o.totalVnd, 0),
        orderIds: paid.map((o) => o.id),
      };
    }
    return this.start(checkoutId, unpaid, orders.length);
  }

  /**
   * One PaymentIntent for `unpaid` (orders of the checkout without a payment). The idempotency key names the
   * checkout, and the amount when some of its orders no longer await payment (cancelled, expired): a retry of the same
   * start gets the same intent, and a smaller remainder never collides with the first amount at Stripe.
   */
  async start(
    checkoutId: string,
    unpaid: Pick<OrderRow, 'id' | 'totalVnd'>[],
    ordersInCheckout: number,
  ): Promise<CheckoutPaymentView> {
    const amountVnd = unpaid.reduce((sum, o) => sum + o.totalVnd, 0);
    const whole = unpaid.length === ordersInCheckout;
    const started = await this.payments.startCardPayment({
      reference: checkoutId,
      amountVnd,
      idempotencyKey: whole ? `checkout:${checkoutId}:pay` : `checkout:${checkoutId}:pay:${amountVnd}`,
      description: `OCOP Live checkout ${checkoutId}`,
    });
    const attached = await this.orders.attachCardPayment(
      unpaid.map((o) => o.id),
      started.paymentId,
    );
    if (attached.length === 0) {
      throw new OrderError('NOTHING_TO_PAY', 'The orders of this checkout no longer await payment', {
        checkoutId,
      });
    }
    return {
      checkoutId,
      paymentId: started.paymentId,
      clientSecret: started.clientSecret,
      amountVnd,
      orderIds: attached,
    };
  }
}
