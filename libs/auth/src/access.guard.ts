import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { AuthError } from './auth.errors';
import { PUBLIC_KEY, RequestWithUser, ROLES_KEY } from './decorators';
import { Role } from './roles';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public; @Roles narrows it further.
 * A @Public route still reads a valid token so that it can tailor its answer to the caller.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithUser & { headers: Record<string, unknown> }>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const header = request.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    if (!token) {
      if (isPublic) return true;
      throw new AuthError('UNAUTHENTICATED', 'Sign in to continue');
    }
    try {
      request.user = await this.tokens.verify(token);
    } catch (error) {
      if (isPublic) return true;
      throw error;
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.some((role) => request.user?.roles.includes(role))) {
      throw new AuthError('ROLE_REQUIRED', `This needs the role ${roles.join(' or ')}`, { roles });
    }
    return true;
  }
}
