import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: users and their roles, refresh-token families, the Youth Union branch tree with its full history
 * (branch_versions, valid_from/valid_to) and audit log, admin assignments and streamer memberships.
 */
export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NULL,
        phone text NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT ARRAY['shopper']::text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email),
        CONSTRAINT users_phone_unique UNIQUE (phone),
        CONSTRAINT users_email_or_phone CHECK (email IS NOT NULL OR phone IS NOT NULL),
        CONSTRAINT users_email_lowercase CHECK (email IS NULL OR email = lower(email)),
        CONSTRAINT users_phone_e164 CHECK (phone IS NULL OR phone ~ '^\\+84[35789][0-9]{8}$'),
        CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['shopper', 'streamer', 'farmer', 'admin']::text[])
      )`);

    await queryRunner.query(`
      CREATE TABLE refresh_token_families (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL,
        revoked_reason text NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX refresh_token_families_user_id_idx ON refresh_token_families (user_id) WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX refresh_token_families_user_id_all_idx ON refresh_token_families (user_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        CONSTRAINT refresh_tokens_token_hash_unique UNIQUE (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);

    await queryRunner.query(`
      CREATE TABLE branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        parent_id uuid NULL REFERENCES branches (id),
        status text NOT NULL DEFAULT 'active',
        merged_into_id uuid NULL REFERENCES branches (id),
        path uuid[] NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT branches_code_unique UNIQUE (code),
        CONSTRAINT branches_type_known CHECK (type IN ('city_union', 'district_union', 'grassroots_union', 'cell')),
        CONSTRAINT branches_status_known CHECK (status IN ('active', 'closed', 'merged')),
        CONSTRAINT branches_merged_into CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
        CONSTRAINT branches_path_ends_with_self CHECK (path[array_length(path, 1)] = id),
        CONSTRAINT branches_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await queryRunner.query(`CREATE INDEX branches_parent_id_idx ON branches (parent_id)`);
    await queryRunner.query(`CREATE INDEX branches_merged_into_id_idx ON branches (merged_into_id)`);
    await queryRunner.query(`CREATE INDEX branches_path_gin_idx ON branches USING gin (path)`);

    await queryRunner.query(`
      CREATE TABLE branch_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        branch_id uuid NOT NULL REFERENCES branches (id),
        name text NOT NULL,
        parent_id uuid NULL REFERENCES branches (id),
        path uuid[] NOT NULL,
        status text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NULL,
        CONSTRAINT branch_versions_interval CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(
      `CREATE INDEX branch_versions_branch_id_valid_from_idx ON branch_versions (branch_id, valid_from)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX branch_versions_one_current_idx ON branch_versions (branch_id) WHERE valid_to IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX branch_versions_parent_id_idx ON branch_versions (parent_id)`);

    await queryRunner.query(`
      CREATE TABLE branch_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        branch_id uuid NOT NULL REFERENCES branches (id),
        actor_user_id uuid NULL REFERENCES users (id),
        at timestamptz NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query(`CREATE INDEX branch_events_branch_id_at_idx ON branch_events (branch_id, at)`);
    await queryRunner.query(`CREATE INDEX branch_events_actor_user_id_idx ON branch_events (actor_user_id)`);
    // Append-only: the audit log is never edited or pruned by the application.
    await queryRunner.query(`
      CREATE FUNCTION branch_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'branch_events is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER branch_events_no_update BEFORE UPDATE OR DELETE ON branch_events
      FOR EACH ROW EXECUTE FUNCTION branch_events_append_only()`);

    await queryRunner.query(`
      CREATE TABLE admin_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        branch_id uuid NOT NULL REFERENCES branches (id),
        granted_by uuid NULL REFERENCES users (id),
        revoked_by uuid NULL REFERENCES users (id),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NULL,
        CONSTRAINT admin_assignments_interval CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX admin_assignments_one_current_idx ON admin_assignments (user_id) WHERE valid_to IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX admin_assignments_user_id_idx ON admin_assignments (user_id, valid_from)`,
    );
    await queryRunner.query(`CREATE INDEX admin_assignments_branch_id_idx ON admin_assignments (branch_id)`);
    await queryRunner.query(
      `CREATE INDEX admin_assignments_granted_by_idx ON admin_assignments (granted_by)`,
    );
    await queryRunner.query(
      `CREATE INDEX admin_assignments_revoked_by_idx ON admin_assignments (revoked_by)`,
    );

    await queryRunner.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        branch_id uuid NOT NULL REFERENCES branches (id),
        status text NOT NULL,
        applied_at timestamptz NOT NULL,
        decided_at timestamptz NULL,
        decided_by uuid NULL REFERENCES users (id),
        valid_from timestamptz NULL,
        valid_to timestamptz NULL,
        ended_by uuid NULL REFERENCES users (id),
        end_reason text NULL,
        transferred_from_id uuid NULL REFERENCES memberships (id),
        CONSTRAINT memberships_status_known CHECK (status IN ('pending', 'active', 'rejected', 'ended')),
        CONSTRAINT memberships_active_has_start CHECK (status NOT IN ('active', 'ended') OR valid_from IS NOT NULL),
        CONSTRAINT memberships_interval CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX memberships_one_pending_idx ON memberships (user_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX memberships_one_active_idx ON memberships (user_id) WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX memberships_user_id_valid_from_idx ON memberships (user_id, valid_from)`,
    );
    await queryRunner.query(
      `CREATE INDEX memberships_branch_id_status_idx ON memberships (branch_id, status)`,
    );
    await queryRunner.query(`CREATE INDEX memberships_decided_by_idx ON memberships (decided_by)`);
    await queryRunner.query(`CREATE INDEX memberships_ended_by_idx ON memberships (ended_by)`);
    await queryRunner.query(
      `CREATE INDEX memberships_transferred_from_id_idx ON memberships (transferred_from_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS memberships`);
    await queryRunner.query(`DROP TABLE IF EXISTS admin_assignments`);
    await queryRunner.query(`DROP TABLE IF EXISTS branch_events`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS branch_events_append_only()`);
    await queryRunner.query(`DROP TABLE IF EXISTS branch_versions`);
    await queryRunner.query(`DROP TABLE IF EXISTS branches`);
    await queryRunner.query(`DROP TABLE IF EXISTS refresh_tokens`);
    await queryRunner.query(`DROP TABLE IF EXISTS refresh_token_families`);
    await queryRunner.query(`DROP TABLE IF EXISTS users`);
  }
}
