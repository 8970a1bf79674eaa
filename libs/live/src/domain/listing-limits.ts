import { LiveError } from './live.errors';

export const LISTING_LIMIT_MIN = 1;
export const LISTING_LIMIT_MAX = 99;

/** A lineup product's own per-buyer limit for a session; null means no limit. */
export interface ListingLimit {
  productId: string;
  perBuyerLimit: number | null;
}

export function isListingLimit(value: unknown): value is number | null {
  return (
    value === null ||
    (typeof value === 'number' &&
      Number.isSafeInteger(value) &&
      value >= LISTING_LIMIT_MIN &&
      value <= LISTING_LIMIT_MAX)
  );
}

/** Limits name products of the lineup, each at most once, with 1..99 or null; INVALID_LINEUP (400) otherwise. */
export function assertListingLimits(lineup: readonly string[], limits: readonly ListingLimit[]): void {
  const seen = new Set<string>();
  for (const limit of limits) {
    if (!lineup.includes(limit.productId)) {
      throw new LiveError('INVALID_LINEUP', 'A per-buyer limit names a product that is not in the lineup', {
        productId: limit.productId,
      });
    }
    if (seen.has(limit.productId)) {
      throw new LiveError('INVALID_LINEUP', 'A product has two per-buyer limits', {
        productId: limit.productId,
      });
    }
    seen.add(limit.productId);
    if (!isListingLimit(limit.perBuyerLimit)) {
      throw new LiveError(
        'INVALID_LINEUP',
        `A per-buyer limit is ${LISTING_LIMIT_MIN} to ${LISTING_LIMIT_MAX} units, or null for none`,
        { productId: limit.productId, perBuyerLimit: limit.perBuyerLimit },
      );
    }
  }
}
