import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds paid by hand: a paid online order that cannot be refunded by its provider (a bank transfer) is refunded by
 * the farmer or an admin, who records the bank's reference. A refund row says which provider paid it.
 */
export class RecordedRefunds1765003100000 implements MigrationInterface {
  name = 'RecordedRefunds1765003100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payment_refunds
        ADD COLUMN provider text NOT NULL DEFAULT 'stripe'
          CONSTRAINT payment_refunds_provider_check CHECK (provider IN ('stripe', 'manual')),
        ADD COLUMN bank_reference text NULL
          CONSTRAINT payment_refunds_bank_reference_check CHECK (char_length(bank_reference) BETWEEN 1 AND 100),
        ADD COLUMN recorded_by uuid NULL,
        ADD CONSTRAINT payment_refunds_manual_check
          CHECK ((provider = 'manual') = (bank_reference IS NOT NULL AND recorded_by IS NOT NULL))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payment_refunds
        DROP CONSTRAINT payment_refunds_manual_check,
        DROP COLUMN recorded_by,
        DROP COLUMN bank_reference,
        DROP COLUMN provider
    `);
  }
}
