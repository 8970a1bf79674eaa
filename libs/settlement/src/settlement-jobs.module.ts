import { Module } from '@nestjs/common';
import { PayosPayoutSweepScheduler, SettlementProcessor } from './jobs/settlement.processor';
import { SettlementModule } from './settlement.module';

/** The worker's part: the ledger's subscribers and the processor that follows payouts made through payOS. */
@Module({
  imports: [SettlementModule],
  providers: [SettlementProcessor, PayosPayoutSweepScheduler],
})
export class SettlementJobsModule {}
