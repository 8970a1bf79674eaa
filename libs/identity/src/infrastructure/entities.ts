import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@ocop/auth';
import type { BranchStatus, BranchType } from '../domain/branch-rules';
import type { MembershipStatus } from '../domain/membership-rules';

// Mappings of the tables created by migration Identity1764000000000 (never synchronized). Tree and history
// updates go through the SQL in the repositories; the entities serve reads and simple inserts.

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('text') passwordHash!: string;
  @Column('text') displayName!: string;
  @Column('text', { array: true }) roles!: Role[];
  /** Moves on at sign-out-everywhere, a role change or a membership's end: older access tokens stop working. */
  @Column('integer') tokenVersion!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}

@Entity('refresh_token_families')
export class RefreshTokenFamilyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
  @Column('text', { nullable: true }) revokedReason!: string | null;
}

@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') familyId!: string;
  @Column('text') tokenHash!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
}

@Entity('branches')
export class BranchEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') type!: BranchType;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  @Column('text') status!: BranchStatus;
  @Column('uuid', { nullable: true }) mergedIntoId!: string | null;
  @Column('uuid', { array: true }) path!: string[];
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}

@Entity('branch_versions')
export class BranchVersionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') branchId!: string;
  @Column('text') name!: string;
  @Column('uuid', { nullable: true }) parentId!: string | null;
  @Column('uuid', { array: true }) path!: string[];
  @Column('text') status!: BranchStatus;
  @Column('timestamptz') validFrom!: Date;
  @Column('timestamptz', { nullable: true }) validTo!: Date | null;
}

@Entity('branch_events')
export class BranchEventEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') type!: string;
  @Column('uuid') branchId!: string;
  @Column('uuid', { nullable: true }) actorUserId!: string | null;
  @Column('timestamptz') at!: Date;
  @Column('jsonb') payload!: Record<string, unknown>;
}

@Entity('admin_assignments')
export class AdminAssignmentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('uuid') branchId!: string;
  @Column('uuid', { nullable: true }) grantedBy!: string | null;
  @Column('uuid', { nullable: true }) revokedBy!: string | null;
  @Column('timestamptz') validFrom!: Date;
  @Column('timestamptz', { nullable: true }) validTo!: Date | null;
}

@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('uuid') branchId!: string;
  @Column('text') status!: MembershipStatus;
  @Column('timestamptz') appliedAt!: Date;
  @Column('timestamptz', { nullable: true }) decidedAt!: Date | null;
  @Column('uuid', { nullable: true }) decidedBy!: string | null;
  @Column('timestamptz', { nullable: true }) validFrom!: Date | null;
  @Column('timestamptz', { nullable: true }) validTo!: Date | null;
  @Column('uuid', { nullable: true }) endedBy!: string | null;
  @Column('text', { nullable: true }) endReason!: string | null;
  @Column('uuid', { nullable: true }) transferredFromId!: string | null;
}

export const IDENTITY_ENTITIES = [
  UserEntity,
  RefreshTokenFamilyEntity,
  RefreshTokenEntity,
  BranchEntity,
  BranchVersionEntity,
  BranchEventEntity,
  AdminAssignmentEntity,
  MembershipEntity,
];
