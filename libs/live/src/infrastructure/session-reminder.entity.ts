import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('live_session_reminders')
export class SessionReminderEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
