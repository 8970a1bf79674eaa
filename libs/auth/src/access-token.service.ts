import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Inject } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthError } from './auth.errors';
import { isRole, Role } from './roles';

interface AccessClaims {
  sub: string;
  roles: Role[];
  typ: 'access';
}

/** Short-lived signed access tokens (HS256). Refresh tokens are opaque and live in the identity context. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  sign(user: AuthUser): Promise<string> {
    const claims: AccessClaims = { sub: user.id, roles: user.roles, typ: 'access' };
    return this.jwt.signAsync(claims, { expiresIn: this.config.JWT_ACCESS_TTL_SECONDS });
  }

  async verify(token: string): Promise<AuthUser> {
    let claims: Partial<AccessClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new AuthError('TOKEN_EXPIRED', 'The access token has expired');
      throw new AuthError('TOKEN_INVALID', 'The access token is not valid');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) {
      throw new AuthError('TOKEN_INVALID', 'The access token is not valid');
    }
    return { id: claims.sub, roles: claims.roles.filter(isRole) };
  }
}
