export * from './domain';
export * from './attribution.events';
export { AttributionModule } from './attribution.module';
export { AttributionHttpModule } from './attribution-http.module';
// The read side: totals and roll-ups, leaderboards, farmers' sales, session summaries, CSV, live dashboards.
export { ReportsModule, ReportsHttpModule } from './reports/reports.module';
export { dashboardRooms } from './reports/reports.events';
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
