export * from './domain';
export * from './attribution.events';
export { AttributionModule } from './attribution.module';
export { AttributionHttpModule } from './attribution-http.module';
// The read side: totals and roll-ups, leaderboards, farmers' sales, session summaries, CSV, live dashboards.
export { ReportsModule, ReportsHttpModule } from './reports/reports.module';
export { dashboardRooms } from './reports/reports.events';
export { RoomThrottle } from './reports/application/room-throttle';
export type {
  BranchDashboardTotals,
  DashboardJoined,
  DashboardJoinPayload,
  DashboardTotals,
  FarmerDashboardTotals,
} from './reports/reports.events';
export type {
  BranchFiguresView,
  BranchTotalsView,
  FarmerSalesView,
  LeaderboardView,
  SessionSummaryView,
} from './reports/application/views';
export type { Figures } from './reports/domain';
export { AttributionRecorder, AttributionNotReadyError } from './application/attribution-recorder.service';
export { ReferralCodesService } from './application/referral-codes.service';
export { ShareLinksService } from './application/share-links.service';
export type { ShareLinkInput } from './application/share-links.service';
export { SharingError, SharingErrorCode } from './application/sharing.errors';
export type {
  AttributionRecordView,
  ReferralCodeView,
  SharedLinkView,
  ShareLinkView,
} from './application/views';
// The reconciliation: checks the invariants of sales and repairs what a lost message left undone.
export { ReconciliationModule, ReconciliationJobsModule } from './reconciliation/reconciliation.module';
export {
  Reconciliation,
  RECONCILE_DEFAULT_DAYS,
  RECONCILE_DEFAULT_GRACE_MS,
} from './reconciliation/reconciliation.service';
export type { ReconcileOptions } from './reconciliation/reconciliation.service';
export { RECONCILE_EVERY_MS, RECONCILIATION_SCHEDULER_ID } from './reconciliation/reconciliation.processor';
export { INVARIANTS, reportLines } from './reconciliation/domain/report';
export type { Invariant, InvariantResult, ReconciliationReport } from './reconciliation/domain/report';
