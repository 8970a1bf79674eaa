import { normalizeVnMobile } from '@ocop/kernel';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const DISPLAY_NAME_MAX_LENGTH = 80;

export type SignInIdentifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What a person typed in the sign-in box: an email (has an @) or a Vietnamese mobile in any common format
 * ("0912 345 678", "+84912345678", "84-912-345-678"). Anything else cannot match an account.
 */
export function parseIdentifier(input: string): SignInIdentifier | null {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return { kind: 'email', value: normalizeEmail(trimmed) };
  const phone = normalizeVnMobile(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** The key failures are counted under: the normalized identifier, so "0912..." and "+84912..." count together. */
export function identifierKey(input: string): string {
  const parsed = parseIdentifier(input);
  return parsed ? `${parsed.kind}:${parsed.value}` : `raw:${input.trim().toLowerCase().slice(0, 200)}`;
}
