import { judgeRefreshToken } from './refresh-rules';

const now = new Date('2025-07-01T00:00:00Z');
const later = new Date('2025-07-31T00:00:00Z');
const earlier = new Date('2025-06-01T00:00:00Z');

describe('refresh token rotation', () => {
  it('a fresh, unused token in a live family is exchanged', () => {
    expect(judgeRefreshToken({ expiresAt: later, usedAt: null, familyRevokedAt: null }, now)).toBe('ok');
  });

  it('a token presented a second time is theft: reused', () => {
    expect(judgeRefreshToken({ expiresAt: later, usedAt: earlier, familyRevokedAt: null }, now)).toBe(
      'reused',
    );
  });

  it('after sign-out every token of the family is revoked, even an already used one', () => {
    expect(judgeRefreshToken({ expiresAt: later, usedAt: earlier, familyRevokedAt: earlier }, now)).toBe(
      'revoked',
    );
  });

  it('a token past its lifetime is expired, at the exact instant too', () => {
    expect(judgeRefreshToken({ expiresAt: earlier, usedAt: null, familyRevokedAt: null }, now)).toBe(
      'expired',
    );
    expect(judgeRefreshToken({ expiresAt: now, usedAt: null, familyRevokedAt: null }, now)).toBe('expired');
  });
});
