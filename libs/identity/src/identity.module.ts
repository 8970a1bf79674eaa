import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminScopeService } from './application/admin-scope.service';
import { AuthService } from './application/auth.service';
import { BranchTreeService } from './application/branch-tree.service';
import { IdentityFacade } from './application/identity.facade';
import { MembershipsService } from './application/memberships.service';
import { PasswordHasher } from './application/password-hasher';
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
];

/** Users, the branch tree and memberships, without HTTP: other contexts and the CLI import this. */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  providers: [...SERVICES, PasswordHasher, BranchRepository],
  exports: SERVICES,
})
export class IdentityModule {}
