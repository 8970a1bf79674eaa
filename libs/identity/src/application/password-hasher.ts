import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/**
 * Passwords are hashed with scrypt (RFC 7914), built into Node's OpenSSL: a memory-hard slow hash with no native
 * add-on to build or crash on install. Parameters follow OWASP's password storage guidance for scrypt
 * (N=2^15, r=8, p=3: 32 MiB and a few tens of milliseconds per hash, run on libuv's thread pool so the event loop
 * stays free). Hashes are self-describing — `scrypt$N$r$p$salt$key` — so parameters can be raised later and old
 * hashes still verify.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, PARAMS);
    return [
      'scrypt',
      PARAMS.N,
      PARAMS.r,
      PARAMS.p,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = hash.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const params = { N: Number(n), r: Number(r), p: Number(p) };
    if (![params.N, params.r, params.p].every((v) => Number.isSafeInteger(v) && v > 0)) return false;
    try {
      const expected = Buffer.from(key, 'base64url');
      const actual = await derive(password, Buffer.from(salt, 'base64url'), params);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check, so an unknown account answers as slowly as a wrong password. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummy ??= this.hash('no-such-account-placeholder-password');
    await this.verify(await this.dummy, password);
    return false;
  }
}
