import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flash deals and per-buyer limits of the live context: a deal carves a quantity out of a lineup product's stock
 * at a lower price for a short window, each buyer's units in a deal are counted against its per-buyer limit, and a
 * lineup product may carry a per-buyer limit of its own, counted per (session, product, buyer).
 */
export class FlashDeals1764000700000 implements MigrationInterface {
  name = 'FlashDeals1764000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flash_deals (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE RESTRICT,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        -- the product's name when the deal started, as the room saw it
        product_name text NOT NULL CONSTRAINT flash_deals_product_name_check CHECK (char_length(product_name) BETWEEN 1 AND 200),
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        price_vnd bigint NOT NULL CONSTRAINT flash_deals_price_vnd_check CHECK (price_vnd > 0),
        list_price_vnd bigint NOT NULL,
        quantity integer NOT NULL CONSTRAINT flash_deals_quantity_check CHECK (quantity >= 1),
        remaining integer NOT NULL,
        per_buyer_limit integer NOT NULL,
        opens_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        ended_at timestamptz NULL,
        -- units given back to the product's stock when the deal ended (null while it runs)
        returned_quantity integer NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flash_deals_price_below_list_check CHECK (price_vnd < list_price_vnd),
        CONSTRAINT flash_deals_remaining_check CHECK (remaining >= 0 AND remaining <= quantity),
        CONSTRAINT flash_deals_per_buyer_limit_check CHECK (per_buyer_limit >= 1 AND per_buyer_limit <= quantity),
        CONSTRAINT flash_deals_window_check CHECK (ends_at > opens_at),
        CONSTRAINT flash_deals_returned_quantity_check CHECK (
          (ended_at IS NULL AND returned_quantity IS NULL)
          OR (ended_at IS NOT NULL AND returned_quantity BETWEEN 0 AND quantity)
        ),
        -- a deal is always on a product of the session's lineup
        CONSTRAINT flash_deals_lineup_fkey FOREIGN KEY (session_id, product_id)
          REFERENCES live_session_products (session_id, product_id) ON DELETE RESTRICT
      )
    `);
    // At most one deal that has not ended per lineup product; start inserts with ON CONFLICT against it.
    await queryRunner.query(
      `CREATE UNIQUE INDEX flash_deals_running_key ON flash_deals (session_id, product_id) WHERE ended_at IS NULL`,
    );
    // The sweeper: deals not ended yet, by end time.
    await queryRunner.query(
      `CREATE INDEX flash_deals_running_ends_at_idx ON flash_deals (ends_at) WHERE ended_at IS NULL`,
    );
    // The session's deals, newest first (GET /sessions/:id/deals); also serves the lineup foreign key.
    await queryRunner.query(
      `CREATE INDEX flash_deals_session_id_product_id_idx ON flash_deals (session_id, product_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX flash_deals_session_id_created_at_idx ON flash_deals (session_id, created_at DESC, id)`,
    );
    await queryRunner.query(`CREATE INDEX flash_deals_product_id_idx ON flash_deals (product_id)`);
    await queryRunner.query(`CREATE INDEX flash_deals_created_by_idx ON flash_deals (created_by)`);

    // Units each buyer holds at a deal's price; the per-buyer limit is checked by the upsert's WHERE.
    await queryRunner.query(`
      CREATE TABLE flash_deal_buyers (
        deal_id uuid NOT NULL REFERENCES flash_deals (id) ON DELETE CASCADE,
        buyer_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        quantity integer NOT NULL CONSTRAINT flash_deal_buyers_quantity_check CHECK (quantity >= 0),
        PRIMARY KEY (deal_id, buyer_user_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX flash_deal_buyers_buyer_user_id_idx ON flash_deal_buyers (buyer_user_id)`,
    );

    // A lineup product's own per-buyer limit for the whole session (null: no limit).
    await queryRunner.query(`
      ALTER TABLE live_session_products ADD COLUMN per_buyer_limit integer NULL
        CONSTRAINT live_session_products_per_buyer_limit_check CHECK (per_buyer_limit BETWEEN 1 AND 99)
    `);

    // Units each buyer holds of a lineup product in a session, counted against its per-buyer limit.
    await queryRunner.query(`
      CREATE TABLE live_listing_buyers (
        session_id uuid NOT NULL,
        product_id uuid NOT NULL,
        buyer_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        quantity integer NOT NULL CONSTRAINT live_listing_buyers_quantity_check CHECK (quantity >= 0),
        PRIMARY KEY (session_id, product_id, buyer_user_id),
        CONSTRAINT live_listing_buyers_lineup_fkey FOREIGN KEY (session_id, product_id)
          REFERENCES live_session_products (session_id, product_id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(
      `CREATE INDEX live_listing_buyers_buyer_user_id_idx ON live_listing_buyers (buyer_user_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS live_listing_buyers`);
    await queryRunner.query(`ALTER TABLE live_session_products DROP COLUMN IF EXISTS per_buyer_limit`);
    await queryRunner.query(`DROP TABLE IF EXISTS flash_deal_buyers`);
    await queryRunner.query(`DROP TABLE IF EXISTS flash_deals`);
  }
}
