import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shopper's address book: up to 10 delivery addresses the checkout sheet offers, already normalized (E.164
 * phone, one of the 34 province codes, tidy text), at most one of them the default.
 */
export class SavedAddresses1764001100000 implements MigrationInterface {
  name = 'SavedAddresses1764001100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE saved_addresses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        recipient_name text NOT NULL CONSTRAINT saved_addresses_recipient_name_check CHECK (char_length(recipient_name) BETWEEN 2 AND 100),
        phone text NOT NULL CONSTRAINT saved_addresses_phone_check CHECK (phone ~ '^\\+84[35789][0-9]{8}$'),
        province_code text NOT NULL,
        ward text NOT NULL CONSTRAINT saved_addresses_ward_check CHECK (char_length(ward) BETWEEN 2 AND 100),
        street text NOT NULL CONSTRAINT saved_addresses_street_check CHECK (char_length(street) BETWEEN 3 AND 200),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX saved_addresses_user_id_created_at_idx ON saved_addresses (user_id, created_at DESC, id)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX saved_addresses_one_default_idx ON saved_addresses (user_id) WHERE is_default`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE saved_addresses`);
  }
}
