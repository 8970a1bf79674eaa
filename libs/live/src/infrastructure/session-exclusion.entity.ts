import { Entity, PrimaryColumn, Column } from 'typeorm';

/** A viewer removed from a session: no video, no room, no buying in it. */
@Entity('live_session_exclusions')
export class SessionExclusionEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
