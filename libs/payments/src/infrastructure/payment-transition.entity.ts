import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentStatus, PaymentTrigger } from '../domain';

/** One real change of a payment's status, and the Stripe event that caused it (null for our own commands). */
@Entity('payment_transitions')
export class PaymentTransitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') paymentId!: string;
  @Column('text') fromStatus!: PaymentStatus;
  @Column('text') toStatus!: PaymentStatus;
  @Column('text') trigger!: PaymentTrigger;
  @Column('text', { nullable: true }) stripeEventId!: string | null;
  /** The payOS webhook (its signature) that caused it, for VietQR. */
  @Column('text', { nullable: true }) payosEvent!: string | null;
  @Column('timestamptz', { default: () => 'clock_timestamp()' }) createdAt!: Date;
}
