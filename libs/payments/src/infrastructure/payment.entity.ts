import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { vndColumn } from '@ocop/db';
import type { PaymentMethod, PaymentStatus } from '../domain';

/** What payOS answered when the payment link was created: what the buyer's bank app needs. */
export interface PayosLinkRecord {
  paymentLinkId: string;
  /** The VietQR (EMVCo) payload to draw as a QR code. */
  qrCode: string;
  checkoutUrl: string;
  bin: string;
  accountNumber: string;
  accountName: string;
  description: string;
  /** The link's deadline (ISO), when payOS was given one. */
  expiresAt: string | null;
}

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
  /** VietQR: payOS's numeric order code of this payment (its payment link is found by it). */
  @Column('bigint', { nullable: true, transformer: vndColumn }) payosOrderCode!: number | null;
  /** VietQR: the payment link payOS issued (null until payOS answered). */
  @Column('jsonb', { nullable: true }) payosLink!: PayosLinkRecord | null;
  /** Why the payment is held for review (amount_mismatch, after_expiry), if it is. */
  @Column('text', { nullable: true }) reviewReason!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt!: Date;
}
