import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { isUuid, Page, PageRequest, pageOffset } from '@ocop/kernel';
import { PaymentsService } from '@ocop/payments';
import {
  applyOrderEvent,
  CodRecord,
  OrderActor,
  OrderError,
  OrderEvent,
  orderNotFound,
  OrderStatus,
} from '../domain';
import { OrderRow, OrdersRepository, OrderWithLines } from '../infrastructure/orders.repository';
import { CodGuard } from './cod-guard.service';
import { AppliedChange, OrderLifecycleService } from './order-lifecycle.service';
import { OrderLineImages } from './order-line-images';
import { OrderView } from './views';

/**
 * What people do to orders: the shopper cancels before shipping; the farmer confirms, ships, delivers (COD with the
 * cash collected, which settles it) and takes a delivered order back. Someone else's order is answered exactly like
 * an unknown one (404); a move the state machine forbids is a coded 409.
 */
@Injectable()
export class OrderActionsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: OrderLifecycleService,
    private readonly catalogue: CatalogueFacade,
    private readonly payments: PaymentsService,
    private readonly images: OrderLineImages,
    private readonly codGuard: CodGuard,
  ) {}

  cancelByShopper(userId: string, orderId: string): Promise<OrderView> {
    return this.act(orderId, { kind: 'shopper', userId }, 'cancel');
  }

  async byFarmer(
    userId: string,
    orderId: string,
    event: 'confirm' | 'ship' | 'return' | 'refuse',
  ): Promise<OrderView> {
    const { actor } = await this.farmerOrder(userId, orderId);
    return this.act(orderId, actor, event);
  }

  /**
   * Delivery. COD: the cash is recorded on the payment first (it must equal the total, else 422 and nothing moves),
   * then the order becomes delivered and settled. A retry after a crash between the two finds the cash recorded and
   * finishes the delivery. Card: the order was paid before it was confirmed, so delivery settles it.
   */
  async deliver(userId: string, orderId: string, cashCollectedVnd: number | undefined): Promise<OrderView> {
    const { actor, order } = await this.farmerOrder(userId, orderId);
    applyOrderEvent(order, 'deliver', actor);
    if (order.paymentMethod === 'cod') {
      if (cashCollectedVnd === undefined) {
        throw new OrderError('CASH_COLLECTED_REQUIRED', 'Cash on delivery: say how much cash was collected', {
          totalVnd: order.totalVnd,
        });
      }
      if (!order.paymentId) {
        throw new OrderError(
          'ILLEGAL_ORDER_TRANSITION',
          'This order has no cash-on-delivery payment to settle',
        );
      }
      const payment = await this.payments.find(order.paymentId);
      if (payment?.status !== 'collected') {
        await this.payments.recordCodCollection(order.paymentId, { collectedVnd: cashCollectedVnd });
      }
    } else if (cashCollectedVnd !== undefined) {
      throw new OrderError('CASH_COLLECTED_REQUIRED', 'A card order was paid online: no cash is collected', {
        field: 'cashCollectedVnd',
      });
    }
    return this.act(orderId, actor, 'deliver', { settled: true });
  }

  async listForFarmer(
    userId: string,
    page: PageRequest,
    status: OrderStatus | null,
    code: string | null = null,
  ): Promise<Page<OrderView>> {
    const producer = await this.catalogue.findProducerOfUser(userId);
    if (!producer) return { items: [], page: page.page, pageSize: page.pageSize, total: 0 };
    const { items, total } = await this.orders.pageOfProducer(
      producer.id,
      status,
      page.pageSize,
      pageOffset(page),
      code,
    );
    return this.images.page({ items, page: page.page, pageSize: page.pageSize, total });
  }

  /** The buyer's cash-on-delivery record (deliveries made and refused), for the farmer of one of their orders. */
  async buyerRecordForFarmer(userId: string, orderId: string): Promise<CodRecord> {
    const { order } = await this.farmerOrder(userId, orderId);
    return this.codGuard.record(order.buyerUserId);
  }

  async getForFarmer(userId: string, orderId: string): Promise<OrderView> {
    const { order } = await this.farmerOrder(userId, orderId);
    return this.images.view(order);
  }

  /** The farmer acting on an order of their own producer, and that order; any other order is unknown to them. */
  private async farmerOrder(
    userId: string,
    orderId: string,
  ): Promise<{ actor: OrderActor; order: OrderWithLines }> {
    const [producer, order] = await Promise.all([
      this.catalogue.findProducerOfUser(userId),
      isUuid(orderId) ? this.orders.findById(orderId) : Promise.resolve(null),
    ]);
    if (!producer || !order || order.producerId !== producer.id) throw orderNotFound(orderId);
    return { actor: { kind: 'farmer', producerId: producer.id }, order };
  }

  private async act(
    orderId: string,
    actor: OrderActor,
    event: OrderEvent,
    options: { settled?: boolean } = {},
  ): Promise<OrderView> {
    if (!isUuid(orderId)) throw orderNotFound(orderId);
    const change: AppliedChange = await this.tx.run(async (em) => {
      const order: OrderRow | null = await this.orders.lockById(em, orderId);
      if (!order || !owns(order, actor)) throw orderNotFound(orderId);
      applyOrderEvent(order, event, actor);
      const applied = await this.lifecycle.applyIn(em, order, event, actor, options);
      // The row is locked: the conditional update cannot miss.
      if (!applied)
        throw new OrderError('ILLEGAL_ORDER_TRANSITION', 'The order changed meanwhile; reload it');
      return applied;
    });
    await this.lifecycle.afterChange(change);
    const fresh = await this.orders.findById(orderId);
    return this.images.view(fresh ?? { ...change.order, lines: [] });
  }
}

function owns(order: OrderRow, actor: OrderActor): boolean {
  if (actor.kind === 'shopper') return order.buyerUserId === actor.userId;
  if (actor.kind === 'farmer') return order.producerId === actor.producerId;
  return true;
}
