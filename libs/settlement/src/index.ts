export { SettlementModule } from './settlement.module';
export { SettlementHttpModule } from './settlement-http.module';
export { SettlementService } from './application/settlement.service';
export type {
  LedgerEntryView,
  ProducerBalanceView,
  ProducerLedgerView,
} from './application/settlement.service';
export * from './domain';
