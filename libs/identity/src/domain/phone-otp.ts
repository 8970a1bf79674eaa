/**
 * One-time codes that confirm a phone number, as pure rules: how often a code may be sent, and what a typed code
 * does to its challenge. The service stores only a keyed hash of each code and applies these decisions.
 */
export interface OtpPolicy {
  ttlSeconds: number;
  maxAttempts: number;
  maxPerHour: number;
  minIntervalSeconds: number;
}

export type OtpIssueDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Whether another code may be sent, given when the codes of the last hour were sent (to this phone or this account).
 * At most `maxPerHour` in any hour, and not two within `minIntervalSeconds`.
 */
export function decideOtpIssue(sentAt: readonly Date[], now: Date, policy: OtpPolicy): OtpIssueDecision {
  const hourAgo = now.getTime() - 3_600_000;
  const recent = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > hourAgo)
    .sort((a, b) => a - b);
  const last = recent[recent.length - 1];
  if (last !== undefined && now.getTime() - last < policy.minIntervalSeconds * 1000) {
    return {
      ok: false,
      retryAfterSeconds: Math.ceil((last + policy.minIntervalSeconds * 1000 - now.getTime()) / 1000),
    };
  }
  if (recent.length >= policy.maxPerHour) {
    const oldest = recent[recent.length - policy.maxPerHour] as number;
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + 3_600_000 - now.getTime()) / 1000)),
    };
  }
  return { ok: true };
}

export interface OtpChallengeState {
  expiresAt: Date;
  /** Tries already counted, this one included when the caller counted it first. */
  attempts: number;
  consumed: boolean;
}

export type OtpCheck = 'confirmed' | 'wrong' | 'expired' | 'too_many_attempts' | 'used';

/**
 * What one typed code does. The try is counted before the code is compared (a conditional UPDATE), so racing tries
 * never get more than `maxAttempts` comparisons; `attempts` here includes this try.
 */
export function checkOtp(
  challenge: OtpChallengeState,
  now: Date,
  maxAttempts: number,
  matches: boolean,
): OtpCheck {
  if (challenge.consumed) return 'used';
  if (challenge.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (challenge.attempts > maxAttempts) return 'too_many_attempts';
  return matches ? 'confirmed' : 'wrong';
}
