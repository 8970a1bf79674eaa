import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { InboxService } from '@ocop/live';
import { OrderAnnouncer } from '../application/order-announcer';
import { OrderLifecycleService } from '../application/order-lifecycle.service';
import { TransferHeldNotices } from '../application/transfer-held-notices';

/**
 * What orders hears through the outbox (in the worker, where the relay runs), at least once: payment outcomes, and
 * its own committed events for the side effects that must survive a crash. Each handler is idempotent.
 */
@Injectable()
export class OrdersSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly lifecycle: OrderLifecycleService,
    private readonly announcer: OrderAnnouncer,
    private readonly inbox: InboxService,
    private readonly heldNotices: TransferHeldNotices,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('payments.succeeded', 'orders.paid', (m) => this.lifecycle.paid(m.payload.reference));
    // The admins who may decide a transfer held for review hear of it (once per transfer).
    this.subscribers.on('payments.transfer-held', 'orders.notify-admins', (m) =>
      this.heldNotices.notify(m.payload),
    );
    this.subscribers.on('payments.refunded', 'orders.refunded', (m) =>
      this.lifecycle.refunded(m.payload.reference),
    );
    this.subscribers.on('orders.status-changed', 'orders.cancel-unused-payment', (m) =>
      this.lifecycle.cancelPaymentAfter(m.payload),
    );
    this.subscribers.on('orders.placed', 'orders.announce-confirmed', (m) =>
      this.announcer.onPlaced(m.payload),
    );
    this.subscribers.on('orders.status-changed', 'orders.announce-confirmed', (m) =>
      this.announcer.onStatusChanged(m.payload),
    );
    // The buyer's inbox (and installed app): once per message, keyed on the message id.
    this.subscribers.on('orders.status-changed', 'orders.notify-buyer', (m) =>
      this.inbox.notifyOrderStatus(m.id, m.payload),
    );
  }
}
