import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refund paid through a payOS payout is a refund of its own provider: reserved (pending) when the payout opens, so
 * that nobody records the same refund by hand meanwhile, then succeeded with payOS's reference, or failed.
 */
export class PayosRefundProvider1765005200000 implements MigrationInterface {
  name = 'PayosRefundProvider1765005200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payment_refunds
        DROP CONSTRAINT payment_refunds_provider_check,
        ADD CONSTRAINT payment_refunds_provider_check CHECK (provider IN ('stripe', 'manual', 'payos')),
        DROP CONSTRAINT payment_refunds_manual_check,
        ADD CONSTRAINT payment_refunds_manual_check CHECK (
          CASE provider
            WHEN 'manual' THEN bank_reference IS NOT NULL AND recorded_by IS NOT NULL
            WHEN 'stripe' THEN bank_reference IS NULL AND recorded_by IS NULL
            ELSE recorded_by IS NOT NULL AND (status = 'succeeded') = (bank_reference IS NOT NULL)
          END
        )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE payment_refunds SET provider = 'manual' WHERE provider = 'payos' AND status = 'succeeded'`,
    );
    await queryRunner.query(`DELETE FROM payment_refunds WHERE provider = 'payos'`);
    await queryRunner.query(`
      ALTER TABLE payment_refunds
        DROP CONSTRAINT payment_refunds_manual_check,
        ADD CONSTRAINT payment_refunds_manual_check
          CHECK ((provider = 'manual') = (bank_reference IS NOT NULL AND recorded_by IS NOT NULL)),
        DROP CONSTRAINT payment_refunds_provider_check,
        ADD CONSTRAINT payment_refunds_provider_check CHECK (provider IN ('stripe', 'manual'))
    `);
  }
}
