import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind } from '../domain';

@Entity('producer_notifications')
export class ProducerNotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') producerId!: string;
  @Column('text') kind!: NotificationKind;
  @Column('uuid', { nullable: true }) productId!: string | null;
  @Column('date', { nullable: true }) certificateExpiresOn!: string | null;
  @Column('text') messageVi!: string;
  @Column('text') messageEn!: string;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;
}
