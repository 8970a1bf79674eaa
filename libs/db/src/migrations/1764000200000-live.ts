import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live context: sessions (scheduled -> live -> ended, or cancelled) with the host's branch snapshot, their
 * product lineup, staff (co-hosts and moderators), pinned products, viewers' reminders and user notifications.
 */
export class Live1764000200000 implements MigrationInterface {
  name = 'Live1764000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE live_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        host_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        branch_id uuid NOT NULL REFERENCES branches (id) ON DELETE RESTRICT,
        branch_path uuid[] NOT NULL CONSTRAINT live_sessions_branch_path_check CHECK (
          cardinality(branch_path) >= 1 AND branch_path[cardinality(branch_path)] = branch_id
        ),
        title text NOT NULL CONSTRAINT live_sessions_title_check CHECK (char_length(title) BETWEEN 1 AND 120),
        description text NOT NULL DEFAULT '' CONSTRAINT live_sessions_description_check CHECK (char_length(description) <= 2000),
        status text NOT NULL DEFAULT 'scheduled' CONSTRAINT live_sessions_status_check CHECK (
          status IN ('scheduled', 'live', 'ended', 'cancelled')
        ),
        scheduled_start_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        ended_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        cover_image_url text NULL CONSTRAINT live_sessions_cover_image_url_check CHECK (
          char_length(cover_image_url) <= 2000 AND cover_image_url LIKE 'https://%'
        ),
        peak_viewers integer NULL CONSTRAINT live_sessions_peak_viewers_check CHECK (peak_viewers >= 0),
        unique_viewers integer NULL CONSTRAINT live_sessions_unique_viewers_check CHECK (unique_viewers >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT live_sessions_live_check CHECK (status NOT IN ('live', 'ended') OR started_at IS NOT NULL),
        CONSTRAINT live_sessions_ended_check CHECK (status <> 'ended' OR ended_at IS NOT NULL),
        CONSTRAINT live_sessions_cancelled_check CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL)
      )
    `);
    await queryRunner.query(`CREATE INDEX live_sessions_host_user_id_idx ON live_sessions (host_user_id)`);
    await queryRunner.query(`CREATE INDEX live_sessions_branch_id_idx ON live_sessions (branch_id)`);
    // Listings by branch subtree: branch_path @> ARRAY[branchId].
    await queryRunner.query(
      `CREATE INDEX live_sessions_branch_path_idx ON live_sessions USING gin (branch_path)`,
    );
    // Listings by status (live / upcoming / past), each in its own order.
    await queryRunner.query(
      `CREATE INDEX live_sessions_status_scheduled_start_at_idx ON live_sessions (status, scheduled_start_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX live_sessions_live_started_at_idx ON live_sessions (started_at DESC) WHERE status = 'live'`,
    );
    await queryRunner.query(
      `CREATE INDEX live_sessions_ended_ended_at_idx ON live_sessions (ended_at DESC) WHERE status = 'ended'`,
    );
    // The branch snapshot is attribution: once written it never changes, whatever happens to the tree or the host.
    await queryRunner.query(`
      CREATE FUNCTION live_sessions_branch_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.branch_id IS DISTINCT FROM OLD.branch_id OR NEW.branch_path IS DISTINCT FROM OLD.branch_path
           OR NEW.host_user_id IS DISTINCT FROM OLD.host_user_id THEN
          RAISE EXCEPTION 'live_sessions host and branch snapshot are immutable' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER live_sessions_branch_immutable BEFORE UPDATE ON live_sessions
      FOR EACH ROW EXECUTE FUNCTION live_sessions_branch_immutable()
    `);

    // The lineup; ocop_group is copied from the product when it joins the lineup (listing by group stays local).
    await queryRunner.query(`
      CREATE TABLE live_session_products (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        position smallint NOT NULL CONSTRAINT live_session_products_position_check CHECK (position BETWEEN 0 AND 49),
        ocop_group text NOT NULL CONSTRAINT live_session_products_ocop_group_check CHECK (ocop_group IN (
          'food', 'beverages', 'herbs', 'textiles_garments', 'handicrafts_souvenirs_decoration', 'rural_tourism_services'
        )),
        PRIMARY KEY (session_id, product_id),
        -- Deferred, so a lineup edit can reorder positions inside one transaction.
        CONSTRAINT live_session_products_position_key UNIQUE (session_id, position) DEFERRABLE INITIALLY DEFERRED
      )
    `);
    await queryRunner.query(
      `CREATE INDEX live_session_products_product_id_idx ON live_session_products (product_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX live_session_products_ocop_group_session_id_idx ON live_session_products (ocop_group, session_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE live_session_staff (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT live_session_staff_role_check CHECK (role IN ('cohost', 'moderator')),
        appointed_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX live_session_staff_user_id_idx ON live_session_staff (user_id)`);
    await queryRunner.query(
      `CREATE INDEX live_session_staff_appointed_by_idx ON live_session_staff (appointed_by)`,
    );

    // A pin always refers to a lineup entry: removing the product from the lineup removes its pin.
    await queryRunner.query(`
      CREATE TABLE live_session_pins (
        session_id uuid NOT NULL,
        product_id uuid NOT NULL,
        pinned_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        pinned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, product_id),
        CONSTRAINT live_session_pins_lineup_fkey FOREIGN KEY (session_id, product_id)
          REFERENCES live_session_products (session_id, product_id) ON DELETE CASCADE
      )
    `);
    // Stock changes find the sessions pinning a product.
    await queryRunner.query(
      `CREATE INDEX live_session_pins_product_id_idx ON live_session_pins (product_id)`,
    );
    await queryRunner.query(`CREATE INDEX live_session_pins_pinned_by_idx ON live_session_pins (pinned_by)`);

    await queryRunner.query(`
      CREATE TABLE live_session_reminders (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX live_session_reminders_user_id_idx ON live_session_reminders (user_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT notifications_kind_check CHECK (kind IN ('session_reminder')),
        session_id uuid NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        title text NOT NULL CONSTRAINT notifications_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        body text NOT NULL CONSTRAINT notifications_body_check CHECK (char_length(body) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz NULL,
        CONSTRAINT notifications_user_id_session_id_kind_key UNIQUE (user_id, session_id, kind)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX notifications_user_id_created_at_idx ON notifications (user_id, created_at DESC, id)`,
    );
    await queryRunner.query(`CREATE INDEX notifications_session_id_idx ON notifications (session_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS notifications`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_session_reminders`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_session_pins`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_session_staff`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_session_products`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS live_sessions_branch_immutable ON live_sessions`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_sessions`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS live_sessions_branch_immutable()`);
  }
}
