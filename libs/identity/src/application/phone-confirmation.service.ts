import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, normalizeVnMobile } from '@ocop/kernel';
import { checkOtp, decideOtpIssue, OtpPolicy } from '../domain/phone-otp';
import { IdentityError } from '../domain/identity.errors';
import { SMS_PROVIDER, SmsProvider } from './sms-provider';

export interface PhoneCodeSent {
  /** E.164. */
  phone: string;
  expiresAt: string;
  /** Seconds before another code may be asked for this phone. */
  resendAfterSeconds: number;
}

export interface ConfirmedPhone {
  phone: string;
  confirmedAt: string;
}

/**
 * Confirms that a buyer holds a phone number: a six-digit code sent by SMS (through the pluggable SmsProvider),
 * stored only as an HMAC keyed with a secret derived from JWT_ACCESS_SECRET, living PHONE_OTP_TTL_SECONDS, dead after
 * PHONE_OTP_MAX_ATTEMPTS wrong tries, and sent at most PHONE_OTP_MAX_PER_HOUR times an hour per phone and per account.
 */
@Injectable()
export class PhoneConfirmationService {
  private readonly log = new Logger(PhoneConfirmationService.name);
  private readonly key: Buffer;
  private readonly policy: OtpPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.JWT_ACCESS_SECRET).update('phone-otp-v1').digest();
    this.policy = {
      ttlSeconds: config.PHONE_OTP_TTL_SECONDS,
      maxAttempts: config.PHONE_OTP_MAX_ATTEMPTS,
      maxPerHour: config.PHONE_OTP_MAX_PER_HOUR,
      minIntervalSeconds: config.PHONE_OTP_MIN_INTERVAL_SECONDS,
    };
  }

  /** Sends a new code to `phoneInput` for `userId`; earlier codes for the pair stop working. */
  async sendCode(userId: string, phoneInput: string): Promise<PhoneCodeSent> {
    const phone = this.phoneOrFail(phoneInput);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.policy.ttlSeconds * 1000);
    const id = await this.tx.run(async (em) => {
      // One sender at a time per phone: the count and the insert cannot interleave with another request's.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('phone-otp:' || $1, 0))`, [phone]);
      const rows = (await em.query(
        `SELECT created_at FROM phone_otp_challenges
          WHERE (phone = $1 OR user_id = $2) AND created_at > $3`,
        [phone, userId, new Date(now.getTime() - 3_600_000)],
      )) as { created_at: Date }[];
      const decision = decideOtpIssue(
        rows.map((r) => new Date(r.created_at)),
        now,
        this.policy,
      );
      if (!decision.ok) {
        throw new IdentityError('OTP_RATE_LIMITED', 'Too many codes asked; wait before asking again', {
          retryAfterSeconds: decision.retryAfterSeconds,
        });
      }
      await em.query(
        `UPDATE phone_otp_challenges SET consumed_at = $3
          WHERE user_id = $1 AND phone = $2 AND consumed_at IS NULL`,
        [userId, phone, now],
      );
      const challengeId = randomUUID();
      await em.query(
        `INSERT INTO phone_otp_challenges (id, user_id, phone, code_hash, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [challengeId, userId, phone, this.hash(challengeId, code), expiresAt, now],
      );
      return challengeId;
    });
    // Sent after the commit (no outside call holds a transaction open); a code that could not be sent is withdrawn.
    try {
      await this.sms.send(
        phone,
        `OCOP Live: ma xac nhan so dien thoai cua ban la ${code}. Het han sau ${Math.ceil(this.policy.ttlSeconds / 60)} phut.`,
      );
    } catch (error) {
      await this.db.query(`UPDATE phone_otp_challenges SET consumed_at = $2 WHERE id = $1`, [id, now]);
      this.log.error({ err: error }, 'The SMS provider could not send a confirmation code');
      throw new IdentityError('SMS_SEND_FAILED', 'The code could not be sent; try again in a moment');
    }
    return {
      phone,
      expiresAt: expiresAt.toISOString(),
      resendAfterSeconds: this.policy.minIntervalSeconds,
    };
  }

  /** Checks a typed code against the pair's live challenge; on success the phone is confirmed for the account. */
  async confirm(userId: string, phoneInput: string, code: string): Promise<ConfirmedPhone> {
    const phone = this.phoneOrFail(phoneInput);
    const now = this.clock.now();
    // The try is counted first, atomically: racing tries cannot compare more than maxAttempts codes.
    const counted = (await this.db.query(
      `UPDATE phone_otp_challenges SET attempts = attempts + 1
        WHERE id = (SELECT id FROM phone_otp_challenges
                     WHERE user_id = $1 AND phone = $2 AND consumed_at IS NULL
                     ORDER BY created_at DESC LIMIT 1)
          AND consumed_at IS NULL
       RETURNING id, code_hash, attempts, expires_at`,
      [userId, phone],
    )) as [{ id: string; code_hash: string; attempts: number; expires_at: Date }[], number];
    const challenge = counted[0][0];
    if (!challenge) {
      throw new IdentityError('OTP_NOT_REQUESTED', 'No code is waiting for this phone; ask for a new one', {
        phone,
      });
    }
    const matches = /^\d{6}$/.test(code) && this.equal(challenge.code_hash, this.hash(challenge.id, code));
    const outcome = checkOtp(
      { expiresAt: new Date(challenge.expires_at), attempts: challenge.attempts, consumed: false },
      now,
      this.policy.maxAttempts,
      matches,
    );
    switch (outcome) {
      case 'confirmed': {
        const taken = (await this.db.query(
          `UPDATE phone_otp_challenges SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL RETURNING id`,
          [challenge.id, now],
        )) as [unknown[], number];
        if (taken[0].length === 0) {
          throw new IdentityError('OTP_NOT_REQUESTED', 'This code was already used; ask for a new one', {
            phone,
          });
        }
        const [row] = (await this.db.query(
          `INSERT INTO phone_confirmations (user_id, phone, confirmed_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id, phone) DO UPDATE SET confirmed_at = phone_confirmations.confirmed_at
           RETURNING confirmed_at`,
          [userId, phone, now],
        )) as { confirmed_at: Date }[];
        return { phone, confirmedAt: new Date((row as { confirmed_at: Date }).confirmed_at).toISOString() };
      }
      case 'wrong':
        throw new IdentityError('OTP_INVALID', 'That code is not right', {
          attemptsLeft: Math.max(0, this.policy.maxAttempts - challenge.attempts),
        });
      case 'expired':
        throw new IdentityError('OTP_EXPIRED', 'This code has expired; ask for a new one');
      case 'too_many_attempts':
        throw new IdentityError('OTP_TOO_MANY_ATTEMPTS', 'Too many wrong codes; ask for a new one');
      case 'used':
        throw new IdentityError('OTP_NOT_REQUESTED', 'This code was already used; ask for a new one', {
          phone,
        });
    }
  }

  async isConfirmed(userId: string, phoneInput: string): Promise<boolean> {
    const phone = normalizeVnMobile(phoneInput);
    if (!phone) return false;
    const rows = (await this.db.query(`SELECT 1 FROM phone_confirmations WHERE user_id = $1 AND phone = $2`, [
      userId,
      phone,
    ])) as unknown[];
    return rows.length > 0;
  }

  async confirmedPhones(userId: string): Promise<ConfirmedPhone[]> {
    const rows = (await this.db.query(
      `SELECT phone, confirmed_at FROM phone_confirmations WHERE user_id = $1 ORDER BY confirmed_at`,
      [userId],
    )) as { phone: string; confirmed_at: Date }[];
    return rows.map((r) => ({ phone: r.phone, confirmedAt: new Date(r.confirmed_at).toISOString() }));
  }

  private phoneOrFail(input: string): string {
    const phone = normalizeVnMobile(input);
    if (!phone) {
      throw new IdentityError(
        'INVALID_PHONE',
        'Phone must be a Vietnamese mobile number (+84 or 0, then 9 digits)',
      );
    }
    return phone;
  }

  private hash(challengeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${code}`).digest('hex');
  }

  private equal(a: string, b: string): boolean {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
