import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers held for review get decided: an admin refunds the money (recording the bank reference and the amount of
 * the transfer that sent it back) or reinstates it as the payment. Each stored payOS transfer gets a uuid (the id the
 * admin API names it by) and, once decided, the decision, who made it and when. A decision is written once: the row
 * leaves review (needs_review false) in the same statement, and the checks keep a decision whole. Admins are told of a
 * held transfer in their inbox (a new notification kind).
 */
export class TransferReviews1765004500000 implements MigrationInterface {
  name = 'TransferReviews1765004500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE payos_events
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT payos_events_id_key UNIQUE,
        ADD COLUMN decision text NULL CONSTRAINT payos_events_decision_check CHECK (decision IN ('refunded', 'reinstated')),
        ADD COLUMN decided_by uuid NULL,
        ADD COLUMN decided_at timestamptz NULL,
        ADD COLUMN refund_amount_vnd bigint NULL CONSTRAINT payos_events_refund_amount_check CHECK (refund_amount_vnd > 0),
        ADD COLUMN refund_bank_reference text NULL
          CONSTRAINT payos_events_refund_bank_reference_check CHECK (char_length(refund_bank_reference) BETWEEN 1 AND 100),
        ADD CONSTRAINT payos_events_decision_whole_check CHECK (
          (decision IS NULL AND decided_by IS NULL AND decided_at IS NULL
            AND refund_amount_vnd IS NULL AND refund_bank_reference IS NULL)
          OR (decision = 'reinstated' AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND NOT needs_review
            AND refund_amount_vnd IS NULL AND refund_bank_reference IS NULL)
          OR (decision = 'refunded' AND decided_by IS NOT NULL AND decided_at IS NOT NULL AND NOT needs_review
            AND refund_amount_vnd IS NOT NULL AND refund_bank_reference IS NOT NULL))
    `);
    await queryRunner.query(`CREATE INDEX payos_events_payment_id_idx ON payos_events (payment_id)`);
    // The inbox learns one more kind: a transfer held for review, told to the admins who may decide it.
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check
          CHECK (kind IN ('session_reminder', 'host_live', 'order_status', 'campaign_at_risk', 'transfer_held'))
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'transfer_held'`);
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check
          CHECK (kind IN ('session_reminder', 'host_live', 'order_status', 'campaign_at_risk'))
    `);
    await queryRunner.query(`DROP INDEX payos_events_payment_id_idx`);
    await queryRunner.query(`
      ALTER TABLE payos_events
        DROP CONSTRAINT payos_events_decision_whole_check,
        DROP COLUMN refund_bank_reference,
        DROP COLUMN refund_amount_vnd,
        DROP COLUMN decided_at,
        DROP COLUMN decided_by,
        DROP COLUMN decision,
        DROP COLUMN id
    `);
  }
}
