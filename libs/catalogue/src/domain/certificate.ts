import { addMonths, daysBetween, IsoDate, isIsoDate } from '@ocop/kernel';
import { CatalogueError } from './catalogue.errors';
import { ProductStatus } from './product-lifecycle';

export const OCOP_STARS = [3, 4, 5] as const;
export type OcopStars = (typeof OCOP_STARS)[number];

/** An OCOP recognition decision is valid for 36 months from its signing date. */
export const CERTIFICATE_VALIDITY_MONTHS = 36;

/**
 * A recognition decision number as written on Vietnamese decisions: "1234/QĐ-UBND", "56/2024/QĐ-UBND",
 * "789/QĐ-SNN&PTNT" — digits, an optional year, then the upper-case document code (Đ included) in dash-separated parts.
 */
export const DECISION_NUMBER_RE = /^\d{1,6}(?:\/\d{4})?\/[A-ZĐ]{1,10}(?:-[A-ZĐ&]{1,16}){0,4}$/u;

export interface Certificate {
  stars: OcopStars;
  decisionNumber: string;
  issuingBody: string;
  signedOn: IsoDate;
  expiresOn: IsoDate;
}

export type CertificateInput = Omit<Certificate, 'expiresOn'>;

export type CertificateState = 'valid' | 'expiring_soon' | 'expired';

export function normalizeDecisionNumber(value: string): string {
  return value.normalize('NFC').trim();
}

export function isDecisionNumber(value: unknown): value is string {
  return typeof value === 'string' && DECISION_NUMBER_RE.test(normalizeDecisionNumber(value));
}

export function certificateExpiresOn(signedOn: IsoDate): IsoDate {
  return addMonths(signedOn, CERTIFICATE_VALIDITY_MONTHS);
}

/**
 * Checks a certificate as the farmer states it, on Vietnam's `today`, and computes its expiry.
 * The shape (stars, pattern, date format) is checked at the edge; this adds the rules that need the calendar.
 */
export function issueCertificate(input: CertificateInput, today: IsoDate): Certificate {
  if (!isIsoDate(input.signedOn)) {
    throw new CatalogueError('CERTIFICATE_INVALID', 'signedOn must be a calendar date (YYYY-MM-DD)', {
      field: 'certificate.signedOn',
    });
  }
  if (input.signedOn > today) {
    throw new CatalogueError('CERTIFICATE_INVALID', 'A certificate cannot be signed in the future', {
      field: 'certificate.signedOn',
      signedOn: input.signedOn,
      today,
    });
  }
  if (!isDecisionNumber(input.decisionNumber)) {
    throw new CatalogueError('CERTIFICATE_INVALID', 'The decision number does not look like "1234/QĐ-UBND"', {
      field: 'certificate.decisionNumber',
    });
  }
  return {
    stars: input.stars,
    decisionNumber: normalizeDecisionNumber(input.decisionNumber),
    issuingBody: input.issuingBody.trim(),
    signedOn: input.signedOn,
    expiresOn: certificateExpiresOn(input.signedOn),
  };
}

/** Days from Vietnam's `today` to the last day of validity (0 = expires at the end of today, negative = expired). */
export function daysUntilExpiry(expiresOn: IsoDate, today: IsoDate): number {
  return daysBetween(today, expiresOn);
}

/** A certificate is valid through its expiry date; "expiring soon" within `warningDays` of it. */
export function certificateState(expiresOn: IsoDate, today: IsoDate, warningDays: number): CertificateState {
  const days = daysUntilExpiry(expiresOn, today);
  if (days < 0) return 'expired';
  if (days <= warningDays) return 'expiring_soon';
  return 'valid';
}

export function isCertificateExpired(expiresOn: IsoDate, today: IsoDate): boolean {
  return today > expiresOn;
}

/** Only a verified product whose certificate is still valid may be sold as OCOP. */
export function isSellable(status: ProductStatus, expiresOn: IsoDate, today: IsoDate): boolean {
  return status === 'active' && !isCertificateExpired(expiresOn, today);
}

/** Submitting or verifying needs a certificate that has not expired. */
export function assertCertificateNotExpired(expiresOn: IsoDate, today: IsoDate): void {
  if (isCertificateExpired(expiresOn, today)) {
    throw new CatalogueError('CERTIFICATE_EXPIRED', `The OCOP certificate expired on ${expiresOn}`, {
      expiresOn,
      today,
    });
  }
}

export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return (
    a.stars === b.stars &&
    a.decisionNumber === b.decisionNumber &&
    a.issuingBody === b.issuingBody &&
    a.signedOn === b.signedOn
  );
}
