import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Viewers removed from a session (a chat ban): live owns who may watch and buy in a session, so the video, the
 * session page and checkout can refuse them without reaching into chat. Chat writes a row here in the same
 * transaction as its own ban row; existing bans are copied over.
 */
export class SessionExclusions1765001300000 implements MigrationInterface {
  name = 'SessionExclusions1765001300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE live_session_exclusions (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )
    `);
    await queryRunner.query(
      `CREATE INDEX live_session_exclusions_user_idx ON live_session_exclusions (user_id)`,
    );
    await queryRunner.query(`
      INSERT INTO live_session_exclusions (session_id, user_id, created_at)
      SELECT session_id, user_id, created_at FROM chat_bans ON CONFLICT DO NOTHING
    `);
    // Removing a banned user's recent messages reads a user's messages of a session by time.
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS chat_messages_session_user_created_idx
         ON chat_messages (session_id, user_id, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS chat_messages_session_user_created_idx`);
    await queryRunner.query(`DROP TABLE live_session_exclusions`);
  }
}
