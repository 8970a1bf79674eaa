import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A verified Stripe webhook event, stored once by its id. */
@Entity('stripe_events')
export class StripeEventEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') type!: string;
  @Column('jsonb') payload!: { data?: { object?: Record<string, unknown> } } & Record<string, unknown>;
  @Column('timestamptz', { default: () => 'now()' }) receivedAt!: Date;
  @Column('timestamptz', { nullable: true }) processedAt!: Date | null;
  @Column('text', { nullable: true }) outcome!: string | null;
}
