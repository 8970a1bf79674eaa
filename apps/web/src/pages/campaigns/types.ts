// The campaign api's answers (libs/campaigns/src/application/views.ts), as the pages read them.

export type ProductState = 'not_assigned' | 'assigned' | 'scheduled' | 'streamed' | 'sold';
export const PRODUCT_STATES: readonly ProductState[] = [
  'not_assigned',
  'assigned',
  'scheduled',
  'streamed',
  'sold',
];

export interface CampaignView {
  id: string;
  name: string;
  branchId: string;
  branchName: string;
  startsOn: string;
  endsOn: string;
  atRiskDays: number;
  products: number;
  role: 'manager' | 'branch_admin' | 'streamer' | null;
}

export interface Figures {
  products: number;
  notAssigned: number;
  assigned: number;
  scheduled: number;
  streamed: number;
  sold: number;
  units: number;
  gmvVnd: number;
  settledGmvVnd: number;
}

export interface BranchCoverage {
  branchId: string;
  code: string;
  name: string;
  isScope: boolean;
  assignedProducts: number;
  scheduledProducts: number;
  streamedProducts: number;
  soldProducts: number;
  sessionsHeld: number;
  volunteers: number;
  hoursOnAir: number;
  gmvVnd: number;
  settledGmvVnd: number;
  farmersReached: number;
  target: { products: number; sessions: number; gmvVnd: number; volunteers: number } | null;
}

export interface CoverageView {
  campaignId: string;
  branchId: string;
  from: string;
  to: string;
  today: string;
  atRiskFrom: string;
  atRiskNow: number;
  totals: Figures;
  farmersReached: number;
  byBranch: BranchCoverage[];
  byGroup: (Figures & { key: string })[];
  byProvince: (Figures & { key: string })[];
}

export interface CampaignProduct {
  productId: string;
  name: string;
  producerName: string;
  group: string;
  stars: number;
  state: ProductState;
  atRisk: boolean;
  assignedBranchName: string | null;
  streamerName: string | null;
  units: number;
  gmvVnd: number;
  nextSessionAt: string | null;
}

export interface ProgressView {
  from: string;
  to: string;
  series: {
    key: string;
    label: string;
    targetProducts: number;
    points: { day: string; streamed: number; sold: number; gmvVnd: number; targetProducts: number }[];
  }[];
}

export interface ReportView {
  campaignName: string;
  branchName: string;
  from: string;
  to: string;
  targetProducts: number;
  sessionsHeld: number;
  productsStreamed: number;
  productsSold: number;
  unitsSold: number;
  placedGmvVnd: number;
  settledGmvVnd: number;
  volunteers: number;
  hoursOnAir: number;
  farmersReached: number;
  byBranch: BranchCoverage[];
  streamers: {
    hostUserId: string;
    displayName: string;
    branchName: string;
    sessionsHeld: number;
    hoursOnAir: number;
  }[];
  generatedAt: string;
}

export interface FarmerCampaignProduct {
  campaignId: string;
  campaignName: string;
  branchName: string;
  startsOn: string;
  endsOn: string;
  productId: string;
  productName: string;
  state: ProductState;
  assignedBranchName: string | null;
  upcoming: { sessionId: string; title: string; scheduledStartAt: string; hostName: string }[];
  units: number;
  gmvVnd: number;
}
