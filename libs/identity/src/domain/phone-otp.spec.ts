import { checkOtp, decideOtpIssue, OtpPolicy } from './phone-otp';

const policy: OtpPolicy = { ttlSeconds: 300, maxAttempts: 5, maxPerHour: 3, minIntervalSeconds: 60 };
const now = new Date('2026-12-01T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('one-time codes for a phone', () => {
  it('sends a first code at once', () => {
    expect(decideOtpIssue([], now, policy)).toEqual({ ok: true });
  });

  it('waits the interval between two codes, and says how long', () => {
    expect(decideOtpIssue([ago(20)], now, policy)).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(decideOtpIssue([ago(61)], now, policy)).toEqual({ ok: true });
  });

  it('sends at most the hourly count; codes older than an hour no longer count', () => {
    expect(decideOtpIssue([ago(3000), ago(2000), ago(1000)], now, policy)).toEqual({
      ok: false,
      retryAfterSeconds: 600,
    });
    expect(decideOtpIssue([ago(4000), ago(2000), ago(1000)], now, policy)).toEqual({ ok: true });
  });

  it('a right code within its life and tries confirms; a wrong one does not', () => {
    const live = { expiresAt: new Date(now.getTime() + 1000), attempts: 1, consumed: false };
    expect(checkOtp(live, now, 5, true)).toBe('confirmed');
    expect(checkOtp(live, now, 5, false)).toBe('wrong');
  });

  it('an expired, used or overtried code fails even when right', () => {
    expect(checkOtp({ expiresAt: now, attempts: 1, consumed: false }, now, 5, true)).toBe('expired');
    expect(
      checkOtp({ expiresAt: new Date(now.getTime() + 1000), attempts: 6, consumed: false }, now, 5, true),
    ).toBe('too_many_attempts');
    expect(
      checkOtp({ expiresAt: new Date(now.getTime() + 1000), attempts: 1, consumed: true }, now, 5, true),
    ).toBe('used');
  });
});
