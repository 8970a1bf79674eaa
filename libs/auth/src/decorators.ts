import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthError } from './auth.errors';
import { Role } from './roles';

export const PUBLIC_KEY = 'ocop:public';
export const ROLES_KEY = 'ocop:roles';

/** Anyone may call; a valid token, if sent, still identifies the caller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The caller must hold at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth());

export interface RequestWithUser {
  user?: AuthUser;
}

/** The authenticated caller; on a @Public route it is undefined for guests. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<RequestWithUser>().user;
});

/** The authenticated caller, required. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<RequestWithUser>().user;
  if (!user) throw new AuthError('UNAUTHENTICATED', 'Sign in to continue');
  return user;
});
