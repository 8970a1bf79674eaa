import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { HostFollowEntity } from './host-follow.entity';

@Injectable()
export class FollowsRepository {
  constructor(@InjectRepository(HostFollowEntity) private readonly repo: Repository<HostFollowEntity>) {}

  /** Idempotent. */
  async add(followerUserId: string, hostUserId: string): Promise<void> {
    await this.repo.query(
      `INSERT INTO host_follows (follower_user_id, host_user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [followerUserId, hostUserId],
    );
  }

  /** Idempotent. */
  async remove(followerUserId: string, hostUserId: string): Promise<void> {
    await this.repo.delete({ followerUserId, hostUserId });
  }

  /** Whether the user follows the host, and how many follow the host, in one round trip. */
  async state(followerUserId: string | null, hostUserId: string): Promise<{ following: boolean; followers: number }> {
    const [row] = (await this.repo.query(
      `SELECT count(*)::int AS followers,
              coalesce(bool_or(follower_user_id = $2), false) AS following
         FROM host_follows WHERE host_user_id = $1`,
      [hostUserId, followerUserId],
    )) as { followers: number; following: boolean }[];
    return { following: row?.following ?? false, followers: row?.followers ?? 0 };
  }

  /** The host's followers after a cursor (user id order), a batch at a time. */
  async followersAfter(hostUserId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT follower_user_id AS id FROM host_follows
        WHERE host_user_id = $1 AND ($2::uuid IS NULL OR follower_user_id > $2::uuid)
        ORDER BY follower_user_id LIMIT $3`,
      [hostUserId, after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The hosts the user follows (newest first), at most `limit`. */
  async hostsOf(followerUserId: string, limit: number): Promise<string[]> {
    const rows = (await this.repo.query(
      `SELECT host_user_id AS id FROM host_follows WHERE follower_user_id = $1 ORDER BY created_at DESC LIMIT $2`,
      [followerUserId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
