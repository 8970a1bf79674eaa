import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { IdentityModule } from '@ocop/identity';
import { SettlementService } from './application/settlement.service';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { SettlementSubscribers } from './jobs/settlement.subscribers';

/** The settlement ledger without HTTP: the worker (its subscriber) and the api's controllers import this. */
@Module({
  imports: [OutboxModule, IdentityModule, CatalogueModule],
  providers: [SettlementService, LedgerRepository, SettlementSubscribers],
  exports: [SettlementService],
})
export class SettlementModule {}
