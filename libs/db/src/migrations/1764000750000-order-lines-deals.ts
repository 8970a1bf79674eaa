import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders learn flash deals, share links and a lease on idempotency keys:
 * - every line keeps its list price beside the price paid, and the deal that priced it;
 * - an order keeps the share link its buyer followed (attribution reads it);
 * - a checkout claim carries a lease: a request that died while holding its key frees it when the lease runs out;
 * - payments keep partial refunds (one order of a checkout paid by one card payment), one per reference.
 */
export class OrderLinesDeals1764000750000 implements MigrationInterface {
  name = 'OrderLinesDeals1764000750000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_lines ADD COLUMN list_unit_price_vnd bigint NULL`);
    await queryRunner.query(`UPDATE order_lines SET list_unit_price_vnd = unit_price_vnd`);
    await queryRunner.query(`
      ALTER TABLE order_lines
        ALTER COLUMN list_unit_price_vnd SET NOT NULL,
        ADD CONSTRAINT order_lines_list_unit_price_vnd_check CHECK (list_unit_price_vnd >= unit_price_vnd),
        ADD COLUMN deal_id uuid NULL REFERENCES flash_deals (id)
    `);
    await queryRunner.query(
      `CREATE INDEX order_lines_deal_id_idx ON order_lines (deal_id) WHERE deal_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE orders ADD COLUMN share_code text NULL`);
    // The refund sweeper: orders waiting for their money back.
    await queryRunner.query(
      `CREATE INDEX orders_refund_due_idx ON orders (updated_at) WHERE status = 'refund_due'`,
    );
    await queryRunner.query(
      `ALTER TABLE checkouts ADD COLUMN lease_until timestamptz NOT NULL DEFAULT now() + interval '30 seconds'`,
    );
    await queryRunner.query(`
      CREATE TABLE payment_refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        reference text NOT NULL CONSTRAINT payment_refunds_reference_check CHECK (char_length(reference) BETWEEN 1 AND 200),
        amount_vnd bigint NOT NULL CONSTRAINT payment_refunds_amount_vnd_check CHECK (amount_vnd > 0),
        status text NOT NULL CONSTRAINT payment_refunds_status_check CHECK (status IN ('pending', 'succeeded', 'failed')),
        stripe_refund_id text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_refunds_payment_reference_key UNIQUE (payment_id, reference)
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX payment_refunds_stripe_refund_id_key ON payment_refunds (stripe_refund_id) WHERE stripe_refund_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payment_refunds`);
    await queryRunner.query(`ALTER TABLE checkouts DROP COLUMN lease_until`);
    await queryRunner.query(`DROP INDEX orders_refund_due_idx`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN share_code`);
    await queryRunner.query(`DROP INDEX order_lines_deal_id_idx`);
    await queryRunner.query(
      `ALTER TABLE order_lines DROP COLUMN deal_id, DROP CONSTRAINT order_lines_list_unit_price_vnd_check, DROP COLUMN list_unit_price_vnd`,
    );
  }
}
