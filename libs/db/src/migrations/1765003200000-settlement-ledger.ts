import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settlement ledger: per producer, signed entries (sales collected, platform fees, refunds, payouts) and a balance
 * row that moves in the same transaction as the entries it sums. An order writes each kind at most once (a message
 * delivered twice counts once); a payout is unique per producer and reference.
 */
export class SettlementLedger1765003200000 implements MigrationInterface {
  name = 'SettlementLedger1765003200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE settlement_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        producer_id uuid NOT NULL REFERENCES producers (id),
        kind text NOT NULL CONSTRAINT settlement_entries_kind_check CHECK (kind IN ('sale', 'fee', 'refund', 'payout')),
        amount_vnd bigint NOT NULL,
        order_id uuid NULL REFERENCES orders (id),
        payout_reference text NULL
          CONSTRAINT settlement_entries_payout_reference_check CHECK (char_length(payout_reference) BETWEEN 1 AND 100),
        recorded_by uuid NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT settlement_entries_sign_check CHECK (
          (kind = 'sale' AND amount_vnd > 0) OR (kind <> 'sale' AND amount_vnd < 0)
        ),
        CONSTRAINT settlement_entries_subject_check CHECK (
          (kind = 'payout') = (order_id IS NULL) AND (kind = 'payout') = (payout_reference IS NOT NULL)
        ),
        CONSTRAINT settlement_entries_order_kind_key UNIQUE (order_id, kind)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX settlement_entries_producer_idx ON settlement_entries (producer_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX settlement_entries_payout_key ON settlement_entries (producer_id, payout_reference)
         WHERE kind = 'payout'`,
    );
    await queryRunner.query(
      `CREATE INDEX settlement_entries_recorded_by_idx ON settlement_entries (recorded_by) WHERE recorded_by IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE settlement_balances (
        producer_id uuid PRIMARY KEY REFERENCES producers (id),
        balance_vnd bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settlement_balances`);
    await queryRunner.query(`DROP TABLE settlement_entries`);
  }
}
