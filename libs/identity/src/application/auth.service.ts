import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessTokenService, RateLimiter, Role } from '@ocop/auth';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK } from '@ocop/kernel';
import { identifierKey, parseIdentifier } from '../domain/credentials';
import { IdentityError } from '../domain/identity.errors';
import { judgeRefreshToken } from '../domain/refresh-rules';
import { AccessRevocations } from './access-revocations.service';
import { PasswordHasher } from './password-hasher';
import { NewUser, UsersService, UserView } from './users.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface Session extends TokenPair {
  user: UserView;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface PresentedTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  family_revoked_at: Date | null;
}

type RefreshOutcome =
  | { kind: 'ok'; pair: TokenPair }
  | { kind: 'failed'; error: InstanceType<typeof IdentityError> };

/** Registration, sign-in with rate limits, and rotating refresh tokens grouped in families. */
@Injectable()
export class AuthService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly limiter: RateLimiter,
    private readonly revocations: AccessRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Everyone registers as a shopper; other roles are granted by the platform. At most N per address per window. */
  async register(input: Omit<NewUser, 'roles'>, clientIp: string): Promise<Session> {
    const hit = await this.limiter.hit(
      `register:ip:${clientIp}`,
      this.config.REGISTER_MAX_PER_IP,
      this.config.REGISTER_WINDOW_SECONDS,
    );
    if (!hit.allowed) {
      throw new IdentityError(
        'REGISTER_RATE_LIMITED',
        'Too many registrations from this address; try again later',
        {
          retryAfterSeconds: hit.retryAfterSeconds,
        },
      );
    }
    const user = await this.users.createUser({ ...input, roles: [] });
    const access = await this.users.accessOf(user.id);
    return { user, ...(await this.startFamily(user.id, user.roles, access?.tokenVersion ?? 0)) };
  }

  /**
   * Failures are counted per account and address together: from SIGNIN_MAX_FAILURES on, that pair waits a delay
   * that doubles with each further failure. A stranger failing on someone's account slows only themselves; the
   * owner signing in from their own address is never locked out. Each address is also capped in attempts overall.
   */
  async signIn(identifier: string, password: string, clientIp: string): Promise<Session> {
    const window = this.config.SIGNIN_WINDOW_SECONDS;
    const prefix = 'signin';
    const ipHit = await this.limiter.hit(
      `${prefix}:ip:${clientIp}`,
      this.config.SIGNIN_MAX_ATTEMPTS_PER_IP,
      window,
    );
    if (!ipHit.allowed) throw this.rateLimited(ipHit.retryAfterSeconds);

    const failKey = `${prefix}:fail:${identifierKey(identifier)}:from:${clientIp}`;
    const wait = await this.limiter.waiting(failKey);
    if (wait > 0) throw this.rateLimited(wait);

    const parsed = parseIdentifier(identifier);
    const user = parsed ? await this.users.findForSignIn(parsed) : null;
    const ok = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyAgainstDummy(password);
    if (!user || !ok) {
      await this.limiter.failure(failKey, {
        threshold: this.config.SIGNIN_MAX_FAILURES,
        baseSeconds: this.config.SIGNIN_DELAY_BASE_SECONDS,
        maxSeconds: window,
      });
      throw new IdentityError('INVALID_CREDENTIALS', 'The identifier or the password is wrong');
    }
    await this.limiter.reset(failKey);
    const { passwordHash: _hash, tokenVersion, ...view } = user;
    return { user: view, ...(await this.startFamily(user.id, user.roles, tokenVersion)) };
  }

  /** Exchanges a refresh token for a new pair; the presented token can never be used again. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const now = this.clock.now();
    // The outcome is decided inside the transaction but thrown after it commits, so that revoking a family on
    // reuse is kept even though the caller gets an error.
    const outcome = await this.tx.run<RefreshOutcome>(async (em) => {
      const row = await this.findPresented(em, refreshToken);
      if (!row)
        return {
          kind: 'failed',
          error: new IdentityError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid'),
        };
      const verdict = judgeRefreshToken(
        { expiresAt: row.expires_at, usedAt: row.used_at, familyRevokedAt: row.family_revoked_at },
        now,
      );
      switch (verdict) {
        case 'revoked':
          return {
            kind: 'failed',
            error: new IdentityError('REFRESH_TOKEN_REVOKED', 'The session has been signed out'),
          };
        case 'reused':
          await this.revokeFamilies(em, 'id = $1', [row.family_id], 'reuse_detected', now);
          return {
            kind: 'failed',
            error: new IdentityError(
              'REFRESH_TOKEN_REUSED',
              'This refresh token was already used; the session has been signed out everywhere it was shared',
            ),
          };
        case 'expired':
          return {
            kind: 'failed',
            error: new IdentityError('REFRESH_TOKEN_EXPIRED', 'The session has expired; sign in again'),
          };
        case 'ok':
          break;
      }
      await em.query(`UPDATE refresh_tokens SET used_at = $2 WHERE id = $1`, [row.id, now]);
      const user = await this.users.accessOf(row.user_id, em);
      if (!user)
        return {
          kind: 'failed',
          error: new IdentityError('REFRESH_TOKEN_INVALID', 'The refresh token is not valid'),
        };
      const refresh = await this.insertToken(em, row.family_id, now);
      return { kind: 'ok', pair: await this.pair(user.id, user.roles, user.tokenVersion, refresh) };
    });
    if (outcome.kind === 'failed') throw outcome.error;
    return outcome.pair;
  }

  /** Revokes the family of the presented token (idempotent: an unknown or already revoked token is fine). */
  async signOut(refreshToken: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const row = await this.findPresented(em, refreshToken);
      if (row) await this.revokeFamilies(em, 'id = $1', [row.family_id], 'sign_out', now);
    });
  }

  /** Every session of the user ends: refresh tokens at once, access tokens and open sockets within seconds. */
  async signOutEverywhere(userId: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      await this.revokeFamilies(em, 'user_id = $1', [userId], 'sign_out_everywhere', now);
      await this.revocations.revoke(em, userId, 'sign_out_everywhere');
    });
  }

  private rateLimited(retryAfterSeconds: number) {
    return new IdentityError('SIGNIN_RATE_LIMITED', 'Too many sign-in attempts; try again later', {
      retryAfterSeconds,
    });
  }

  private async findPresented(em: EntityManager, token: string): Promise<PresentedTokenRow | null> {
    const rows = (await em.query(
      `SELECT t.id, t.family_id, f.user_id, t.expires_at, t.used_at, f.revoked_at AS family_revoked_at
         FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
        WHERE t.token_hash = $1
        FOR UPDATE OF t, f`,
      [hashToken(token)],
    )) as PresentedTokenRow[];
    return rows[0] ?? null;
  }

  private async revokeFamilies(
    em: EntityManager,
    where: string,
    params: unknown[],
    reason: string,
    now: Date,
  ) {
    await em.query(
      `UPDATE refresh_token_families SET revoked_at = $${params.length + 1}, revoked_reason = $${params.length + 2}
        WHERE ${where} AND revoked_at IS NULL`,
      [...params, now, reason],
    );
  }

  private async startFamily(userId: string, roles: Role[], tokenVersion: number): Promise<TokenPair> {
    const now = this.clock.now();
    const refresh = await this.tx.run(async (em) => {
      const rows = (await em.query(
        `INSERT INTO refresh_token_families (user_id, created_at) VALUES ($1, $2) RETURNING id`,
        [userId, now],
      )) as { id: string }[];
      return this.insertToken(em, (rows[0] as { id: string }).id, now);
    });
    return this.pair(userId, roles, tokenVersion, refresh);
  }

  private async insertToken(em: EntityManager, familyId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await em.query(
      `INSERT INTO refresh_tokens (family_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [familyId, hashToken(token), now, expiresAt],
    );
    return token;
  }

  private async pair(
    userId: string,
    roles: Role[],
    tokenVersion: number,
    refreshToken: string,
  ): Promise<TokenPair> {
    return {
      accessToken: await this.accessTokens.sign({ id: userId, roles }, tokenVersion),
      refreshToken,
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }
}
