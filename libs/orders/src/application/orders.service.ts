import { Injectable } from '@nestjs/common';
import { isUuid, Page, PageRequest, pageOffset } from '@ocop/kernel';
import { orderNotFound, OrderStatus } from '../domain';
import { OrdersRepository } from '../infrastructure/orders.repository';
import { ShippingRepository } from '../infrastructure/shipping.repository';
import { OrderLineImages } from './order-line-images';
import { OrderView } from './views';

/** The orders facade: a shopper's own orders. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly images: OrderLineImages,
    private readonly shipping: ShippingRepository,
  ) {}

  /** The buyer's own orders carry their producer's name and phone: whom to call about the delivery. */
  private async withProducers(views: OrderView[]): Promise<OrderView[]> {
    const contacts = await this.shipping.contactsOf(views.map((v) => v.producerId));
    return views.map((v) => {
      const contact = contacts.get(v.producerId);
      return contact ? { ...v, producer: { name: contact.name, phone: contact.phone } } : v;
    });
  }

  async listOwn(buyerUserId: string, page: PageRequest): Promise<Page<OrderView>> {
    const { items, total } = await this.orders.pageOfBuyer(buyerUserId, page.pageSize, pageOffset(page));
    const shown = await this.images.page({ items, page: page.page, pageSize: page.pageSize, total });
    return { ...shown, items: await this.withProducers(shown.items) };
  }

  /** The caller's order; someone else's is answered exactly like an unknown one (404). */
  async getOwn(buyerUserId: string, orderId: string): Promise<OrderView> {
    const order = isUuid(orderId) ? await this.orders.findById(orderId) : null;
    if (!order || order.buyerUserId !== buyerUserId) throw orderNotFound(orderId);
    const [[view], history] = await Promise.all([
      this.withProducers([await this.images.view(order)]),
      this.shipping.historyOf(order.id),
    ]);
    return {
      ...(view as OrderView),
      history: history.map((h) => ({ status: h.status as OrderStatus, at: h.at.toISOString() })),
    };
  }
}
