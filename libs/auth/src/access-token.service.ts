import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { AuthUser } from './auth-user';
import { AuthError } from './auth.errors';
import { isRole, Role } from './roles';
import { TokenVersions } from './token-versions';

interface AccessClaims {
  sub: string;
  roles: Role[];
  /** The user's token version when the token was signed (see TokenVersions). */
  ver: number;
  typ: 'access';
}

export interface VerifyOptions {
  /** Read the user's token version past the process cache (socket handshakes). */
  fresh?: boolean;
}

/**
 * Short-lived signed access tokens (HS256), checked against the user's token version on every use so that a
 * revocation reaches tokens already handed out. Refresh tokens are opaque and live in the identity context.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly versions: TokenVersions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  /** `tokenVersion` must be read with the roles, from the same row, so that a token never outlives their change. */
  sign(user: AuthUser, tokenVersion: number): Promise<string> {
    const claims: AccessClaims = { sub: user.id, roles: user.roles, ver: tokenVersion, typ: 'access' };
    return this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
  }

  async verify(token: string, options: VerifyOptions = {}): Promise<AuthUser> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new AuthError('TOKEN_EXPIRED', 'The access token has expired');
      throw new AuthError('TOKEN_INVALID', 'The access token is not valid');
    }
    if (
      claims.typ !== 'access' ||
      typeof claims.sub !== 'string' ||
      !Array.isArray(claims.roles) ||
      !Number.isInteger(claims.ver)
    ) {
      throw new AuthError('TOKEN_INVALID', 'The access token is not valid');
    }
    const current = options.fresh ? await this.versions.fresh(claims.sub) : await this.versions.current(claims.sub);
    if (current === null) throw new AuthError('TOKEN_INVALID', 'The access token is not valid');
    if (current !== claims.ver) {
      throw new AuthError('TOKEN_REVOKED', 'The access token was revoked; refresh it or sign in again');
    }
    return { id: claims.sub, roles: claims.roles.filter(isRole) };
  }
}
