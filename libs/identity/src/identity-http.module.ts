import { Module } from '@nestjs/common';
import { AdminMembershipsController } from './http/admin-memberships.controller';
import { AuthController } from './http/auth.controller';
import { BranchesController } from './http/branches.controller';
import { MeController } from './http/me.controller';
import { MembershipsController } from './http/memberships.controller';
import { PhonesController } from './http/phones.controller';
import { SessionCookies } from './http/session-cookies';
import { IdentityModule } from './identity.module';

/** The identity REST edge: /api/auth, /api/me, /api/branches, /api/memberships, /api/admin/memberships. */
@Module({
  imports: [IdentityModule],
  controllers: [
    AuthController,
    MeController,
    BranchesController,
    MembershipsController,
    AdminMembershipsController,
    PhonesController,
  ],
  providers: [SessionCookies],
})
export class IdentityHttpModule {}
