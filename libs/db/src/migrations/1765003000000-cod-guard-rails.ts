import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cash-on-delivery guard-rails. A buyer confirms a phone number with a one-time code (`phone_otp_challenges`: the code
 * only as a keyed hash, with its expiry and tries); a confirmed number is a `phone_confirmations` row. Refused
 * deliveries are order status changes (`refuse`); the buyer's record and strikes are read from them by buyer, so the
 * history gets an index on the event.
 */
export class CodGuardRails1765003000000 implements MigrationInterface {
  name = 'CodGuardRails1765003000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE phone_otp_challenges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        phone text NOT NULL CONSTRAINT phone_otp_challenges_phone_check CHECK (phone ~ '^\\+84[0-9]{9}$'),
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CONSTRAINT phone_otp_challenges_attempts_check CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX phone_otp_challenges_user_idx ON phone_otp_challenges (user_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX phone_otp_challenges_phone_idx ON phone_otp_challenges (phone, created_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE phone_confirmations (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        phone text NOT NULL CONSTRAINT phone_confirmations_phone_check CHECK (phone ~ '^\\+84[0-9]{9}$'),
        confirmed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (user_id, phone)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX order_status_changes_refused_idx ON order_status_changes (order_id, created_at)
         WHERE event IN ('refuse', 'deliver')`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS orders_buyer_cod_open_idx ON orders (buyer_user_id)
         WHERE payment_method = 'cod' AND status IN ('pending_payment', 'confirmed', 'shipped')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS orders_buyer_cod_open_idx`);
    await queryRunner.query(`DROP INDEX IF EXISTS order_status_changes_refused_idx`);
    await queryRunner.query(`DROP TABLE phone_confirmations`);
    await queryRunner.query(`DROP TABLE phone_otp_challenges`);
  }
}
