import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns: the Youth Union's pledge. A campaign (name, period, the branch that runs it), its target products with
 * their current assignment (a branch of the running branch's subtree, then one of its streamers), targets per branch,
 * and campaign_sales: the attribution ledger summed per (session, product, Vietnam day, stored branch path), kept by
 * the campaigns context from the ledger so that coverage reads a few rows per product instead of the orders.
 * The inbox learns one more kind: a campaign's products at risk.
 */
export class Campaigns1765004000000 implements MigrationInterface {
  name = 'Campaigns1765004000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT campaigns_name_check CHECK (char_length(name) BETWEEN 2 AND 200),
        branch_id uuid NOT NULL REFERENCES branches (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        at_risk_days smallint NOT NULL DEFAULT 7 CONSTRAINT campaigns_at_risk_days_check CHECK (at_risk_days BETWEEN 0 AND 90),
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_period_check CHECK (ends_on >= starts_on),
        CONSTRAINT campaigns_branch_id_name_key UNIQUE (branch_id, name)
      )
    `);
    await queryRunner.query(`CREATE INDEX campaigns_created_by_idx ON campaigns (created_by)`);
    await queryRunner.query(`CREATE INDEX campaigns_ends_on_idx ON campaigns (ends_on)`);

    await queryRunner.query(`
      CREATE TABLE campaign_products (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        -- the current assignment: a branch, then (optionally) one of its streamers
        branch_id uuid NULL REFERENCES branches (id),
        streamer_user_id uuid NULL REFERENCES users (id),
        assigned_by uuid NULL REFERENCES users (id),
        assigned_at timestamptz NULL,
        -- the session a streamer adopted it into
        adopted_session_id uuid NULL REFERENCES live_sessions (id),
        at_risk_notified_at timestamptz NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, product_id),
        CONSTRAINT campaign_products_streamer_check CHECK (streamer_user_id IS NULL OR branch_id IS NOT NULL)
      )
    `);
    for (const column of [
      'product_id',
      'producer_id',
      'streamer_user_id',
      'assigned_by',
      'adopted_session_id',
    ]) {
      await queryRunner.query(
        `CREATE INDEX campaign_products_${column}_idx ON campaign_products (${column})`,
      );
    }
    await queryRunner.query(
      `CREATE INDEX campaign_products_branch_id_idx ON campaign_products (branch_id, campaign_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE campaign_branch_targets (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        branch_id uuid NOT NULL REFERENCES branches (id),
        products integer NOT NULL CONSTRAINT campaign_branch_targets_products_check CHECK (products >= 0),
        sessions integer NOT NULL CONSTRAINT campaign_branch_targets_sessions_check CHECK (sessions >= 0),
        gmv_vnd bigint NOT NULL CONSTRAINT campaign_branch_targets_gmv_vnd_check CHECK (gmv_vnd >= 0),
        volunteers integer NOT NULL CONSTRAINT campaign_branch_targets_volunteers_check CHECK (volunteers >= 0),
        PRIMARY KEY (campaign_id, branch_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX campaign_branch_targets_branch_id_idx ON campaign_branch_targets (branch_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE campaign_sales (
        session_id uuid NOT NULL REFERENCES live_sessions (id),
        product_id uuid NOT NULL REFERENCES products (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        day date NOT NULL,
        branch_path uuid[] NOT NULL,
        placed_orders integer NOT NULL,
        placed_units integer NOT NULL,
        placed_gmv_vnd bigint NOT NULL,
        settled_units integer NOT NULL,
        settled_gmv_vnd bigint NOT NULL,
        PRIMARY KEY (session_id, product_id, day, branch_path)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX campaign_sales_product_id_day_idx ON campaign_sales (product_id, day)`,
    );
    await queryRunner.query(`CREATE INDEX campaign_sales_producer_id_idx ON campaign_sales (producer_id)`);

    await queryRunner.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('session_reminder', 'host_live', 'order_status', 'campaign_at_risk'))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'campaign_at_risk'`);
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('session_reminder', 'host_live', 'order_status'))
    `);
    await queryRunner.query(`DROP TABLE campaign_sales`);
    await queryRunner.query(`DROP TABLE campaign_branch_targets`);
    await queryRunner.query(`DROP TABLE campaign_products`);
    await queryRunner.query(`DROP TABLE campaigns`);
  }
}
