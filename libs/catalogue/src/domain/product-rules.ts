export const OCOP_GROUPS = [
  'food',
  'beverages',
  'herbs',
  'textiles_garments',
  'handicrafts_souvenirs_decoration',
  'rural_tourism_services',
] as const;
export type OcopGroup = (typeof OCOP_GROUPS)[number];

export const MIN_PRICE_VND = 1_000;
export const MAX_PRICE_VND = 1_000_000_000;
/** Photos a product may show (the first is the cover). */
export const MAX_PHOTOS = 8;
export const MAX_STOCK = 1_000_000_000;
export const MAX_STOCK_DELTA = 1_000_000;
export const NAME_MIN = 2;
export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 5_000;
export const REASON_MAX = 500;

export const PRODUCER_KINDS = ['household', 'cooperative', 'enterprise'] as const;
export type ProducerKind = (typeof PRODUCER_KINDS)[number];

export function isPriceVnd(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= MIN_PRICE_VND &&
    value <= MAX_PRICE_VND
  );
}

/** A quantity for reserving or releasing stock: a whole number of units, at least one. */
export function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_STOCK_DELTA;
}

/** A stock adjustment: a whole, non-zero number of units within ±MAX_STOCK_DELTA. */
export function isStockDelta(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value !== 0 &&
    Math.abs(value) <= MAX_STOCK_DELTA
  );
}
