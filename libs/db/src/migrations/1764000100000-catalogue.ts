import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue context: producers (OCOP subjects) supported by a Youth Union branch, their products with the
 * OCOP certificate, the append-only stock ledger, the product status history and producer notifications.
 */
export class Catalogue1764000100000 implements MigrationInterface {
  name = 'Catalogue1764000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE producers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        branch_id uuid NOT NULL REFERENCES branches (id) ON DELETE RESTRICT,
        kind text NOT NULL CONSTRAINT producers_kind_check CHECK (kind IN ('household', 'cooperative', 'enterprise')),
        name text NOT NULL CONSTRAINT producers_name_check CHECK (char_length(name) BETWEEN 2 AND 200),
        description text NOT NULL DEFAULT '' CONSTRAINT producers_description_check CHECK (char_length(description) <= 5000),
        phone text NOT NULL CONSTRAINT producers_phone_check CHECK (phone ~ '^\\+84[35789][0-9]{8}$'),
        province_code text NOT NULL CONSTRAINT producers_province_code_check CHECK (province_code ~ '^[a-z0-9-]{2,40}$'),
        commune text NOT NULL CONSTRAINT producers_commune_check CHECK (char_length(commune) BETWEEN 1 AND 200),
        street text NOT NULL DEFAULT '' CONSTRAINT producers_street_check CHECK (char_length(street) <= 300),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT producers_owner_user_id_key UNIQUE (owner_user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX producers_branch_id_idx ON producers (branch_id)`);
    await queryRunner.query(`CREATE INDEX producers_province_code_idx ON producers (province_code)`);

    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        producer_id uuid NOT NULL REFERENCES producers (id) ON DELETE RESTRICT,
        name text NOT NULL CONSTRAINT products_name_check CHECK (char_length(name) BETWEEN 2 AND 200),
        description text NOT NULL DEFAULT '' CONSTRAINT products_description_check CHECK (char_length(description) <= 5000),
        ocop_group text NOT NULL CONSTRAINT products_ocop_group_check CHECK (ocop_group IN (
          'food', 'beverages', 'herbs', 'textiles_garments', 'handicrafts_souvenirs_decoration', 'rural_tourism_services'
        )),
        images text[] NOT NULL DEFAULT '{}' CONSTRAINT products_images_check CHECK (cardinality(images) <= 10),
        price_vnd bigint NOT NULL CONSTRAINT products_price_vnd_check CHECK (price_vnd >= 0 AND price_vnd <= 1000000000),
        stock integer NOT NULL CONSTRAINT products_stock_check CHECK (stock >= 0 AND stock <= 1000000000),
        status text NOT NULL DEFAULT 'draft' CONSTRAINT products_status_check CHECK (
          status IN ('draft', 'pending_verification', 'active', 'suspended')
        ),
        status_reason text NULL CONSTRAINT products_status_reason_check CHECK (char_length(status_reason) <= 500),
        certificate_stars smallint NOT NULL CONSTRAINT products_certificate_stars_check CHECK (certificate_stars BETWEEN 3 AND 5),
        certificate_decision_number text NOT NULL CONSTRAINT products_certificate_decision_number_check CHECK (
          char_length(certificate_decision_number) BETWEEN 3 AND 60
        ),
        certificate_issuing_body text NOT NULL CONSTRAINT products_certificate_issuing_body_check CHECK (
          char_length(certificate_issuing_body) BETWEEN 2 AND 200
        ),
        certificate_signed_on date NOT NULL,
        certificate_expires_on date NOT NULL,
        expiring_warned_at timestamptz NULL,
        expired_warned_at timestamptz NULL,
        submitted_at timestamptz NULL,
        verified_at timestamptz NULL,
        verified_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        search_text text NOT NULL DEFAULT '',
        search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT products_certificate_dates_check CHECK (certificate_expires_on > certificate_signed_on),
        CONSTRAINT products_verified_check CHECK (status <> 'active' OR (verified_at IS NOT NULL AND verified_by IS NOT NULL))
      )
    `);
    // Farmer listings and the admin queue (producer_id first serves the foreign key too).
    await queryRunner.query(`CREATE INDEX products_producer_id_status_idx ON products (producer_id, status)`);
    await queryRunner.query(`CREATE INDEX products_verified_by_idx ON products (verified_by)`);
    // Public browse and the expiry scan: active products by certificate expiry.
    await queryRunner.query(
      `CREATE INDEX products_active_expires_on_idx ON products (certificate_expires_on) WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX products_active_group_stars_idx ON products (ocop_group, certificate_stars) WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX products_search_document_idx ON products USING gin (search_document)`,
    );

    await queryRunner.query(`
      CREATE TABLE stock_movements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        kind text NOT NULL CONSTRAINT stock_movements_kind_check CHECK (kind IN ('initial', 'adjustment', 'reservation', 'release')),
        delta integer NOT NULL,
        stock_after integer NOT NULL CONSTRAINT stock_movements_stock_after_check CHECK (stock_after >= 0),
        reason text NOT NULL DEFAULT '' CONSTRAINT stock_movements_reason_check CHECK (char_length(reason) <= 500),
        reference text NULL CONSTRAINT stock_movements_reference_check CHECK (char_length(reference) <= 200),
        actor_user_id uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_movements_delta_check CHECK (delta <> 0 OR kind = 'initial')
      )
    `);
    await queryRunner.query(
      `CREATE INDEX stock_movements_product_id_created_at_idx ON stock_movements (product_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX stock_movements_actor_user_id_idx ON stock_movements (actor_user_id)`,
    );
    // The ledger is append-only: history is corrected by a new movement, never by an edit.
    await queryRunner.query(`
      CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock_movements is append-only' USING ERRCODE = 'restrict_violation';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
      FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()
    `);

    await queryRunner.query(`
      CREATE TABLE product_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        action text NOT NULL CONSTRAINT product_status_changes_action_check CHECK (
          action IN ('submit', 'verify', 'reject', 'suspend', 'recertify')
        ),
        from_status text NOT NULL,
        to_status text NOT NULL,
        actor_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        reason text NULL CONSTRAINT product_status_changes_reason_check CHECK (char_length(reason) <= 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX product_status_changes_product_id_created_at_idx ON product_status_changes (product_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX product_status_changes_actor_user_id_idx ON product_status_changes (actor_user_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE producer_notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        producer_id uuid NOT NULL REFERENCES producers (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT producer_notifications_kind_check CHECK (
          kind IN ('certificate_expiring', 'certificate_expired')
        ),
        product_id uuid NULL REFERENCES products (id) ON DELETE CASCADE,
        certificate_expires_on date NULL,
        message_vi text NOT NULL,
        message_en text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL
      )
    `);
    await queryRunner.query(
      `CREATE INDEX producer_notifications_producer_id_created_at_idx ON producer_notifications (producer_id, created_at DESC)`,
    );
    // One warning of each kind per certificate of a product, even if two scans race.
    await queryRunner.query(`
      CREATE UNIQUE INDEX producer_notifications_product_certificate_key
      ON producer_notifications (product_id, kind, certificate_expires_on)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS producer_notifications`);
    await queryRunner.query(`DROP TABLE IF EXISTS product_status_changes`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS stock_movements_append_only ON stock_movements`);
    await queryRunner.query(`DROP TABLE IF EXISTS stock_movements`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS stock_movements_append_only()`);
    await queryRunner.query(`DROP TABLE IF EXISTS products`);
    await queryRunner.query(`DROP TABLE IF EXISTS producers`);
  }
}
