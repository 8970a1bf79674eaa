import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { Page } from '@ocop/kernel';
import { OrderWithLines } from '../infrastructure/orders.repository';
import { CheckoutResult, orderView, OrderView } from './views';

/**
 * Order views with each line's picture: the product's cover photo as it is now (read when the order is shown, never
 * stored with the order, so a stored checkout answer replays the same way and a photo changed later shows).
 */
@Injectable()
export class OrderLineImages {
  constructor(private readonly catalogue: CatalogueFacade) {}

  async decorate(views: readonly OrderView[]): Promise<OrderView[]> {
    const covers = await this.catalogue.coverImages(views.flatMap((v) => v.lines.map((l) => l.productId)));
    return views.map((v) => ({
      ...v,
      lines: v.lines.map((l) => ({ ...l, image: covers.get(l.productId) ?? null })),
    }));
  }

  async view(order: OrderWithLines): Promise<OrderView> {
    return (await this.decorate([orderView(order)]))[0] as OrderView;
  }

  async page(page: Page<OrderWithLines>): Promise<Page<OrderView>> {
    return { ...page, items: await this.decorate(page.items.map(orderView)) };
  }

  async checkout(result: CheckoutResult): Promise<CheckoutResult> {
    return { ...result, orders: await this.decorate(result.orders) };
  }
}
