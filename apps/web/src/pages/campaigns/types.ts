// The campaign api's answers, as generated from its OpenAPI document (libs/campaigns/src/http/campaigns.response.ts).
import type { Schema } from '../../api/client';

export type ProductState = Schema<'CampaignProductResponse'>['state'];
export const PRODUCT_STATES: readonly ProductState[] = [
  'not_assigned',
  'assigned',
  'scheduled',
  'streamed',
  'sold',
];

export type CampaignView = Schema<'CampaignResponse'>;
export type Figures = Schema<'CampaignFiguresResponse'>;
export type BranchCoverage = Schema<'BranchCoverageResponse'>;
export type CoverageView = Schema<'CoverageResponse'>;
export type CampaignProduct = Schema<'CampaignProductResponse'>;
export type ProgressView = Schema<'ProgressResponse'>;
export type ReportView = Schema<'CampaignReportResponse'>;
export type FarmerCampaignProduct = Schema<'FarmerCampaignProductResponse'>;
