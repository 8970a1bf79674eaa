import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coming back: shoppers follow hosts, the inbox holds more kinds of notification (a followed host went live, an
 * order changed status) and the browsers' Web Push subscriptions are stored per user.
 */
export class FollowsAndPush1765001100000 implements MigrationInterface {
  name = 'FollowsAndPush1765001100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE host_follows (
        follower_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        host_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT host_follows_pkey PRIMARY KEY (follower_user_id, host_user_id),
        CONSTRAINT host_follows_not_self_check CHECK (follower_user_id <> host_user_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX host_follows_host_user_id_idx ON host_follows (host_user_id, follower_user_id)`,
    );
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('session_reminder', 'host_live', 'order_status')),
        ADD COLUMN order_id uuid NULL REFERENCES orders (id) ON DELETE CASCADE,
        ADD COLUMN order_status text NULL,
        ADD COLUMN dedupe_key text NULL
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_user_id_dedupe_key_key ON notifications (user_id, dedupe_key)
         WHERE dedupe_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX notifications_order_id_idx ON notifications (order_id)`);
    await queryRunner.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        endpoint text NOT NULL CONSTRAINT push_subscriptions_endpoint_key UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        locale text NOT NULL DEFAULT 'vi' CONSTRAINT push_subscriptions_locale_check CHECK (locale IN ('vi', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sent_at timestamptz NULL
      )
    `);
    await queryRunner.query(`CREATE INDEX push_subscriptions_user_id_idx ON push_subscriptions (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE push_subscriptions`);
    await queryRunner.query(`DROP INDEX notifications_unread_idx`);
    await queryRunner.query(`DELETE FROM notifications WHERE kind <> 'session_reminder'`);
    await queryRunner.query(`
      ALTER TABLE notifications
        DROP COLUMN dedupe_key,
        DROP COLUMN order_status,
        DROP COLUMN order_id,
        DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('session_reminder'))
    `);
    await queryRunner.query(`DROP TABLE host_follows`);
  }
}
