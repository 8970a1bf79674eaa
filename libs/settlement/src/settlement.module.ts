import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { IdentityModule } from '@ocop/identity';
import { QueueModule } from '@ocop/queue';
import { PayosPayoutsService } from './application/payos-payouts.service';
import { ProducerAccess } from './application/producer-access';
import { SettlementService } from './application/settlement.service';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { PayosPayoutClient } from './infrastructure/payos-payout-client';
import { PayosPayoutsRepository } from './infrastructure/payos-payouts.repository';
import { PayosPayoutJobs } from './jobs/settlement.processor';
import { SettlementSubscribers } from './jobs/settlement.subscribers';
import './settlement.events';

/** The settlement ledger without HTTP: the worker (its subscribers) and the api's controllers import this. */
const SETTLEMENT_QUEUE = QueueModule.register('settlement');

@Module({
  imports: [OutboxModule, IdentityModule, CatalogueModule, SETTLEMENT_QUEUE],
  providers: [
    SettlementService,
    PayosPayoutsService,
    ProducerAccess,
    LedgerRepository,
    PayosPayoutsRepository,
    PayosPayoutClient,
    PayosPayoutJobs,
    SettlementSubscribers,
  ],
  exports: [SettlementService, PayosPayoutsService, PayosPayoutJobs, SETTLEMENT_QUEUE],
})
export class SettlementModule {}
