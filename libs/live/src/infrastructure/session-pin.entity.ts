import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('live_session_pins')
export class SessionPinEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') productId!: string;
  @Column('uuid') pinnedBy!: string;
  @Column('timestamptz', { default: () => 'now()' }) pinnedAt!: Date;
}
