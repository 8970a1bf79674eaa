import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds of VietQR transfers sent back through payOS's payout channel, to the account the transfer came from. One
 * row per attempt; at most one attempt per order is pending or paid at a time (a failed one leaves room for the
 * next). The refund itself is recorded in payment_refunds once payOS has paid it, as a refund recorded by hand.
 */
export class RefundPayouts1765005100000 implements MigrationInterface {
  name = 'RefundPayouts1765005100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE settlement_refund_payouts (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        payment_id uuid NOT NULL REFERENCES payments (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        amount_vnd bigint NOT NULL CONSTRAINT settlement_refund_payouts_amount_check CHECK (amount_vnd > 0),
        to_bin text NOT NULL CONSTRAINT settlement_refund_payouts_bin_check CHECK (to_bin ~ '^[0-9]{6}$'),
        to_account_number text NOT NULL
          CONSTRAINT settlement_refund_payouts_number_check CHECK (to_account_number ~ '^[0-9]{6,19}$'),
        to_account_name text NOT NULL,
        description text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT settlement_refund_payouts_status_check CHECK (status IN ('pending', 'paid', 'failed')),
        payos_payout_id text NULL,
        payos_state text NULL,
        bank_reference text NULL,
        error_code text NULL,
        error_message text NULL,
        requested_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        settled_at timestamptz NULL,
        CONSTRAINT settlement_refund_payouts_settled_check CHECK ((status = 'pending') = (settled_at IS NULL))
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX settlement_refund_payouts_live_key ON settlement_refund_payouts (order_id)
         WHERE status IN ('pending', 'paid')`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_refund_payouts_order_idx ON settlement_refund_payouts (order_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_refund_payouts_payment_idx ON settlement_refund_payouts (payment_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_refund_payouts_producer_idx ON settlement_refund_payouts (producer_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_refund_payouts_requested_by_idx ON settlement_refund_payouts (requested_by)`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_refund_payouts_pending_idx ON settlement_refund_payouts (created_at)
         WHERE status = 'pending'`,
    );
    // The payer's account is read from the delivery that confirmed a payment.
    await queryRunner.query(`CREATE INDEX payos_events_payment_idx ON payos_events (payment_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX payos_events_payment_idx`);
    await queryRunner.query(`DROP TABLE settlement_refund_payouts`);
  }
}
