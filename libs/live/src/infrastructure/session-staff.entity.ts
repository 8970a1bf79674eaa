import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '../domain';

@Entity('live_session_staff')
export class SessionStaffEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('text') role!: StaffRole;
  @Column('uuid') appointedBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
}
