import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders context: one checkout per (buyer, Idempotency-Key) holding the answer to replay, one order per
 * producer under it, the order lines with their price and attribution snapshots, and the history of every
 * order's status.
 */
export class Orders1764000600000 implements MigrationInterface {
  name = 'Orders1764000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE checkouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_user_id uuid NOT NULL REFERENCES users (id),
        idempotency_key text NOT NULL CONSTRAINT checkouts_idempotency_key_check CHECK (char_length(idempotency_key) BETWEEN 8 AND 128),
        fingerprint text NOT NULL,
        -- null while the first request with this key is still being processed
        result jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT checkouts_buyer_key_key UNIQUE (buyer_user_id, idempotency_key)
      )
    `);

    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        checkout_id uuid NOT NULL REFERENCES checkouts (id),
        buyer_user_id uuid NOT NULL REFERENCES users (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        status text NOT NULL CONSTRAINT orders_status_check CHECK (status IN (
          'pending_payment', 'confirmed', 'shipped', 'delivered', 'cancelled', 'expired', 'refund_due', 'refunded')),
        payment_method text NOT NULL CONSTRAINT orders_payment_method_check CHECK (payment_method IN ('cod', 'card')),
        payment_id uuid NULL REFERENCES payments (id),
        total_vnd bigint NOT NULL CONSTRAINT orders_total_vnd_check CHECK (total_vnd > 0),
        delivery_address jsonb NOT NULL,
        referral_code text NULL,
        expires_at timestamptz NULL,
        placed_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        session_id uuid NULL REFERENCES live_sessions (id),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT orders_expiry_check CHECK ((payment_method = 'card') = (expires_at IS NOT NULL))
      )
    `);
    await queryRunner.query(`CREATE INDEX orders_checkout_id_idx ON orders (checkout_id)`);
    await queryRunner.query(
      `CREATE INDEX orders_buyer_placed_idx ON orders (buyer_user_id, placed_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_producer_placed_idx ON orders (producer_id, placed_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_payment_id_idx ON orders (payment_id) WHERE payment_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_session_id_idx ON orders (session_id) WHERE session_id IS NOT NULL`,
    );
    // The expiry sweeper: unpaid card orders by deadline.
    await queryRunner.query(
      `CREATE INDEX orders_pending_expiry_idx ON orders (expires_at) WHERE status = 'pending_payment'`,
    );

    await queryRunner.query(`
      CREATE TABLE order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        product_name text NOT NULL,
        unit_price_vnd bigint NOT NULL CONSTRAINT order_lines_unit_price_vnd_check CHECK (unit_price_vnd >= 0),
        quantity integer NOT NULL CONSTRAINT order_lines_quantity_check CHECK (quantity BETWEEN 1 AND 99),
        line_total_vnd bigint NOT NULL CONSTRAINT order_lines_line_total_vnd_check CHECK (line_total_vnd >= 0),
        -- attribution snapshot at placement (null when not bought from a session)
        session_id uuid NULL REFERENCES live_sessions (id),
        host_user_id uuid NULL REFERENCES users (id),
        branch_id uuid NULL REFERENCES branches (id),
        branch_path uuid[] NULL,
        CONSTRAINT order_lines_order_position_key UNIQUE (order_id, position)
      )
    `);
    await queryRunner.query(`CREATE INDEX order_lines_product_id_idx ON order_lines (product_id)`);
    await queryRunner.query(
      `CREATE INDEX order_lines_session_id_idx ON order_lines (session_id) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX order_lines_host_user_id_idx ON order_lines (host_user_id) WHERE host_user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX order_lines_branch_id_idx ON order_lines (branch_id) WHERE branch_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE order_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_status text NULL,
        to_status text NOT NULL,
        event text NOT NULL,
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX order_status_changes_order_id_idx ON order_status_changes (order_id, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_status_changes`);
    await queryRunner.query(`DROP TABLE order_lines`);
    await queryRunner.query(`DROP TABLE orders`);
    await queryRunner.query(`DROP TABLE checkouts`);
  }
}
