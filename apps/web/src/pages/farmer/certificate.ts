import type { Schema } from '../../api/client';

type Product = Schema<'ProductResponse'>;

/** A certificate is flagged this many days before it expires. */
export const EXPIRY_WARNING_DAYS = 30;
/** How the api checks a decision number ("1234/QĐ-UBND", "56/2024/QĐ-UBND"): the same rule, said early. */
export const DECISION_NUMBER = /^\d{1,6}(?:\/\d{4})?\/[A-ZĐ]{1,10}(?:-[A-ZĐ&]{1,16}){0,4}$/u;

/** An OCOP recognition decision is valid for 36 months from its signing date. */
export const CERTIFICATE_VALIDITY_MONTHS = 36;

export type ExpiryLevel = 'ok' | 'soon' | 'expired';

/**
 * How urgent a certificate's expiry is: expired once the day after its last valid day has come (days < 0),
 * "soon" within 30 days (0 = its last valid day is today), else fine. The api's own state wins when it is
 * stricter (its warning window is configurable).
 */
export function expiryLevel(daysUntilExpiry: number, apiState?: Product['certificateState']): ExpiryLevel {
  if (daysUntilExpiry < 0 || apiState === 'expired') return 'expired';
  if (daysUntilExpiry <= EXPIRY_WARNING_DAYS || apiState === 'expiring_soon') return 'soon';
  return 'ok';
}

/** The last valid day of a certificate signed on `signedOn` (YYYY-MM-DD): 36 calendar months later. */
export function certificateExpiresOn(signedOn: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(signedOn);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const monthIndex = m - 1 + CERTIFICATE_VALIDITY_MONTHS;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** What the farmer sees as a product's state: a pending product sent back by an admin reads "rejected". */
export type DisplayStatus = 'draft' | 'pending' | 'active' | 'suspended' | 'rejected';

export function displayStatus(product: Pick<Product, 'status' | 'statusReason'>): DisplayStatus {
  switch (product.status) {
    case 'draft':
      return product.statusReason ? 'rejected' : 'draft';
    case 'pending_verification':
      return 'pending';
    case 'active':
      return 'active';
    case 'suspended':
      return 'suspended';
  }
}

/** The badge class of a state. */
export function statusTone(status: DisplayStatus): '' | 'warn' | 'danger' {
  if (status === 'active') return '';
  if (status === 'rejected' || status === 'suspended') return 'danger';
  return 'warn';
}

/** Draft and suspended products can be sent (again) for verification. */
export function canSubmit(product: Pick<Product, 'status'>): boolean {
  return product.status === 'draft' || product.status === 'suspended';
}

/** A stock change as typed: a non-zero whole number within ±1,000,000 (the api's bounds), or undefined. */
export function parseStockDelta(text: string): number | undefined {
  const cleaned = text.replace(/\s/g, '');
  if (!/^[+-]?\d+$/.test(cleaned)) return undefined;
  const value = Number(cleaned);
  if (value === 0 || Math.abs(value) > 1_000_000) return undefined;
  return value;
}

/** "150.000", "150000" or "150 000" typed in a price box -> 150000 (whole đồng), else undefined. */
export function parseVnd(text: string): number | undefined {
  const cleaned = text.replace(/[\s.,₫đ]/gi, '');
  if (!/^\d+$/.test(cleaned)) return undefined;
  return Number(cleaned);
}
