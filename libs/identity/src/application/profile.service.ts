import { Injectable } from '@nestjs/common';
import type { BranchSummary } from '../domain/branch-rules';
import { IdentityError } from '../domain/identity.errors';
import { AdminScopeService } from './admin-scope.service';
import { MembershipsService, MembershipView } from './memberships.service';
import { UsersService, UserView } from './users.service';

/** Who the caller is and what they may do: what a client needs to route by role. */
export interface Profile extends UserView {
  /** Streamers: the branch they belong to now. */
  membership: MembershipView | null;
  pendingApplication: MembershipView | null;
  /** Admins: the root of the subtree they manage. */
  adminScope: BranchSummary | null;
  /** Farmers: the farmer role comes with creating the producer profile, so the two go together. */
  hasProducerProfile: boolean;
}

@Injectable()
export class ProfileService {
  constructor(
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly scope: AdminScopeService,
  ) {}

  async profile(userId: string): Promise<Profile> {
    const user = await this.users.findUser(userId);
    if (!user) throw new IdentityError('USER_NOT_FOUND', 'No such user');
    const [history, adminScope] = await Promise.all([
      this.memberships.myMemberships(userId),
      this.scope.adminBranchOf(userId),
    ]);
    return {
      ...user,
      membership: history.find((m) => m.status === 'active') ?? null,
      pendingApplication: history.find((m) => m.status === 'pending') ?? null,
      adminScope,
      hasProducerProfile: user.roles.includes('farmer'),
    };
  }
}
