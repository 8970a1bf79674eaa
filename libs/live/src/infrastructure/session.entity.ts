import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionStatus } from '../domain';

/** A live session. host_user_id, branch_id and branch_path are a snapshot taken at creation (a trigger keeps them). */
@Entity('live_sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', update: false }) hostUserId!: string;
  @Column({ type: 'uuid', update: false }) branchId!: string;
  @Column({ type: 'uuid', array: true, update: false }) branchPath!: string[];
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text') status!: SessionStatus;
  @Column('timestamptz') scheduledStartAt!: Date;
  @Column('timestamptz', { nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) endedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
  /** The cover picture (a session-cover asset of the host). */
  @Column('uuid', { nullable: true }) coverAssetId!: string | null;
  /** A stream hosted elsewhere (YouTube, Facebook, TikTok or an https HLS playlist) shown instead of our own. */
  @Column('text', { nullable: true }) externalStreamUrl!: string | null;
  @Column('integer', { nullable: true }) peakViewers!: number | null;
  @Column('integer', { nullable: true }) uniqueViewers!: number | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
