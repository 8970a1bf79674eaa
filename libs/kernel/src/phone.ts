/**
 * Vietnamese mobile numbers: +84 or 0, then nine digits starting with a mobile prefix (3, 5, 7, 8 or 9).
 * Spaces, dots and dashes that people type are ignored. Stored in E.164 form: +84xxxxxxxxx.
 */
const MOBILE_RE = /^(?:\+84|0084|84|0)([35789]\d{8})$/;

export function normalizeVnMobile(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  const match = MOBILE_RE.exec(compact);
  return match ? `+84${match[1]}` : null;
}

export function isVnMobile(input: unknown): input is string {
  return typeof input === 'string' && normalizeVnMobile(input) !== null;
}

/** "+84912345678" -> "0912 345 678", the way it is written in Vietnam. */
export function formatVnMobile(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}
