import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a side effect is written as a row in the transaction of the business change and
 * relayed by the worker after commit. An insert wakes the relays through NOTIFY on channel `outbox`.
 */
export class Outbox1764000400000 implements MigrationInterface {
  name = 'Outbox1764000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        topic text NOT NULL CONSTRAINT outbox_topic_check CHECK (char_length(topic) BETWEEN 1 AND 200),
        key text NOT NULL CONSTRAINT outbox_key_check CHECK (char_length(key) <= 200),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0 CONSTRAINT outbox_attempts_check CHECK (attempts >= 0),
        last_error text NULL
      )
    `);
    // The relay's only query: the oldest undispatched rows.
    await queryRunner.query(
      `CREATE INDEX outbox_undispatched_idx ON outbox (created_at) WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END
      $$
    `);
    // Per statement: a bulk insert wakes the relays once (and NOTIFY is delivered only on commit).
    await queryRunner.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
  }
}
