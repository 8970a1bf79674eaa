import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payments context: one row per payment (COD or a Stripe PaymentIntent), the history of its status changes,
 * and every Stripe webhook event received, stored once by its id so that redeliveries are harmless.
 */
export class Payments1764000500000 implements MigrationInterface {
  name = 'Payments1764000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL CONSTRAINT payments_reference_check CHECK (char_length(reference) BETWEEN 1 AND 200),
        method text NOT NULL CONSTRAINT payments_method_check CHECK (method IN ('cod', 'card')),
        amount_vnd bigint NOT NULL CONSTRAINT payments_amount_vnd_check CHECK (amount_vnd > 0),
        status text NOT NULL CONSTRAINT payments_status_check CHECK (status IN (
          'awaiting_collection', 'collected', 'requires_payment', 'processing', 'succeeded', 'failed', 'canceled',
          'refund_pending', 'refunded')),
        stripe_payment_intent_id text NULL CONSTRAINT payments_stripe_payment_intent_id_key UNIQUE,
        stripe_refund_id text NULL,
        collected_vnd bigint NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_card_intent_check CHECK ((method = 'card') = (stripe_payment_intent_id IS NOT NULL))
      )
    `);
    await queryRunner.query(`CREATE INDEX payments_reference_idx ON payments (reference)`);

    await queryRunner.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz NULL,
        outcome text NULL
      )
    `);
    await queryRunner.query(
      `CREATE INDEX stripe_events_unprocessed_idx ON stripe_events (received_at) WHERE processed_at IS NULL`,
    );

    // One event causes at most one transition of a payment: a redelivered or concurrently processed event cannot
    // record a second one.
    await queryRunner.query(`
      CREATE TABLE payment_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
        from_status text NOT NULL,
        to_status text NOT NULL,
        trigger text NOT NULL,
        stripe_event_id text NULL REFERENCES stripe_events (id) ON DELETE SET NULL,
        -- clock_timestamp(), not now(): two transitions in one transaction keep their order.
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX payment_transitions_payment_id_idx ON payment_transitions (payment_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX payment_transitions_event_key ON payment_transitions (payment_id, stripe_event_id) WHERE stripe_event_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX payment_transitions_stripe_event_id_idx ON payment_transitions (stripe_event_id) WHERE stripe_event_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_transitions`);
    await queryRunner.query(`DROP TABLE stripe_events`);
    await queryRunner.query(`DROP TABLE payments`);
  }
}
