import type { ProductState } from '../domain';

export interface CampaignView {
  id: string;
  name: string;
  branchId: string;
  branchName: string;
  startsOn: string;
  endsOn: string;
  atRiskDays: number;
  products: number;
  /** How the caller takes part. */
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

export interface CoverageByKey extends Figures {
  key: string;
}

export interface BranchCoverageView {
  branchId: string;
  code: string;
  name: string;
  /** The branch asked for (its whole subtree), or one of its current children. */
  isScope: boolean;
  assignedProducts: number;
  scheduledProducts: number;
  streamedProducts: number;
  soldProducts: number;
  sessionsHeld: number;
  sessionsScheduled: number;
  volunteers: number;
  hoursOnAir: number;
  units: number;
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
  /** Products not yet scheduled are at risk from this day. */
  atRiskFrom: string;
  atRiskNow: number;
  totals: Figures;
  farmersReached: number;
  byBranch: BranchCoverageView[];
  byGroup: CoverageByKey[];
  byProvince: CoverageByKey[];
  at: string;
}

export interface CampaignProductView {
  productId: string;
  name: string;
  producerId: string;
  producerName: string;
  group: string;
  province: string;
  stars: number;
  state: ProductState;
  atRisk: boolean;
  assignedBranchId: string | null;
  assignedBranchName: string | null;
  streamerUserId: string | null;
  streamerName: string | null;
  units: number;
  gmvVnd: number;
  settledGmvVnd: number;
  nextSessionAt: string | null;
}

export interface ProgressPoint {
  day: string;
  streamed: number;
  sold: number;
  gmvVnd: number;
  /** The straight line to the target: products that should be covered by the end of this day. */
  targetProducts: number;
}

export interface ProgressSeries {
  key: string;
  label: string;
  targetProducts: number;
  points: ProgressPoint[];
}

export interface ProgressView {
  campaignId: string;
  branchId: string;
  by: 'total' | 'branch' | 'group';
  from: string;
  to: string;
  series: ProgressSeries[];
}

export interface VolunteerView {
  hostUserId: string;
  displayName: string;
  branchId: string;
  branchName: string;
  sessionsHeld: number;
  hoursOnAir: number;
  gmvVnd: number;
}

export interface CampaignReportView {
  campaignId: string;
  campaignName: string;
  branchId: string;
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
  byBranch: BranchCoverageView[];
  streamers: VolunteerView[];
  generatedAt: string;
}

export interface FarmerCampaignProductView {
  campaignId: string;
  campaignName: string;
  branchName: string;
  startsOn: string;
  endsOn: string;
  productId: string;
  productName: string;
  state: ProductState;
  assignedBranchName: string | null;
  /** The sessions scheduled (not yet started) whose lineup holds the product, soonest first. */
  upcoming: { sessionId: string; title: string; scheduledStartAt: string; hostName: string }[];
  units: number;
  gmvVnd: number;
}
