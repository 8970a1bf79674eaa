import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payouts through payOS. A producer keeps one payout account (a NAPAS bank BIN, an account number and the holder's
 * name as the bank holds it). A payout made through payOS is a ledger payout entry written at once (it counts against
 * the balance while payOS works) with a row that follows payOS's transfer; a failed transfer is answered by a
 * `payout_reversal` entry that gives the amount back, once per payout: entries are never edited away.
 */
export class PayosPayouts1765003300000 implements MigrationInterface {
  name = 'PayosPayouts1765003300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE producer_payout_accounts (
        producer_id uuid PRIMARY KEY REFERENCES producers (id),
        bank_bin text NOT NULL CONSTRAINT producer_payout_accounts_bin_check CHECK (bank_bin ~ '^[0-9]{6}$'),
        account_number text NOT NULL
          CONSTRAINT producer_payout_accounts_number_check CHECK (account_number ~ '^[0-9]{6,19}$'),
        account_name text NOT NULL
          CONSTRAINT producer_payout_accounts_name_check CHECK (
            account_name ~ '^[A-Z]+( [A-Z]+)*$' AND char_length(account_name) <= 50
          ),
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX producer_payout_accounts_updated_by_idx ON producer_payout_accounts (updated_by)`,
    );

    await queryRunner.query(`ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_kind_check`);
    await queryRunner.query(`ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_sign_check`);
    await queryRunner.query(
      `ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_subject_check`,
    );
    await queryRunner.query(`
      ALTER TABLE settlement_entries
        ADD CONSTRAINT settlement_entries_kind_check
          CHECK (kind IN ('sale', 'fee', 'refund', 'payout', 'payout_reversal')),
        ADD CONSTRAINT settlement_entries_sign_check CHECK (
          (kind IN ('sale', 'payout_reversal') AND amount_vnd > 0)
          OR (kind NOT IN ('sale', 'payout_reversal') AND amount_vnd < 0)
        ),
        ADD CONSTRAINT settlement_entries_subject_check CHECK (
          (kind IN ('payout', 'payout_reversal')) = (order_id IS NULL)
          AND (kind IN ('payout', 'payout_reversal')) = (payout_reference IS NOT NULL)
        )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX settlement_entries_payout_reversal_key ON settlement_entries (producer_id, payout_reference)
         WHERE kind = 'payout_reversal'`,
    );

    await queryRunner.query(`
      CREATE TABLE settlement_payos_payouts (
        entry_id uuid PRIMARY KEY REFERENCES settlement_entries (id),
        producer_id uuid NOT NULL REFERENCES producers (id),
        amount_vnd bigint NOT NULL CONSTRAINT settlement_payos_payouts_amount_check CHECK (amount_vnd > 0),
        to_bin text NOT NULL,
        to_account_number text NOT NULL,
        to_account_name text NOT NULL,
        description text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT settlement_payos_payouts_status_check CHECK (status IN ('pending', 'paid', 'failed')),
        payos_payout_id text NULL,
        payos_state text NULL,
        bank_reference text NULL,
        error_code text NULL,
        error_message text NULL,
        reversal_entry_id uuid NULL UNIQUE REFERENCES settlement_entries (id),
        requested_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        settled_at timestamptz NULL,
        CONSTRAINT settlement_payos_payouts_settled_check CHECK (
          (status = 'pending') = (settled_at IS NULL) AND (status = 'failed') = (reversal_entry_id IS NOT NULL)
        )
      )
    `);
    await queryRunner.query(
      `CREATE INDEX settlement_payos_payouts_producer_idx ON settlement_payos_payouts (producer_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_payos_payouts_pending_idx ON settlement_payos_payouts (created_at)
         WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_payos_payouts_requested_by_idx ON settlement_payos_payouts (requested_by)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settlement_payos_payouts`);
    await queryRunner.query(`DROP INDEX settlement_entries_payout_reversal_key`);
    await queryRunner.query(`ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_kind_check`);
    await queryRunner.query(`ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_sign_check`);
    await queryRunner.query(
      `ALTER TABLE settlement_entries DROP CONSTRAINT settlement_entries_subject_check`,
    );
    await queryRunner.query(`
      ALTER TABLE settlement_entries
        ADD CONSTRAINT settlement_entries_kind_check CHECK (kind IN ('sale', 'fee', 'refund', 'payout')),
        ADD CONSTRAINT settlement_entries_sign_check CHECK (
          (kind = 'sale' AND amount_vnd > 0) OR (kind <> 'sale' AND amount_vnd < 0)
        ),
        ADD CONSTRAINT settlement_entries_subject_check CHECK (
          (kind = 'payout') = (order_id IS NULL) AND (kind = 'payout') = (payout_reference IS NOT NULL)
        )
    `);
    await queryRunner.query(`DROP TABLE producer_payout_accounts`);
  }
}
