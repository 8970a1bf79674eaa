import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the reconciliation's windowed checks (every few minutes, over the last days): orders by the time
 * they were placed, outbox messages by topic and time (the status changes whose ledger effect it verifies), and the
 * ledger by day (BRIN: the append-only ledger is written in day order, so a few pages of index cover millions of rows
 * and cost next to nothing per entry).
 */
export class Reconciliation1765000101000 implements MigrationInterface {
  name = 'Reconciliation1765000101000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX orders_placed_at_idx ON orders (placed_at)`);
    await queryRunner.query(`CREATE INDEX outbox_topic_created_at_idx ON outbox (topic, created_at)`);
    await queryRunner.query(`CREATE INDEX ledger_entries_day_brin_idx ON ledger_entries USING brin (day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ledger_entries_day_brin_idx`);
    await queryRunner.query(`DROP INDEX outbox_topic_created_at_idx`);
    await queryRunner.query(`DROP INDEX orders_placed_at_idx`);
  }
}
