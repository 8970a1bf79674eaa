/**
 * Vietnamese đồng has no minor unit: amounts are whole đồng held as safe integers (PostgreSQL `bigint`).
 * Formatting happens only at the edge.
 */
export type Vnd = number;

/** The largest single amount we accept anywhere (one trillion đồng); totals stay far below 2^53. */
export const MAX_VND = 1_000_000_000_000;

export function isVnd(value: unknown): value is Vnd {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_VND;
}

export function sumVnd(amounts: readonly Vnd[]): Vnd {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!Number.isSafeInteger(total)) throw new RangeError('VND total exceeds the safe integer range');
  return total;
}

export function multiplyVnd(unitPrice: Vnd, quantity: number): Vnd {
  const total = unitPrice * quantity;
  if (!Number.isSafeInteger(total)) throw new RangeError('VND amount exceeds the safe integer range');
  return total;
}

/** "150.000 ₫", as Vietnamese readers expect. */
export function formatVnd(amount: Vnd): string {
  const sign = amount < 0 ? '-' : '';
  const digits = Math.abs(Math.trunc(amount))
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${digits} ₫`;
}

/** Reads a `bigint` column that the pg driver returns as a string. */
export function parseVndColumn(value: string | number | null): Vnd | null {
  if (value === null) return null;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`Not a whole VND amount: ${String(value)}`);
  return parsed;
}
