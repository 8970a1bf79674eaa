import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stripe does not deliver events in the order it created them. A payment remembers the creation time of the last
 * provider event that moved it, so an older event arriving late (a `processing` after the `payment_failed` that
 * followed it) is recognised and ignored instead of moving the payment backwards.
 */
export class PaymentEventOrder1764000900000 implements MigrationInterface {
  name = 'PaymentEventOrder1764000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments ADD COLUMN last_event_created_at timestamptz NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payments DROP COLUMN last_event_created_at`);
  }
}
