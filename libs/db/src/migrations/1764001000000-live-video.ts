import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live video: a session's own stream (its secret stream key, whether a publisher is on air, its HLS recording and
 * when that recording was deleted under the retention period), a stream hosted elsewhere that a session may link
 * instead, and the history of pins so that a replay shows the products as they were pinned during the show.
 */
export class LiveVideo1764001000000 implements MigrationInterface {
  name = 'LiveVideo1764001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE live_sessions ADD COLUMN external_stream_url text NULL
        CONSTRAINT live_sessions_external_stream_url_check CHECK (
          char_length(external_stream_url) <= 2000 AND external_stream_url LIKE 'https://%'
        )
    `);

    await queryRunner.query(`
      CREATE TABLE live_session_streams (
        session_id uuid PRIMARY KEY REFERENCES live_sessions (id) ON DELETE CASCADE,
        stream_secret text NOT NULL CONSTRAINT live_session_streams_stream_secret_check CHECK (
          stream_secret ~ '^[A-Za-z0-9_-]{32}$'
        ),
        secret_created_at timestamptz NOT NULL DEFAULT now(),
        publishing_since timestamptz NULL,
        publisher_left_at timestamptz NULL,
        recording_started_at timestamptz NULL,
        recording_ended_at timestamptz NULL,
        recording_deleted_at timestamptz NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    // The retention sweep: recordings not yet deleted, oldest end first.
    await queryRunner.query(`
      CREATE INDEX live_session_streams_recording_ended_at_idx ON live_session_streams (recording_ended_at)
        WHERE recording_started_at IS NOT NULL AND recording_deleted_at IS NULL
    `);

    await queryRunner.query(`
      CREATE TABLE live_pin_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
        kind text NOT NULL CONSTRAINT live_pin_events_kind_check CHECK (kind IN ('pin', 'unpin')),
        by_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        at timestamptz NOT NULL
      )
    `);
    await queryRunner.query(
      `CREATE INDEX live_pin_events_session_id_at_idx ON live_pin_events (session_id, at, id)`,
    );
    await queryRunner.query(`CREATE INDEX live_pin_events_product_id_idx ON live_pin_events (product_id)`);
    await queryRunner.query(`CREATE INDEX live_pin_events_by_user_id_idx ON live_pin_events (by_user_id)`);
    // Pins made before this history existed start it, so every replay sees them.
    await queryRunner.query(`
      INSERT INTO live_pin_events (session_id, product_id, kind, by_user_id, at)
      SELECT session_id, product_id, 'pin', pinned_by, pinned_at FROM live_session_pins
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS live_pin_events`);
    await queryRunner.query(`DROP TABLE IF EXISTS live_session_streams`);
    await queryRunner.query(`ALTER TABLE live_sessions DROP COLUMN IF EXISTS external_stream_url`);
  }
}
