import { Injectable } from '@nestjs/common';
import { IdentityFacade } from '@ocop/identity';
import { LiveError } from '../domain';
import { FollowsRepository } from '../infrastructure/follows.repository';
import { SessionsRepository } from '../infrastructure/sessions.repository';

export interface FollowState {
  hostUserId: string;
  following: boolean;
  followers: number;
}

/** Shoppers follow hosts: idempotent, never oneself, only someone who streams. */
@Injectable()
export class FollowsService {
  constructor(
    private readonly follows: FollowsRepository,
    private readonly sessions: SessionsRepository,
    private readonly identity: IdentityFacade,
  ) {}

  async follow(userId: string, hostUserId: string): Promise<FollowState> {
    if (userId === hostUserId) {
      throw new LiveError('CANNOT_FOLLOW_SELF', 'You cannot follow yourself', { hostUserId });
    }
    await this.requireHost(hostUserId);
    await this.follows.add(userId, hostUserId);
    return this.state(userId, hostUserId, false);
  }

  async unfollow(userId: string, hostUserId: string): Promise<FollowState> {
    await this.requireHost(hostUserId);
    await this.follows.remove(userId, hostUserId);
    return this.state(userId, hostUserId, false);
  }

  /** The caller's state (following false for a guest) and the host's follower count. */
  async state(userId: string | null, hostUserId: string, check = true): Promise<FollowState> {
    if (check) await this.requireHost(hostUserId);
    return { hostUserId, ...(await this.follows.state(userId, hostUserId)) };
  }

  /** A host is a user who streams: the streamer role, or a session hosted. Anyone else is 404. */
  private async requireHost(hostUserId: string): Promise<void> {
    const user = await this.identity.findUser(hostUserId);
    if (user && (user.roles.includes('streamer') || (await this.sessions.hostsAny(hostUserId)))) return;
    throw new LiveError('HOST_NOT_FOUND', 'No such host', { hostUserId });
  }
}
