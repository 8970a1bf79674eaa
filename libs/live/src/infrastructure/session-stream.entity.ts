import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A session's own stream: its secret key, whether a publisher is on air, and its HLS recording. */
@Entity('live_session_streams')
export class SessionStreamEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @Column('text') streamSecret!: string;
  @Column('timestamptz') secretCreatedAt!: Date;
  @Column('timestamptz', { nullable: true }) publishingSince!: Date | null;
  @Column('timestamptz', { nullable: true }) publisherLeftAt!: Date | null;
  @Column('timestamptz', { nullable: true }) recordingStartedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) recordingEndedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) recordingDeletedAt!: Date | null;
  /** When the media app last grabbed a still frame of the live stream (the cards' thumbnail). */
  @Column('timestamptz', { nullable: true }) thumbnailCapturedAt!: Date | null;
  /** When the replay's poster was grabbed. */
  @Column('timestamptz', { nullable: true }) posterCapturedAt!: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
