import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK } from '@ocop/kernel';
import { AssetError } from '../domain';

/** The api's own route for stored files: public renditions (by default) and every signed private file. */
export const FILES_ROUTE = '/files';

export interface SignedUrl {
  url: string;
  expiresAt: string;
}

/**
 * The URLs of stored files. Public renditions: `<ASSETS_PUBLIC_BASE_URL>/<hash>/<name>.<ext>`, content-hashed and
 * immutable. Private files (certificate renditions and originals): `/files/<key>?expires=<unix s>&signature=<hmac>`,
 * valid for ASSETS_SIGNED_URL_TTL_SECONDS; whoever holds the link may read that one file until then, so the api
 * hands links out only to callers who pass the access check, and they expire before they can travel far.
 */
@Injectable()
export class AssetUrls {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // A key of its own, derived from the access-token secret: a signed file link can never pass for a token.
    this.key = createHmac('sha256', config.JWT_ACCESS_SECRET)
      .update('ocop-live/assets/signed-urls/v1')
      .digest();
  }

  publicUrl(key: string): string {
    if (!key.startsWith('public/')) throw new Error(`Not a public key: ${key}`);
    return `${this.config.ASSETS_PUBLIC_BASE_URL}/${key.slice('public/'.length)}`;
  }

  signedUrl(key: string, ttlSeconds = this.config.ASSETS_SIGNED_URL_TTL_SECONDS): SignedUrl {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds;
    return {
      url: `${FILES_ROUTE}/${key}?expires=${expires}&signature=${this.sign(key, expires)}`,
      expiresAt: new Date(expires * 1000).toISOString(),
    };
  }

  /** Throws FILE_LINK_INVALID unless the signature is ours for this key and has not expired. */
  verify(key: string, expires: unknown, signature: unknown): void {
    const invalid = () => new AssetError('FILE_LINK_INVALID', 'This file link is invalid or has expired');
    if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(expires))
      throw invalid();
    const at = Number(expires);
    if (at * 1000 < this.clock.now().getTime()) throw invalid();
    const expected = Buffer.from(this.sign(key, at));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  }

  private sign(key: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${key}\n${expires}`).digest('base64url');
  }
}
