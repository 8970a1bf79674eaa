import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A checkout a first-time buyer finishes: each producer's shipping fee (flat, or free from an order amount), the
 * fee each order was charged (part of its total, which the courier collects), and a short code per order that the
 * buyer can read out on the phone (8 characters of an alphabet without 0, O, 1 and I; unique). Orders placed before
 * this migration get a code too, so every order can be found by one.
 */
export class CartCheckout1765001000000 implements MigrationInterface {
  name = 'CartCheckout1765001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE producer_shipping_rates (
        producer_id uuid PRIMARY KEY REFERENCES producers (id) ON DELETE CASCADE,
        flat_fee_vnd bigint NOT NULL DEFAULT 0
          CONSTRAINT producer_shipping_rates_flat_fee_vnd_check CHECK (flat_fee_vnd BETWEEN 0 AND 1000000),
        free_from_vnd bigint NULL
          CONSTRAINT producer_shipping_rates_free_from_vnd_check CHECK (free_from_vnd IS NULL OR free_from_vnd BETWEEN 1 AND 100000000),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN shipping_fee_vnd bigint NOT NULL DEFAULT 0
          CONSTRAINT orders_shipping_fee_vnd_check CHECK (shipping_fee_vnd >= 0),
        ADD COLUMN code text NULL
          CONSTRAINT orders_code_check CHECK (code ~ '^[2-9A-HJ-NP-Z]{8}$')
    `);
    await queryRunner.query(`
      UPDATE orders SET code = (
        SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + floor(random() * 32)::int, 1), '')
        FROM generate_series(1, 8 + 0 * length(orders.id::text))
      )
    `);
    await queryRunner.query(`ALTER TABLE orders ALTER COLUMN code SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX orders_code_key ON orders (code)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS orders_code_key`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN code, DROP COLUMN shipping_fee_vnd`);
    await queryRunner.query(`DROP TABLE IF EXISTS producer_shipping_rates`);
  }
}
