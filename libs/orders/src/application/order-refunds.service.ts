import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { AdminScopeService } from '@ocop/identity';
import { isUuid } from '@ocop/kernel';
import { RecordedRefunds } from '@ocop/payments';
import { decideRecordedRefund, orderNotFound, OrderStatus, PaymentMethod } from '../domain';
import { OrdersRepository, OrderWithLines } from '../infrastructure/orders.repository';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderLineImages } from './order-line-images';
import { OrderView } from './views';

/** A paid order whose refund the caller may send: what a refund through another channel (payOS) needs of it. */
export interface OrderRefundTarget {
  orderId: string;
  producerId: string;
  paymentId: string | null;
  paymentMethod: PaymentMethod;
  status: OrderStatus;
  totalVnd: number;
}

export interface RecordRefundInput {
  bankReference: string;
  /** Whole đồng; the order's total when left out. */
  amountVnd?: number;
}

/**
 * Refunds of paid online orders paid back by hand (the manual refund provider): the farmer of the order or an admin
 * whose subtree holds the order's producer records the bank transfer with its reference. The order then becomes
 * refunded (at once here, and again harmlessly when the worker relays payments.refunded). Anyone else gets 404.
 */
@Injectable()
export class OrderRefundsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly catalogue: CatalogueFacade,
    private readonly scope: AdminScopeService,
    private readonly refunds: RecordedRefunds,
    private readonly lifecycle: OrderLifecycleService,
    private readonly images: OrderLineImages,
  ) {}

  async recordByFarmer(userId: string, orderId: string, input: RecordRefundInput): Promise<OrderView> {
    return this.record(await this.ofFarmer(userId, orderId), userId, input);
  }

  async recordByAdmin(userId: string, orderId: string, input: RecordRefundInput): Promise<OrderView> {
    return this.record(await this.ofAdmin(userId, orderId), userId, input);
  }

  /** The order, for whoever may record its refund by hand (its farmer); 404 for anyone else. */
  async targetForFarmer(userId: string, orderId: string): Promise<OrderRefundTarget> {
    return refundTarget(await this.ofFarmer(userId, orderId));
  }

  /** The order, for whoever may record its refund by hand (an admin in scope); 404 for anyone else. */
  async targetForAdmin(userId: string, orderId: string): Promise<OrderRefundTarget> {
    return refundTarget(await this.ofAdmin(userId, orderId));
  }

  /**
   * A refund sent by the platform (a payout through payOS that succeeded), recorded on the same path as one recorded
   * by hand, for the person who asked for it: the order becomes refunded. Idempotent like a manual record.
   */
  async recordSent(
    orderId: string,
    input: { bankReference: string; recordedBy: string },
  ): Promise<OrderView> {
    const order = await this.find(orderId);
    if (!order) throw orderNotFound(orderId);
    return this.record(order, input.recordedBy, { bankReference: input.bankReference }, 'payos');
  }

  private async ofFarmer(userId: string, orderId: string): Promise<OrderWithLines> {
    const [producer, order] = await Promise.all([
      this.catalogue.findProducerOfUser(userId),
      this.find(orderId),
    ]);
    if (!producer || !order || order.producerId !== producer.id) throw orderNotFound(orderId);
    return order;
  }

  private async ofAdmin(userId: string, orderId: string): Promise<OrderWithLines> {
    const order = await this.find(orderId);
    const producer = order ? await this.catalogue.findProducer(order.producerId) : null;
    if (!order || !producer || !(await this.scope.isInScope(userId, producer.branchId))) {
      throw orderNotFound(orderId);
    }
    return order;
  }

  private async record(
    order: OrderWithLines,
    userId: string,
    input: RecordRefundInput,
    provider: 'manual' | 'payos' = 'manual',
  ): Promise<OrderView> {
    const earlier =
      order.paymentId && order.paymentMethod !== 'cod'
        ? await this.refunds.find(null, order.paymentId, order.id)
        : null;
    const amountVnd = decideRecordedRefund(order, earlier !== null, input.amountVnd);
    await this.refunds.record(
      order.paymentId as string,
      { reference: order.id, amountVnd, bankReference: input.bankReference, recordedBy: userId },
      provider,
    );
    await this.lifecycle.refunded(order.id);
    const fresh = await this.orders.findById(order.id);
    return this.images.view(fresh ?? order);
  }

  private find(orderId: string): Promise<OrderWithLines | null> {
    return isUuid(orderId) ? this.orders.findById(orderId) : Promise.resolve(null);
  }
}

function refundTarget(order: OrderWithLines): OrderRefundTarget {
  return {
    orderId: order.id,
    producerId: order.producerId,
    paymentId: order.paymentId,
    paymentMethod: order.paymentMethod,
    status: order.status,
    totalVnd: order.totalVnd,
  };
}
