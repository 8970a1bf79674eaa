import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type PinEventKind = 'pin' | 'unpin';

/** A product pinned or unpinned during a session, kept so that a replay shows the pins as they were. */
@Entity('live_pin_events')
export class PinEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') sessionId!: string;
  @Column('uuid') productId!: string;
  @Column('text') kind!: PinEventKind;
  @Column('uuid') byUserId!: string;
  @Column('timestamptz') at!: Date;
}
