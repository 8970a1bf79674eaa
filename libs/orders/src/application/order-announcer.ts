import { Injectable, Logger } from '@nestjs/common';
import { IdentityFacade } from '@ocop/identity';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import type {
  OrderConfirmedAnnouncement,
  OrderPlacedPayload,
  OrderStatusChangedPayload,
} from '../orders.events';
import { OrdersRepository } from '../infrastructure/orders.repository';

/**
 * Vietnamese names are family name first: the given name, which people are called by, is the last word.
 * "Nguyễn Thị Lan" -> "Lan". Only that word goes to the room, never the full name, phone or street.
 */
export function givenName(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  return words[words.length - 1] ?? 'Một khách';
}

/**
 * Announces confirmed orders in their session's room, as social proof during the stream: the buyer's given name and
 * ward, the product and the quantity. Confirmed means COD at placement, card once paid. Runs in the worker from the
 * outbox, so an announcement happens only for orders that committed.
 */
@Injectable()
export class OrderAnnouncer {
  private readonly log = new Logger(OrderAnnouncer.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly identity: IdentityFacade,
    private readonly realtime: RealtimeEmitter,
  ) {}

  /** Confirmed at placement (COD) or by its payment (card): the room hears of it; other changes are not announced. */
  async onPlaced(placed: OrderPlacedPayload): Promise<void> {
    if (placed.status === 'confirmed') await this.announce(placed.orderId);
  }

  async onStatusChanged(change: OrderStatusChangedPayload): Promise<void> {
    if (change.to === 'confirmed' && change.from === 'pending_payment') await this.announce(change.orderId);
  }

  async announce(orderId: string): Promise<OrderConfirmedAnnouncement | null> {
    const order = await this.orders.findById(orderId);
    if (!order?.sessionId) return null;
    const buyer = await this.identity.findUser(order.buyerUserId);
    const announcement: OrderConfirmedAnnouncement = {
      sessionId: order.sessionId,
      orderId: order.id,
      buyerName: givenName(buyer?.displayName ?? ''),
      ward: order.deliveryAddress.ward,
      lines: order.lines.map((l) => ({
        productId: l.productId,
        productName: l.productName,
        quantity: l.quantity,
      })),
    };
    this.realtime.emit(rooms.session(order.sessionId), 'order:confirmed', announcement);
    this.log.debug(`Announced order ${orderId} in session ${order.sessionId}`);
    return announcement;
  }
}
