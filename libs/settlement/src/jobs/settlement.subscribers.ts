import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { SettlementService } from '../application/settlement.service';

/** The ledger hears every committed order status change through the outbox (in the worker), at least once. */
@Injectable()
export class SettlementSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly settlement: SettlementService,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('orders.status-changed', 'settlement.record', (m) =>
      this.settlement.recordChange(m.payload),
    );
  }
}
