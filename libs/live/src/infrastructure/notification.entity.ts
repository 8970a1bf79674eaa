import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind =
  | 'session_reminder'
  | 'host_live'
  | 'order_status'
  | 'campaign_at_risk'
  | 'transfer_held';

/**
 * A stored notification of one user. A reminder and a go-live are unique per (user, session, kind); an order's
 * status change per (user, dedupe key: the outbox message), so a re-run job or a message delivered twice writes none
 * twice.
 */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') kind!: NotificationKind;
  @Column('uuid', { nullable: true }) sessionId!: string | null;
  @Column('uuid', { nullable: true }) orderId!: string | null;
  @Column('text', { nullable: true }) orderStatus!: string | null;
  @Column('text', { nullable: true }) dedupeKey!: string | null;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;
}
