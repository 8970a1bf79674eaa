import { Module } from '@nestjs/common';
import { LiveModule } from '@ocop/live';
import { QueueModule } from '@ocop/queue';
import { AssignmentsService } from './application/assignments.service';
import { AtRiskService } from './application/at-risk.service';
import { CampaignAccessResolver } from './application/campaign-access';
import { CampaignPublisher } from './application/campaign-publisher';
import { CampaignsService } from './application/campaigns.service';
import { CoverageService } from './application/coverage.service';
import './campaigns.events';
import { CampaignsController } from './http/campaigns.controller';
import { CampaignsGateway } from './http/campaigns.gateway';
import { CampaignSalesRepository } from './infrastructure/campaign-sales.repository';
import { CampaignsRepository } from './infrastructure/campaigns.repository';
import { CoverageRollupRepository } from './infrastructure/coverage-rollup.repository';
import { CoverageRepository } from './infrastructure/coverage.repository';
import { AtRiskScanScheduler, CampaignsProcessor, CoverageRollupBootstrap } from './jobs/campaigns.processor';
import { CampaignsSubscribers } from './jobs/campaigns.subscribers';

const SERVICES = [
  CampaignsService,
  AssignmentsService,
  CoverageService,
  AtRiskService,
  CampaignSalesRepository,
  CoverageRollupRepository,
];

/**
 * The campaigns context without HTTP: services, the read model and the publisher that keeps campaign_sales in step
 * with attribution's ledger (it listens to TOTALS_CHANGED where the attribution writer runs: the worker).
 */
@Module({
  imports: [LiveModule],
  providers: [
    ...SERVICES,
    CampaignAccessResolver,
    CampaignPublisher,
    CampaignsSubscribers,
    CampaignsRepository,
    CoverageRepository,
  ],
  exports: SERVICES,
})
export class CampaignsModule {}

/** The campaign routes and the dashboard's socket events, for the api. */
@Module({
  imports: [CampaignsModule],
  controllers: [CampaignsController],
  providers: [CampaignsGateway, CampaignAccessResolver, CampaignsRepository],
})
export class CampaignsHttpModule {}

/** The at-risk scan and the roll-up's build at boot, for the worker. */
@Module({
  imports: [CampaignsModule, QueueModule.register('campaigns')],
  providers: [CampaignsProcessor, AtRiskScanScheduler, CoverageRollupBootstrap],
})
export class CampaignsJobsModule {}
