export { SettlementModule } from './settlement.module';
export { SettlementHttpModule } from './settlement-http.module';
export { SettlementJobsModule } from './settlement-jobs.module';
export { SettlementService } from './application/settlement.service';
export { PayosPayoutsService } from './application/payos-payouts.service';
export type { PayosPayoutView } from './application/payos-payouts.service';
export { RefundPayoutsService } from './application/refund-payouts.service';
export type { RefundPayoutView } from './application/refund-payouts.service';
export type {
  LedgerEntryView,
  PayoutAccountView,
  ProducerBalanceView,
  ProducerLedgerView,
} from './application/settlement.service';
export * from './domain';
