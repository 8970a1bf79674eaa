/**
 * The four figures every report shows, net of reversals (a cancellation or refund subtracts on the day it happens,
 * so a period may even show a negative figure when it holds more reversals than sales).
 */
export interface Figures {
  /** Orders placed. */
  orders: number;
  /** Items placed. */
  items: number;
  /** Placed GMV, whole đồng. */
  placedGmvVnd: number;
  /** Settled GMV (paid and delivered), whole đồng. */
  settledGmvVnd: number;
}

export const ZERO_FIGURES: Readonly<Figures> = Object.freeze({
  orders: 0,
  items: 0,
  placedGmvVnd: 0,
  settledGmvVnd: 0,
});

/** Adds figures; every sum stays a safe integer. */
export function addFigures(a: Figures, b: Figures): Figures {
  const add = (x: number, y: number): number => {
    const sum = x + y;
    if (!Number.isSafeInteger(sum)) throw new RangeError('A report figure exceeds the safe integer range');
    return sum;
  };
  return {
    orders: add(a.orders, b.orders),
    items: add(a.items, b.items),
    placedGmvVnd: add(a.placedGmvVnd, b.placedGmvVnd),
    settledGmvVnd: add(a.settledGmvVnd, b.settledGmvVnd),
  };
}

/** Conversion of a session: unique buyers over unique viewers; null when nobody watched. */
export function conversion(uniqueBuyers: number, uniqueViewers: number): number | null {
  if (uniqueViewers <= 0) return null;
  return Math.round((uniqueBuyers / uniqueViewers) * 10_000) / 10_000;
}
