import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { AdminScopeService } from '@ocop/identity';
import { isUuid } from '@ocop/kernel';
import { InboxService } from '@ocop/live';
import type { TransferHeldEvent } from '@ocop/payments';
import { OrdersRepository } from '../infrastructure/orders.repository';

/**
 * Tells the admins who may decide a transfer held for review (those whose subtree holds all its orders' producers)
 * through their inbox and installed app, once per transfer (the dedupe key), from the committed payments event.
 */
@Injectable()
export class TransferHeldNotices {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly catalogue: CatalogueFacade,
    private readonly scope: AdminScopeService,
    private readonly inbox: InboxService,
  ) {}

  async notify(event: TransferHeldEvent): Promise<{ notified: number }> {
    if (!isUuid(event.reference)) return { notified: 0 };
    const orders = await this.orders.findByPaymentReference(event.reference);
    const producers = await Promise.all(
      [...new Set(orders.map((o) => o.producerId))].map((id) => this.catalogue.findProducer(id)),
    );
    const branchIds = [...new Set(producers.flatMap((p) => (p ? [p.branchId] : [])))];
    const admins = await this.scope.adminsOver(branchIds);
    const codes = [...new Set(orders.map((o) => o.code))].join(', ');
    return this.inbox.notifyOnce(
      admins.map((userId) => ({
        userId,
        kind: 'transfer_held' as const,
        dedupeKey: `transfer:${event.transferId}`,
        title: `Chuyển khoản cần xử lý: ${codes}`,
        body: `${event.outcome.replace(/^held:/, '')} · ${codes}`,
      })),
    );
  }
}
