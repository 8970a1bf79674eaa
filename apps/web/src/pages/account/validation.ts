/**
 * What the account forms check as the user types, so each field says what is wrong before they submit. The same
 * rules as the api (libs/kernel phone.ts, libs/identity credentials.ts): the api stays the judge, these only
 * explain early.
 */

/** +84 or 0, then nine digits starting with 3, 5, 7, 8 or 9; spaces, dots and dashes ignored. */
const VN_MOBILE = /^(?:\+84|0084|84|0)([35789]\d{8})$/;
/** Good enough to catch typing slips; the api's check decides. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 80;

/** A message key of the "forms" namespace, or null when the value is fine. */
export type FieldProblem = string | null;

export function isVnMobile(value: string): boolean {
  return VN_MOBILE.test(value.replace(/[\s.\-()]/g, ''));
}

export function phoneProblem(value: string): FieldProblem {
  const v = value.trim();
  if (!v) return 'phone.required';
  if (/[^\d\s.\-()+]/.test(v)) return 'phone.digits';
  return isVnMobile(v) ? null : 'phone.format';
}

export function emailProblem(value: string): FieldProblem {
  const v = value.trim();
  if (!v) return 'email.required';
  if (v.length > 254) return 'email.tooLong';
  return EMAIL.test(v) ? null : 'email.format';
}

/** Sign-in takes either: anything with an @ is read as an email, anything else as a phone. */
export function identifierProblem(value: string): FieldProblem {
  const v = value.trim();
  if (!v) return 'identifier.required';
  if (v.includes('@')) return emailProblem(v) === null ? null : 'identifier.email';
  return isVnMobile(v) ? null : 'identifier.phone';
}

export function newPasswordProblem(value: string): FieldProblem {
  if (!value) return 'password.required';
  if (value.length < PASSWORD_MIN) return 'password.tooShort';
  return value.length > PASSWORD_MAX ? 'password.tooLong' : null;
}

export function passwordProblem(value: string): FieldProblem {
  return value ? null : 'password.required';
}

export function displayNameProblem(value: string): FieldProblem {
  const v = value.trim();
  if (!v) return 'displayName.required';
  return v.length > DISPLAY_NAME_MAX ? 'displayName.tooLong' : null;
}
