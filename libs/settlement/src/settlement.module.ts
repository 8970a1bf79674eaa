import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { IdentityModule } from '@ocop/identity';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { QueueModule } from '@ocop/queue';
import { PayosPayoutsService } from './application/payos-payouts.service';
import { ProducerAccess } from './application/producer-access';
import { RefundPayoutsService } from './application/refund-payouts.service';
import { SettlementService } from './application/settlement.service';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { PayosPayoutClient } from './infrastructure/payos-payout-client';
import { PayosPayoutsRepository } from './infrastructure/payos-payouts.repository';
import { RefundPayoutsRepository } from './infrastructure/refund-payouts.repository';
import { PayosPayoutJobs } from './jobs/settlement.processor';
import { SettlementSubscribers } from './jobs/settlement.subscribers';
import './settlement.events';

/** The settlement ledger without HTTP: the worker (its subscribers) and the api's controllers import this. */
const SETTLEMENT_QUEUE = QueueModule.register('settlement');

@Module({
  imports: [OutboxModule, IdentityModule, CatalogueModule, OrdersModule, PaymentsModule, SETTLEMENT_QUEUE],
  providers: [
    SettlementService,
    PayosPayoutsService,
    RefundPayoutsService,
    ProducerAccess,
    LedgerRepository,
    PayosPayoutsRepository,
    RefundPayoutsRepository,
    PayosPayoutClient,
    PayosPayoutJobs,
    SettlementSubscribers,
  ],
  exports: [SettlementService, PayosPayoutsService, RefundPayoutsService, PayosPayoutJobs, SETTLEMENT_QUEUE],
})
export class SettlementModule {}
