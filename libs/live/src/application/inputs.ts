import type { ListingLimit } from '../domain';

export interface SessionInput {
  title: string;
  description?: string;
  /** An ISO 8601 instant with its offset. */
  scheduledStartAt: string;
  /** A processed session-cover upload of the host. */
  coverAssetId?: string;
  lineup: string[];
  /** Per-buyer limits of lineup products (1..99, or null for none); products not named keep theirs. */
  perBuyerLimits?: ListingLimit[];
  /** A stream hosted elsewhere shown instead of our own: an https HLS playlist, or a YouTube, Facebook or TikTok live. */
  externalStreamUrl?: string;
}

/** What the host may change before the show; `externalStreamUrl: null` unlinks an external stream. */
export type SessionPatch = Partial<Omit<SessionInput, 'externalStreamUrl' | 'coverAssetId'>> & {
  externalStreamUrl?: string | null;
  /** null removes the cover. */
  coverAssetId?: string | null;
};

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
  /** Words of the title, with or without diacritics. */
  q?: string;
  page: number;
  pageSize: number;
}
