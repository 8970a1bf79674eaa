import { Injectable } from '@nestjs/common';
import type { Role } from '@ocop/auth';
import type { BranchSummary } from '../domain/branch-rules';
import { AdminScopeService } from './admin-scope.service';
import { BranchTreeService } from './branch-tree.service';
import { MembershipsService } from './memberships.service';
import { UsersService } from './users.service';

/** What other contexts may ask of identity. Stable: other contexts code against these exact signatures. */
@Injectable()
export class IdentityFacade {
  constructor(
    private readonly users: UsersService,
    private readonly scope: AdminScopeService,
    private readonly tree: BranchTreeService,
    private readonly memberships: MembershipsService,
  ) {}

  /** The admin's current scope root, or null. */
  adminBranchOf(userId: string): Promise<BranchSummary | null> {
    return this.scope.adminBranchOf(userId);
  }

  /** Throws IdentityError ADMIN_SCOPE_REQUIRED (403) for a non-admin, BRANCH_NOT_FOUND (404) outside the scope. */
  async assertBranchInAdminScope(adminUserId: string, branchId: string): Promise<BranchSummary> {
    const branch = await this.scope.assertInScope(adminUserId, branchId);
    const { mergedIntoId: _merged, ...summary } = branch;
    return summary;
  }

  isBranchInAdminScope(adminUserId: string, branchId: string): Promise<boolean> {
    return this.scope.isInScope(adminUserId, branchId);
  }

  /** The root and all its current descendants (every status). */
  subtreeBranchIds(rootBranchId: string): Promise<string[]> {
    return this.tree.subtreeBranchIds(rootBranchId);
  }

  findBranch(branchId: string): Promise<BranchSummary | null> {
    return this.tree.findBranch(branchId);
  }

  /** Idempotent. */
  grantRole(userId: string, role: Role): Promise<void> {
    return this.users.grantRole(userId, role);
  }

  findUser(
    userId: string,
  ): Promise<{
    id: string;
    displayName: string;
    email: string | null;
    phone: string | null;
    roles: Role[];
  } | null> {
    return this.users.findUser(userId);
  }

  /** The root-first path of the branch at that instant; null before it existed. */
  ancestryAt(branchId: string, at: Date): Promise<string[] | null> {
    return this.tree.ancestryAt(branchId, at);
  }

  /** The branch the user belonged to at that instant, with that branch's path at that instant. */
  membershipAt(userId: string, at: Date): Promise<{ branchId: string; path: string[] } | null> {
    return this.memberships.membershipAt(userId, at);
  }
}
