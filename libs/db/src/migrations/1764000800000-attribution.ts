import { MigrationInterface, QueryRunner } from 'typeorm';

const FIGURES = `
        placed_orders bigint NOT NULL DEFAULT 0,
        placed_items bigint NOT NULL DEFAULT 0,
        placed_gmv_vnd bigint NOT NULL DEFAULT 0,
        settled_orders bigint NOT NULL DEFAULT 0,
        settled_items bigint NOT NULL DEFAULT 0,
        settled_gmv_vnd bigint NOT NULL DEFAULT 0`;

/**
 * The attribution context: streamers' referral codes and share links (with who followed them, for the 7-day
 * window), one immutable attribution record per order line, the append-only ledger of placed / settled / reversal
 * entries, and the roll-up tables kept from the ledger (per branch and Vietnam calendar day, for the branch itself
 * and for its subtree along the stored paths; per streamer, credited branch and day), so totals over any period read a few hundred
 * rows instead of scanning the orders.
 */
export class Attribution1764000800000 implements MigrationInterface {
  name = 'Attribution1764000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_codes (
        user_id uuid PRIMARY KEY REFERENCES users (id),
        code text NOT NULL CONSTRAINT referral_codes_code_check CHECK (code ~ '^[A-Z0-9]{4,16}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT referral_codes_code_key UNIQUE (code)
      )
    `);

    await queryRunner.query(`
      CREATE TABLE share_links (
        code text PRIMARY KEY CONSTRAINT share_links_code_check CHECK (code ~ '^[A-Za-z0-9_-]{6,32}$'),
        streamer_user_id uuid NOT NULL REFERENCES users (id),
        session_id uuid NULL REFERENCES live_sessions (id),
        product_id uuid NULL REFERENCES products (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX share_links_streamer_idx ON share_links (streamer_user_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX share_links_session_id_idx ON share_links (session_id) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX share_links_product_id_idx ON share_links (product_id) WHERE product_id IS NOT NULL`,
    );

    // Who followed a link, and when first: the 7-day window runs from the first visit.
    await queryRunner.query(`
      CREATE TABLE share_link_visits (
        code text NOT NULL REFERENCES share_links (code),
        user_id uuid NOT NULL REFERENCES users (id),
        first_visited_at timestamptz NOT NULL,
        last_visited_at timestamptz NOT NULL,
        PRIMARY KEY (code, user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX share_link_visits_user_id_idx ON share_link_visits (user_id)`);

    await queryRunner.query(`
      CREATE TABLE attribution_records (
        order_line_id uuid PRIMARY KEY REFERENCES order_lines (id),
        order_id uuid NOT NULL REFERENCES orders (id),
        buyer_user_id uuid NOT NULL REFERENCES users (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        product_id uuid NOT NULL REFERENCES products (id),
        quantity integer NOT NULL CONSTRAINT attribution_records_quantity_check CHECK (quantity >= 1),
        amount_vnd bigint NOT NULL CONSTRAINT attribution_records_amount_vnd_check CHECK (amount_vnd >= 0),
        counts_order smallint NOT NULL CONSTRAINT attribution_records_counts_order_check CHECK (counts_order IN (0, 1)),
        channel text NOT NULL CONSTRAINT attribution_records_channel_check CHECK (channel IN ('code', 'live', 'replay', 'link', 'none')),
        rule text NOT NULL,
        session_id uuid NULL REFERENCES live_sessions (id),
        host_user_id uuid NULL REFERENCES users (id),
        referral_code text NULL,
        share_code text NULL,
        branch_id uuid NULL REFERENCES branches (id),
        -- root first, the credited branch last, as it was at the time of sale; empty when nobody is credited
        branch_path uuid[] NOT NULL DEFAULT '{}',
        placed_at timestamptz NOT NULL,
        attributed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attribution_records_branch_check CHECK ((branch_id IS NULL) = (cardinality(branch_path) = 0))
      )
    `);
    await queryRunner.query(
      `CREATE INDEX attribution_records_order_id_idx ON attribution_records (order_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX attribution_records_session_id_idx ON attribution_records (session_id) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX attribution_records_host_user_id_idx ON attribution_records (host_user_id, placed_at) WHERE host_user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX attribution_records_producer_id_idx ON attribution_records (producer_id, placed_at)`,
    );
    for (const column of ['buyer_user_id', 'product_id', 'branch_id']) {
      await queryRunner.query(
        `CREATE INDEX attribution_records_${column}_idx ON attribution_records (${column})`,
      );
    }

    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        entry_id text PRIMARY KEY,
        kind text NOT NULL CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('placed', 'settled')),
        order_id uuid NOT NULL REFERENCES orders (id),
        order_line_id uuid NOT NULL REFERENCES attribution_records (order_line_id),
        product_id uuid NOT NULL REFERENCES products (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        gmv_vnd bigint NOT NULL,
        items integer NOT NULL,
        orders integer NOT NULL,
        channel text NOT NULL,
        session_id uuid NULL REFERENCES live_sessions (id),
        host_user_id uuid NULL REFERENCES users (id),
        branch_id uuid NULL REFERENCES branches (id),
        branch_path uuid[] NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        -- the calendar day in Vietnam (Asia/Ho_Chi_Minh) the entry counts on
        day date NOT NULL,
        reversal_of text NULL REFERENCES ledger_entries (entry_id),
        reason text NULL CONSTRAINT ledger_entries_reason_check CHECK (reason IN ('cancelled', 'expired', 'refunded', 'returned')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_entries_reversal_check CHECK ((reversal_of IS NULL) = (reason IS NULL)),
        CONSTRAINT ledger_entries_reversal_of_key UNIQUE (reversal_of)
      )
    `);
    await queryRunner.query(`CREATE INDEX ledger_entries_order_id_idx ON ledger_entries (order_id)`);
    await queryRunner.query(
      `CREATE INDEX ledger_entries_order_line_id_idx ON ledger_entries (order_line_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_producer_day_idx ON ledger_entries (producer_id, day)`,
    );
    await queryRunner.query(`CREATE INDEX ledger_entries_product_id_idx ON ledger_entries (product_id)`);
    await queryRunner.query(
      `CREATE INDEX ledger_entries_session_id_idx ON ledger_entries (session_id) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_host_day_idx ON ledger_entries (host_user_id, day) WHERE host_user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ledger_entries_branch_id_idx ON ledger_entries (branch_id) WHERE branch_id IS NOT NULL`,
    );

    // History is never edited: attribution records and ledger entries refuse UPDATE and DELETE.
    await queryRunner.query(`
      CREATE FUNCTION attribution_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END
      $$
    `);
    for (const table of ['attribution_records', 'ledger_entries']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION attribution_append_only()`,
      );
    }

    // Roll-ups, kept in the transaction that appends the entries. scope 'own': entries credited to the branch
    // itself; 'subtree': entries whose stored path passes through it (itself included).
    await queryRunner.query(`
      CREATE TABLE branch_day_totals (
        branch_id uuid NOT NULL REFERENCES branches (id),
        scope text NOT NULL CONSTRAINT branch_day_totals_scope_check CHECK (scope IN ('own', 'subtree')),
        day date NOT NULL,${FIGURES},
        PRIMARY KEY (branch_id, scope, day)
      )
    `);
    await queryRunner.query(`CREATE INDEX branch_day_totals_scope_day_idx ON branch_day_totals (scope, day)`);

    await queryRunner.query(`
      CREATE TABLE streamer_day_totals (
        host_user_id uuid NOT NULL REFERENCES users (id),
        -- the credited branch and its stored path, so a leaderboard can keep to an admin's subtree
        branch_id uuid NOT NULL REFERENCES branches (id),
        branch_path uuid[] NOT NULL,
        day date NOT NULL,${FIGURES},
        PRIMARY KEY (host_user_id, day, branch_path)
      )
    `);
    await queryRunner.query(`CREATE INDEX streamer_day_totals_day_idx ON streamer_day_totals (day)`);
    await queryRunner.query(
      `CREATE INDEX streamer_day_totals_branch_id_idx ON streamer_day_totals (branch_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX streamer_day_totals_branch_path_idx ON streamer_day_totals USING gin (branch_path)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE streamer_day_totals`);
    await queryRunner.query(`DROP TABLE branch_day_totals`);
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP TABLE attribution_records`);
    await queryRunner.query(`DROP FUNCTION attribution_append_only()`);
    await queryRunner.query(`DROP TABLE share_link_visits`);
    await queryRunner.query(`DROP TABLE share_links`);
    await queryRunner.query(`DROP TABLE referral_codes`);
  }
}
