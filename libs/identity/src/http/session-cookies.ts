import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { IdentityError } from '../domain/identity.errors';

/** The refresh token: httpOnly, sent only to the auth routes. */
export const REFRESH_COOKIE = 'ocop_refresh';
/** The anti-forgery proof: readable by the web app, which echoes it in CSRF_HEADER. */
export const CSRF_COOKIE = 'ocop_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The only path the browser sends the refresh cookie to. */
export const REFRESH_COOKIE_PATH = '/api/auth';

/** One cookie's value from a Cookie header, or undefined (no parser middleware: only these two are ever read). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The browser's session: the refresh token lives in an httpOnly, SameSite=Strict cookie scoped to /api/auth (never
 * readable by a script, never sent anywhere else), beside a readable anti-forgery cookie whose value is an HMAC of
 * the refresh token. A request that spends the cookie (refresh, sign-out) must come from the app's own origin and
 * echo that value in X-CSRF-Token, which a page of another site can neither read nor send.
 */
@Injectable()
export class SessionCookies {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A key of its own, derived from the signing secret (no second secret to configure).
    this.key = createHmac('sha256', config.JWT_ACCESS_SECRET).update('ocop-live csrf v1').digest();
  }

  /** Sets both cookies for a newly issued refresh token. */
  issue(res: Response, refreshToken: string): void {
    const maxAge = this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000;
    res.cookie(REFRESH_COOKIE, refreshToken, {
      ...this.base(),
      httpOnly: true,
      path: REFRESH_COOKIE_PATH,
      maxAge,
    });
    res.cookie(CSRF_COOKIE, this.proofFor(refreshToken), {
      ...this.base(),
      httpOnly: false,
      path: '/',
      maxAge,
    });
  }

  clear(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, { ...this.base(), httpOnly: true, path: REFRESH_COOKIE_PATH });
    res.clearCookie(CSRF_COOKIE, { ...this.base(), httpOnly: false, path: '/' });
  }

  /**
   * The refresh token of a request that spends it, after the cross-site checks: a foreign origin answers
   * CROSS_SITE_REQUEST, a missing or wrong proof CSRF_TOKEN_INVALID (both 403), no cookie REFRESH_TOKEN_INVALID.
   */
  spend(req: Request): string {
    this.assertSameOrigin(req);
    const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
    const header = req.headers[CSRF_HEADER];
    const proof = typeof header === 'string' ? header : undefined;
    if (!token) throw new IdentityError('REFRESH_TOKEN_INVALID', 'There is no session cookie; sign in again');
    if (!proof || !this.matches(proof, this.proofFor(token))) {
      throw new IdentityError(
        'CSRF_TOKEN_INVALID',
        'The anti-forgery header X-CSRF-Token is missing or wrong',
      );
    }
    return token;
  }

  /**
   * Refuses a request that a browser says comes from another site: `Sec-Fetch-Site` other than same-origin (or
   * `none`, typed by the user), else (older browsers) an `Origin` that is not this server's or PUBLIC_URL's.
   * Clients that are not browsers send neither and hold no ambient cookie to abuse.
   */
  assertSameOrigin(req: Request): void {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      // The browser's own verdict, which a page cannot forge; it also holds behind a dev proxy that rewrites Host.
      if (site === 'same-origin' || site === 'none') return;
      throw new IdentityError('CROSS_SITE_REQUEST', 'Requests from another site may not use the session');
    }
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return;
    if (!this.ownOrigins(req).includes(origin)) {
      throw new IdentityError('CROSS_SITE_REQUEST', 'Requests from another site may not use the session');
    }
  }

  private ownOrigins(req: Request): string[] {
    const origins: string[] = [];
    // req.host and req.protocol follow X-Forwarded-Host/-Proto only when TRUST_PROXY is on.
    if (req.host) origins.push(`${req.protocol}://${req.host}`);
    if (this.config.PUBLIC_URL) origins.push(new URL(this.config.PUBLIC_URL).origin);
    return origins;
  }

  private proofFor(refreshToken: string): string {
    return createHmac('sha256', this.key).update(refreshToken).digest('base64url');
  }

  private matches(given: string, expected: string): boolean {
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private base(): CookieOptions {
    return { secure: this.config.REFRESH_COOKIE_SECURE, sameSite: 'strict' };
  }
}
