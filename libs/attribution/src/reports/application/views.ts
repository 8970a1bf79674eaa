import type { IsoDate } from '@ocop/kernel';
import type { Figures } from '../domain';

/** What the report endpoints and dashboards answer. Money is whole đồng, as JSON numbers. */

export interface BranchFiguresView {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
  /** The parent within this answer; null for the branch asked for. */
  parentId: string | null;
  /** 0 for the branch asked for, 1 for its children, and so on (the current tree). */
  depth: number;
  /** Sales credited to the branch itself. */
  own: Figures;
  /** Sales whose stored path passes through the branch (itself included), as the tree was at the time of sale. */
  subtree: Figures;
}

export interface BranchTotalsView {
  from: IsoDate;
  to: IsoDate;
  branchId: string;
  /** The branch asked for first, then its current subtree depth first, children by code. */
  branches: BranchFiguresView[];
}

export interface BranchTrendDayView {
  /** A Vietnam calendar day. */
  day: IsoDate;
  /** Sales credited to the branch itself that day. */
  own: Figures;
  /** Sales whose stored path passes through the branch (itself included) that day. */
  subtree: Figures;
}

export interface BranchTrendView {
  branchId: string;
  from: IsoDate;
  to: IsoDate;
  /** Every day of the period in order, zeros for a day without sales. */
  days: BranchTrendDayView[];
}

export interface BranchRankView extends Figures {
  rank: number;
  branchId: string;
  code: string;
  name: string;
}

export interface StreamerRankView extends Figures {
  rank: number;
  hostUserId: string;
  displayName: string;
}

export type LeaderboardView =
  | {
      by: 'branch';
      from: IsoDate;
      to: IsoDate;
      /** own: every branch of the subtree by what it sold itself; subtree: the children of `parentId` with all below. */
      ranking: 'own' | 'subtree';
      parentId: string | null;
      items: BranchRankView[];
    }
  | {
      by: 'streamer';
      from: IsoDate;
      to: IsoDate;
      /** The subtree the credited sales were counted in. */
      branchId: string;
      items: StreamerRankView[];
    };

export interface SalesRowView extends Figures {
  /** The product, session or branch; null for sales outside any session or credited to no branch. */
  id: string | null;
  name: string | null;
}

export interface FarmerSalesView {
  from: IsoDate;
  to: IsoDate;
  groupBy: 'product' | 'session' | 'branch';
  /** All the caller's sales in the period (each order counted once). */
  total: Figures;
  rows: SalesRowView[];
}

export interface SessionProductView extends Figures {
  productId: string;
  name: string;
}

export interface SessionSummaryView extends Figures {
  sessionId: string;
  title: string;
  status: string;
  hostUserId: string;
  hostName: string;
  branchId: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Distinct buyers with at least one line not reversed. */
  uniqueBuyers: number;
  /** Distinct viewers (an estimate within 1%), kept when the session ended, else live from presence. */
  uniqueViewers: number;
  peakViewers: number;
  /** Viewers now (0 once the session is over). */
  viewersNow: number;
  /** uniqueBuyers / uniqueViewers, 4 decimals; null when nobody watched. */
  conversion: number | null;
  /** Per product; `orders` there counts the orders containing the product. */
  products: SessionProductView[];
}

/** A file answer (CSV export). */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}
