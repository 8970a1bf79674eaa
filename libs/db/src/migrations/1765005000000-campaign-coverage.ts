import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign dashboard's roll-up, kept by the campaigns context so that a dashboard for the campaign's whole
 * period reads a row per target product and a row per branch shown instead of every session and sale:
 * - campaign_lineups: each target product in a session's lineup, for sessions counted by the campaign (not cancelled,
 *   starting within its period), with the session's stored branch path, host, status and times;
 * - campaign_lineup_sales: campaign_sales of those (session, product) pairs within the period, summed per sale path;
 * - campaign_scope_products: per branch on a stored path (the scope) and product, the product's facts there;
 * - campaign_scope_cells: per scope and branch on a path through the scope, a coverage table's row;
 * - campaign_coverage_state: the period the roll-up was built for (a dashboard reads it only for that period).
 * Rebuilt per campaign, refreshed per session; never the source of truth (sessions, lineups and the ledger are).
 */
export class CampaignCoverage1765005000000 implements MigrationInterface {
  name = 'CampaignCoverage1765005000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaign_lineups (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES live_sessions (id),
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        branch_path uuid[] NOT NULL,
        host_user_id uuid NOT NULL,
        status text NOT NULL,
        scheduled_start_at timestamptz NOT NULL,
        started_at timestamptz NULL,
        ended_at timestamptz NULL,
        PRIMARY KEY (campaign_id, session_id, product_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX campaign_lineups_campaign_id_product_id_idx ON campaign_lineups (campaign_id, product_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX campaign_lineups_branch_path_idx ON campaign_lineups USING gin (branch_path)`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_lineup_sales (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        session_id uuid NOT NULL,
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        branch_path uuid[] NOT NULL,
        session_path uuid[] NOT NULL,
        units bigint NOT NULL,
        gmv_vnd bigint NOT NULL,
        settled_units bigint NOT NULL,
        settled_gmv_vnd bigint NOT NULL,
        PRIMARY KEY (campaign_id, session_id, product_id, branch_path)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX campaign_lineup_sales_campaign_id_product_id_idx ON campaign_lineup_sales (campaign_id, product_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX campaign_lineup_sales_branch_path_idx ON campaign_lineup_sales USING gin (branch_path)`,
    );
    await queryRunner.query(`
      CREATE TABLE campaign_scope_products (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        scope_id uuid NOT NULL,
        product_id uuid NOT NULL,
        scheduled boolean NOT NULL,
        streamed boolean NOT NULL,
        next_at timestamptz NULL,
        units bigint NOT NULL,
        gmv_vnd bigint NOT NULL,
        settled_units bigint NOT NULL,
        settled_gmv_vnd bigint NOT NULL,
        -- the facts ride in the key's index: a scope's rows are read from the index alone, in one range
        PRIMARY KEY (campaign_id, scope_id, product_id) INCLUDE (scheduled, streamed, units, gmv_vnd, settled_gmv_vnd)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE campaign_scope_cells (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        scope_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        scheduled_products integer NOT NULL,
        streamed_products integer NOT NULL,
        sessions_scheduled integer NOT NULL,
        sessions_held integer NOT NULL,
        volunteers integer NOT NULL,
        hours_ended double precision NOT NULL,
        live_started_at timestamptz[] NOT NULL,
        sold_products integer NOT NULL,
        units bigint NOT NULL,
        gmv_vnd bigint NOT NULL,
        settled_gmv_vnd bigint NOT NULL,
        farmers integer NOT NULL,
        PRIMARY KEY (campaign_id, scope_id, branch_id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE campaign_coverage_state (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        built_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE campaign_coverage_state`);
    await queryRunner.query(`DROP TABLE campaign_scope_cells`);
    await queryRunner.query(`DROP TABLE campaign_scope_products`);
    await queryRunner.query(`DROP TABLE campaign_lineup_sales`);
    await queryRunner.query(`DROP TABLE campaign_lineups`);
  }
}
