import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One browser's Web Push subscription (its push service endpoint and keys), owned by a user. */
@Entity('push_subscriptions')
export class PushSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') endpoint!: string;
  @Column('text') p256dh!: string;
  @Column('text') auth!: string;
  @Column('text') locale!: 'vi' | 'en';
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) lastSentAt!: Date | null;
}
