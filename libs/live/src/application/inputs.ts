import type { ListingLimit } from '../domain';

export interface SessionInput {
  title: string;
  description?: string;
  /** An ISO 8601 instant with its offset. */
  scheduledStartAt: string;
  coverImageUrl?: string;
  lineup: string[];
  /** Per-buyer limits of lineup products (1..99, or null for none); products not named keep theirs. */
  perBuyerLimits?: ListingLimit[];
}

export type SessionPatch = Partial<SessionInput>;

/** A flash deal's terms as the host sets them; planDeal checks them against the product. */
export interface DealInput {
  productId: string;
  priceVnd: number;
  quantity: number;
  perBuyerLimit: number;
  durationSeconds: number;
  countdownSeconds?: number;
}

export interface SessionListQuery {
  status?: 'live' | 'upcoming' | 'past';
  branchId?: string;
  group?: string;
  page: number;
  pageSize: number;
}
