import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One product of a session's lineup, in position order; the OCOP group is copied for listings by group, and the
 * host may cap how many units one buyer takes of it in the session.
 */
@Entity('live_session_products')
export class SessionProductEntity {
  @PrimaryColumn('uuid') sessionId!: string;
  @PrimaryColumn('uuid') productId!: string;
  @Column('smallint') position!: number;
  @Column('text') ocopGroup!: string;
  @Column('integer', { nullable: true }) perBuyerLimit!: number | null;
}
