import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind = 'session_reminder';

/** A stored notification of one user; unique per (user, session, kind), so a re-run job does not duplicate it. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') kind!: NotificationKind;
  @Column('uuid', { nullable: true }) sessionId!: string | null;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;
}
