import { normalizeIdentifier, normalizeVnMobile } from '@ocop/kernel';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 80;

export type SignInIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/**
 * The one form an email is stored, compared and counted in: NFKC and lower case, so that a full-width or
 * ligature lookalike ("ｓhopper1@ocop.example") is the same address as the plain one.
 */
export function normalizeEmail(email: string): string {
  return normalizeIdentifier(email);
}

/**
 * What a person typed in the sign-in box: an email (has an @) or a Vietnamese mobile in any common format
 * ("0912 345 678", "+84912345678", "84-912-345-678"). Anything else cannot match an account.
 */
export function parseIdentifier(input: string): SignInIdentifier | null {
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed.includes('@')) return { kind: 'email', value: normalizeEmail(trimmed) };
  const phone = normalizeVnMobile(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** The key failures are counted under: the normalized identifier, so "0912..." and "+84912..." count together. */
export function identifierKey(input: string): string {
  const parsed = parseIdentifier(input);
  return parsed ? `${parsed.kind}:${parsed.value}` : `raw:${normalizeIdentifier(input).slice(0, 200)}`;
}
