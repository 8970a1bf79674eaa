import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { vndColumn } from '@ocop/db';
import type { PaymentMethod, PaymentStatus } from '../domain';

@Entity('payments')
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') reference!: string;
  @Column('text') method!: PaymentMethod;
  @Column('bigint', { transformer: vndColumn }) amountVnd!: number;
  @Column('text') status!: PaymentStatus;
  @Column('text', { nullable: true }) stripePaymentIntentId!: string | null;
  @Column('text', { nullable: true }) stripeRefundId!: string | null;
  @Column('bigint', { nullable: true, transformer: vndColumn }) collectedVnd!: number | null;
  /** When Stripe created the last event that moved this payment (older events arriving late are ignored). */
  @Column('timestamptz', { nullable: true }) lastEventCreatedAt!: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
