import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded photos and documents: resumable uploads (chunks kept in storage until the upload completes), the assets
 * made from them (renditions described in jsonb), and the references from products (photos in display order, the
 * certificate document), producers (logo) and sessions (cover). External image URLs go away with this migration:
 * every picture is now an uploaded asset.
 */
export class Assets1765000500000 implements MigrationInterface {
  name = 'Assets1765000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CONSTRAINT assets_purpose_check
          CHECK (purpose IN ('product-photo', 'certificate', 'producer-logo', 'session-cover')),
        status text NOT NULL CONSTRAINT assets_status_check CHECK (status IN ('processing', 'ready', 'failed')),
        error_code text NULL,
        file_name text NOT NULL CONSTRAINT assets_file_name_check CHECK (char_length(file_name) BETWEEN 1 AND 200),
        content_type text NULL,
        byte_length integer NOT NULL CONSTRAINT assets_byte_length_check CHECK (byte_length > 0),
        original_key text NULL,
        width integer NULL,
        height integer NULL,
        placeholder text NULL,
        renditions jsonb NOT NULL DEFAULT '[]',
        document jsonb NULL,
        attached_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz NULL
      )
    `);
    await queryRunner.query(
      `CREATE INDEX assets_owner_user_id_idx ON assets (owner_user_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX assets_unattached_created_at_idx ON assets (created_at) WHERE attached_at IS NULL`,
    );
    // The watch for processing jobs a Redis outage lost: the assets still processing, oldest first.
    await queryRunner.query(
      `CREATE INDEX assets_processing_created_at_idx ON assets (created_at) WHERE status = 'processing'`,
    );
    await queryRunner.query(`
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CONSTRAINT uploads_purpose_check
          CHECK (purpose IN ('product-photo', 'certificate', 'producer-logo', 'session-cover')),
        file_name text NOT NULL CONSTRAINT uploads_file_name_check CHECK (char_length(file_name) BETWEEN 1 AND 200),
        byte_length integer NOT NULL CONSTRAINT uploads_byte_length_check CHECK (byte_length > 0),
        chunk_bytes integer NOT NULL CONSTRAINT uploads_chunk_bytes_check CHECK (chunk_bytes > 0),
        received_bytes integer NOT NULL DEFAULT 0,
        status text NOT NULL CONSTRAINT uploads_status_check CHECK (status IN ('receiving', 'complete')),
        asset_id uuid NULL REFERENCES assets (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uploads_received_bytes_check CHECK (received_bytes BETWEEN 0 AND byte_length)
      )
    `);
    await queryRunner.query(`CREATE INDEX uploads_owner_user_id_idx ON uploads (owner_user_id)`);
    await queryRunner.query(`CREATE INDEX uploads_asset_id_idx ON uploads (asset_id)`);
    await queryRunner.query(
      `CREATE INDEX uploads_receiving_expires_at_idx ON uploads (expires_at) WHERE status = 'receiving'`,
    );

    await queryRunner.query(`ALTER TABLE products DROP COLUMN images`);
    await queryRunner.query(`
      ALTER TABLE products
        ADD COLUMN photo_asset_ids uuid[] NOT NULL DEFAULT '{}'
          CONSTRAINT products_photo_asset_ids_check CHECK (cardinality(photo_asset_ids) <= 8),
        ADD COLUMN certificate_document_asset_id uuid NULL REFERENCES assets (id) ON DELETE SET NULL
    `);
    await queryRunner.query(
      `CREATE INDEX products_certificate_document_asset_id_idx ON products (certificate_document_asset_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX products_photo_asset_ids_idx ON products USING gin (photo_asset_ids)`,
    );
    await queryRunner.query(
      `ALTER TABLE producers ADD COLUMN logo_asset_id uuid NULL REFERENCES assets (id) ON DELETE SET NULL`,
    );
    await queryRunner.query(`CREATE INDEX producers_logo_asset_id_idx ON producers (logo_asset_id)`);
    await queryRunner.query(`ALTER TABLE live_sessions DROP COLUMN cover_image_url`);
    await queryRunner.query(
      `ALTER TABLE live_sessions ADD COLUMN cover_asset_id uuid NULL REFERENCES assets (id) ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX live_sessions_cover_asset_id_idx ON live_sessions (cover_asset_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE live_sessions DROP COLUMN cover_asset_id`);
    await queryRunner.query(`ALTER TABLE live_sessions ADD COLUMN cover_image_url text NULL`);
    await queryRunner.query(`ALTER TABLE producers DROP COLUMN logo_asset_id`);
    await queryRunner.query(
      `ALTER TABLE products DROP COLUMN certificate_document_asset_id, DROP COLUMN photo_asset_ids`,
    );
    await queryRunner.query(`ALTER TABLE products ADD COLUMN images text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`DROP TABLE uploads`);
    await queryRunner.query(`DROP TABLE assets`);
  }
}
