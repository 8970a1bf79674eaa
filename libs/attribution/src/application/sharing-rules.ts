import { randomBytes, randomInt } from 'node:crypto';

/**
 * Referral codes are read aloud on a stream and typed by hand at checkout, so they avoid the characters people
 * confuse (0/O, 1/I/L): 31 letters and digits, 7 of them, about 27 billion codes.
 */
export const REFERRAL_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const REFERRAL_CODE_LENGTH = 7;
export const REFERRAL_CODE_RE = /^[A-HJKMNP-Z2-9]{6,8}$/;

/** Share-link codes travel in URLs only: 12 URL-safe characters (72 random bits). */
export const SHARE_CODE_RE = /^[A-Za-z0-9_-]{6,32}$/;

export function newReferralCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) {
    code += REFERRAL_CODE_ALPHABET[pick(REFERRAL_CODE_ALPHABET.length)];
  }
  return code;
}

export function newShareCode(): string {
  return randomBytes(9).toString('base64url');
}

/** The path a share link is opened at in the browser app. */
export function shareLinkPath(code: string): string {
  return `/s/${code}`;
}

/**
 * The name a shared link shows for its streamer: the given name only, which in a Vietnamese full name is the
 * last word ("Nguyễn Thị Lan" -> "Lan").
 */
export function givenName(displayName: string): string {
  const words = displayName.normalize('NFC').trim().split(/\s+/u);
  return words[words.length - 1] ?? '';
}
