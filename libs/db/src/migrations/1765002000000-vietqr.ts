import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * VietQR bank transfers through payOS: a third payment method. Each VietQR payment has a numeric order code (from a
 * sequence: payOS identifies a payment link by it) and the link payOS issued (QR data, account, checkout URL). Each
 * verified payOS webhook is stored once, keyed by its signature (a redelivery carries the same signed data), with
 * the outcome it had; a transfer that cannot be confirmed (wrong amount, after expiry, a second payment) is kept for
 * review. Orders accept the method, and an unpaid VietQR order expires like an unpaid card order.
 */
export class Vietqr1765002000000 implements MigrationInterface {
  name = 'Vietqr1765002000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_method_check`);
    await queryRunner.query(
      `ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('cod', 'card', 'vietqr'))`,
    );
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_status_check`);
    await queryRunner.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN (
        'awaiting_collection', 'collected', 'requires_payment', 'processing', 'succeeded', 'failed', 'canceled',
        'refund_pending', 'refunded', 'held_for_review'))
    `);
    await queryRunner.query(`CREATE SEQUENCE payos_order_code_seq START WITH 100000`);
    await queryRunner.query(`
      ALTER TABLE payments
        ADD COLUMN payos_order_code bigint NULL CONSTRAINT payments_payos_order_code_key UNIQUE,
        ADD COLUMN payos_link jsonb NULL,
        ADD COLUMN review_reason text NULL,
        ADD CONSTRAINT payments_vietqr_order_code_check CHECK ((method = 'vietqr') = (payos_order_code IS NOT NULL))
    `);
    await queryRunner.query(`
      CREATE TABLE payos_events (
        signature text PRIMARY KEY,
        order_code bigint NOT NULL,
        amount_vnd bigint NOT NULL,
        reference text NOT NULL,
        payload jsonb NOT NULL,
        payment_id uuid NULL REFERENCES payments (id) ON DELETE SET NULL,
        outcome text NOT NULL,
        needs_review boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`CREATE INDEX payos_events_order_code_idx ON payos_events (order_code)`);
    await queryRunner.query(
      `CREATE INDEX payos_events_review_idx ON payos_events (received_at) WHERE needs_review`,
    );
    // One payOS webhook moves a payment at most once.
    await queryRunner.query(`ALTER TABLE payment_transitions ADD COLUMN payos_event text NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX payment_transitions_payos_event_key ON payment_transitions (payment_id, payos_event) WHERE payos_event IS NOT NULL`,
    );

    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_payment_method_check`);
    await queryRunner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_payment_method_check CHECK (payment_method IN ('cod', 'card', 'vietqr'))`,
    );
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_expiry_check`);
    await queryRunner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_expiry_check CHECK ((payment_method IN ('card', 'vietqr')) = (expires_at IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM orders WHERE payment_method = 'vietqr'`);
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_expiry_check`);
    await queryRunner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_expiry_check CHECK ((payment_method = 'card') = (expires_at IS NOT NULL))`,
    );
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_payment_method_check`);
    await queryRunner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_payment_method_check CHECK (payment_method IN ('cod', 'card'))`,
    );
    await queryRunner.query(`ALTER TABLE payment_transitions DROP COLUMN payos_event`);
    await queryRunner.query(`DROP TABLE payos_events`);
    await queryRunner.query(`DELETE FROM payments WHERE method = 'vietqr' OR status = 'held_for_review'`);
    await queryRunner.query(`
      ALTER TABLE payments DROP CONSTRAINT payments_vietqr_order_code_check,
        DROP COLUMN review_reason, DROP COLUMN payos_link, DROP COLUMN payos_order_code
    `);
    await queryRunner.query(`DROP SEQUENCE payos_order_code_seq`);
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_status_check`);
    await queryRunner.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_status_check CHECK (status IN (
        'awaiting_collection', 'collected', 'requires_payment', 'processing', 'succeeded', 'failed', 'canceled',
        'refund_pending', 'refunded'))
    `);
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_method_check`);
    await queryRunner.query(
      `ALTER TABLE payments ADD CONSTRAINT payments_method_check CHECK (method IN ('cod', 'card'))`,
    );
  }
}
