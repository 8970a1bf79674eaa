import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '@ocop/db';
import { SettlementService } from '../application/settlement.service';
import { PayosPayoutJobs } from './settlement.processor';

/**
 * The ledger hears every committed order status change through the outbox (in the worker), at least once; each payout
 * opened through payOS starts being followed (the job id makes a second delivery queue nothing new).
 */
@Injectable()
export class SettlementSubscribers implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly settlement: SettlementService,
    private readonly payoutJobs: PayosPayoutJobs,
  ) {}

  onModuleInit(): void {
    this.subscribers.on('orders.status-changed', 'settlement.record', (m) =>
      this.settlement.recordChange(m.payload),
    );
    this.subscribers.on('settlement.payos-payout-opened', 'settlement.follow-payos-payout', (m) =>
      this.payoutJobs.follow(m.payload.entryId, 0),
    );
    this.subscribers.on('settlement.refund-payout-opened', 'settlement.follow-refund-payout', (m) =>
      this.payoutJobs.followRefund(m.payload.payoutId, 0),
    );
  }
}
