import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledged deliveries: an outbox message stays owed until its subscribers have processed it (`delivered_at`),
 * not merely until a job was queued (`dispatched_at`, now the time of the latest hand-out). `hand_outs` counts the
 * jobs made for it (each hand-out after the first gets a fresh job id); `recheck_at` is when the relay next looks
 * at an owed message whose job it handed out, to hand it out again if Redis lost the job.
 *
 * Rows dispatched before this migration are taken as delivered (the reconciliation finds any that were not).
 */
export class OutboxAcknowledged1765000100000 implements MigrationInterface {
  name = 'OutboxAcknowledged1765000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        ADD COLUMN delivered_at timestamptz NULL,
        ADD COLUMN hand_outs integer NOT NULL DEFAULT 0 CONSTRAINT outbox_hand_outs_check CHECK (hand_outs >= 0),
        ADD COLUMN recheck_at timestamptz NULL
    `);
    await queryRunner.query(
      `UPDATE outbox SET delivered_at = dispatched_at, hand_outs = 1 WHERE dispatched_at IS NOT NULL`,
    );
    // The relay's second query: handed-out messages still owed, by when to look at them again.
    await queryRunner.query(
      `CREATE INDEX outbox_owed_idx ON outbox (recheck_at) WHERE delivered_at IS NULL AND dispatched_at IS NOT NULL`,
    );
    // The reconciliation finds the message that placed or moved an order by the order's id.
    await queryRunner.query(`CREATE INDEX outbox_key_topic_idx ON outbox (key, topic)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_key_topic_idx`);
    await queryRunner.query(`DROP INDEX outbox_owed_idx`);
    await queryRunner.query(
      `ALTER TABLE outbox DROP COLUMN recheck_at, DROP COLUMN hand_outs, DROP COLUMN delivered_at`,
    );
  }
}
