import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RealtimeModule } from '@ocop/realtime';
import { AccessRevocations } from './application/access-revocations.service';
import { AdminScopeService } from './application/admin-scope.service';
import { AuthService } from './application/auth.service';
import { BranchTreeService } from './application/branch-tree.service';
import { IdentityFacade } from './application/identity.facade';
import { MembershipsService } from './application/memberships.service';
import { PasswordHasher } from './application/password-hasher';
import { PhoneConfirmationService } from './application/phone-confirmation.service';
import { LogSmsProvider, SMS_PROVIDER } from './application/sms-provider';
import { ProfileService } from './application/profile.service';
import { UsersService } from './application/users.service';
import { BranchRepository } from './infrastructure/branch.repository';
import { IDENTITY_ENTITIES } from './infrastructure/entities';

const SERVICES = [
  IdentityFacade,
  UsersService,
  AuthService,
  BranchTreeService,
  AdminScopeService,
  MembershipsService,
  ProfileService,
  PhoneConfirmationService,
];

/** Users, the branch tree and memberships, without HTTP: other contexts and the CLI import this. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), RealtimeModule],
  providers: [
    ...SERVICES,
    AccessRevocations,
    PasswordHasher,
    BranchRepository,
    // SMS_PROVIDER=log is the only provider today; a gateway's provider is bound here by the config's name.
    { provide: SMS_PROVIDER, useClass: LogSmsProvider },
  ],
  exports: [...SERVICES, SMS_PROVIDER],
})
export class IdentityModule {}
