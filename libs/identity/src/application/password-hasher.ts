import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes): strong enough, and cheap enough that a sign-in
// burst does not starve the api of memory.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check, so an unknown account answers as slowly as a wrong password. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummy ??= argon2.hash('no-such-account-placeholder-password', OPTIONS);
    await this.verify(await this.dummy, password);
    return false;
  }
}
