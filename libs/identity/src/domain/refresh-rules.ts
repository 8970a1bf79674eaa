/** What the platform knows about a presented refresh token and its family. */
export interface RefreshTokenState {
  expiresAt: Date;
  usedAt: Date | null;
  familyRevokedAt: Date | null;
}

export type RefreshVerdict = 'ok' | 'reused' | 'revoked' | 'expired';

/**
 * Rotation: every refresh token is single-use. Presenting one that was already exchanged means two parties hold
 * it (theft), so the whole family is revoked. Revocation wins over everything else; then reuse; then expiry.
 */
export function judgeRefreshToken(token: RefreshTokenState, now: Date): RefreshVerdict {
  if (token.familyRevokedAt !== null) return 'revoked';
  if (token.usedAt !== null) return 'reused';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'ok';
}
