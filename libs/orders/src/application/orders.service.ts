import { Injectable } from '@nestjs/common';
import { isUuid, Page, PageRequest, pageOffset } from '@ocop/kernel';
import { orderNotFound } from '../domain';
import { OrdersRepository } from '../infrastructure/orders.repository';
import { orderView, OrderView } from './views';

/** The orders facade: a shopper's own orders. */
@Injectable()
export class OrdersService {
  constructor(private readonly orders: OrdersRepository) {}

  async listOwn(buyerUserId: string, page: PageRequest): Promise<Page<OrderView>> {
    const { items, total } = await this.orders.pageOfBuyer(buyerUserId, page.pageSize, pageOffset(page));
    return { items: items.map(orderView), page: page.page, pageSize: page.pageSize, total };
  }

  /** The caller's order; someone else's is answered exactly like an unknown one (404). */
  async getOwn(buyerUserId: string, orderId: string): Promise<OrderView> {
    const order = isUuid(orderId) ? await this.orders.findById(orderId) : null;
    if (!order || order.buyerUserId !== buyerUserId) throw orderNotFound(orderId);
    return orderView(order);
  }
}
