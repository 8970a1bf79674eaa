import { Module } from '@nestjs/common';
import { IdentityModule } from '@ocop/identity';
import { LiveModule } from '@ocop/live';
import { BranchTotalsService } from './application/branch-totals.service';
import { DashboardPublisher } from './application/dashboard-publisher';
import { DashboardsService } from './application/dashboards.service';
import { FarmerSalesService } from './application/farmer-sales.service';
import { SessionSummaryService } from './application/session-summary.service';
import { AdminReportsController } from './http/admin-reports.controller';
import { DashboardsGateway } from './http/dashboards.gateway';
import { FarmerSalesController } from './http/farmer-sales.controller';
import { SessionSummaryController } from './http/session-summary.controller';
import { BranchTotalsRepository } from './infrastructure/branch-totals.repository';
import { SalesRepository } from './infrastructure/sales.repository';
import './reports.events';

const SERVICES = [BranchTotalsService, FarmerSalesService, SessionSummaryService, DashboardsService];

/**
 * The read side of attribution, without HTTP: totals, leaderboards, farmers' sales, session summaries, and the
 * publisher that refreshes live dashboards on TOTALS_CHANGED (the worker imports this; the writer emits there).
 */
@Module({
  imports: [IdentityModule, LiveModule],
  providers: [...SERVICES, DashboardPublisher, BranchTotalsRepository, SalesRepository],
  exports: SERVICES,
})
export class ReportsModule {}

/** The report routes and the dashboards' socket events, for the api. */
@Module({
  imports: [ReportsModule],
  controllers: [AdminReportsController, FarmerSalesController, SessionSummaryController],
  providers: [DashboardsGateway],
})
export class ReportsHttpModule {}
