import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat context: one row per session's room (seq counter, slow mode, pinned message), the durable messages with
 * a per-session increasing seq, bans, mutes, banned words (global and per session) and the moderation log.
 */
export class Chat1764000300000 implements MigrationInterface {
  name = 'Chat1764000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The seq counter lives on the room row: a batch bumps it with one upsert, holding the row lock until commit,
    // so seqs of one session become visible in increasing order (a catch-up "seq > n" never skips a late commit).
    await queryRunner.query(`
      CREATE TABLE chat_rooms (
        session_id uuid PRIMARY KEY REFERENCES live_sessions (id) ON DELETE CASCADE,
        last_seq bigint NOT NULL DEFAULT 0 CONSTRAINT chat_rooms_last_seq_check CHECK (last_seq >= 0),
        slow_mode_seconds integer NOT NULL DEFAULT 0
          CONSTRAINT chat_rooms_slow_mode_seconds_check CHECK (slow_mode_seconds BETWEEN 0 AND 300),
        pinned_message_id uuid NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);

    await queryRunner.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES chat_rooms (session_id) ON DELETE CASCADE,
        seq bigint NOT NULL CONSTRAINT chat_messages_seq_check CHECK (seq > 0),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        display_name text NOT NULL CONSTRAINT chat_messages_display_name_check CHECK (char_length(display_name) <= 200),
        text text NOT NULL CONSTRAINT chat_messages_text_check CHECK (char_length(text) BETWEEN 1 AND 300),
        client_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz NULL,
        deleted_by uuid NULL REFERENCES users (id) ON DELETE RESTRICT,
        CONSTRAINT chat_messages_session_id_seq_key UNIQUE (session_id, seq),
        CONSTRAINT chat_messages_deleted_check CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
      )
    `);
    // A retried send (same clientId) stores one message.
    await queryRunner.query(
      `CREATE UNIQUE INDEX chat_messages_client_id_key ON chat_messages (session_id, user_id, client_id) WHERE client_id IS NOT NULL`,
    );
    // History and catch-up read visible messages by seq; the unique (session_id, seq) serves the foreign key.
    await queryRunner.query(
      `CREATE INDEX chat_messages_visible_idx ON chat_messages (session_id, seq) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX chat_messages_user_id_idx ON chat_messages (user_id)`);
    await queryRunner.query(
      `CREATE INDEX chat_messages_deleted_by_idx ON chat_messages (deleted_by) WHERE deleted_by IS NOT NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE chat_rooms ADD CONSTRAINT chat_rooms_pinned_message_id_fkey
        FOREIGN KEY (pinned_message_id) REFERENCES chat_messages (id) ON DELETE SET NULL
    `);
    await queryRunner.query(
      `CREATE INDEX chat_rooms_pinned_message_id_idx ON chat_rooms (pinned_message_id) WHERE pinned_message_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE chat_bans (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        reason text NULL CONSTRAINT chat_bans_reason_check CHECK (char_length(reason) <= 300),
        banned_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX chat_bans_user_id_idx ON chat_bans (user_id)`);
    await queryRunner.query(`CREATE INDEX chat_bans_banned_by_idx ON chat_bans (banned_by)`);

    await queryRunner.query(`
      CREATE TABLE chat_mutes (
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        until timestamptz NOT NULL,
        muted_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, user_id)
      )
    `);
    await queryRunner.query(`CREATE INDEX chat_mutes_user_id_idx ON chat_mutes (user_id)`);
    await queryRunner.query(`CREATE INDEX chat_mutes_muted_by_idx ON chat_mutes (muted_by)`);

    // session_id NULL: the global list (the partial unique indexes also serve the session foreign key) managed by admins; otherwise the list of one session, managed by its host.
    await queryRunner.query(`
      CREATE TABLE chat_banned_words (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        word text NOT NULL CONSTRAINT chat_banned_words_word_check CHECK (char_length(word) BETWEEN 1 AND 60),
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX chat_banned_words_global_key ON chat_banned_words (word) WHERE session_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX chat_banned_words_session_key ON chat_banned_words (session_id, word) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX chat_banned_words_created_by_idx ON chat_banned_words (created_by)`,
    );

    await queryRunner.query(`
      CREATE TABLE chat_moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES live_sessions (id) ON DELETE CASCADE,
        actor_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
        action text NOT NULL CONSTRAINT chat_moderation_actions_action_check CHECK (action IN (
          'delete', 'mute', 'unmute', 'ban', 'unban', 'pin', 'unpin', 'slow_mode', 'banned_word_add', 'banned_word_remove'
        )),
        target_user_id uuid NULL REFERENCES users (id) ON DELETE SET NULL,
        target_message_id uuid NULL REFERENCES chat_messages (id) ON DELETE SET NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      `CREATE INDEX chat_moderation_actions_session_id_created_at_idx ON chat_moderation_actions (session_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX chat_moderation_actions_actor_user_id_idx ON chat_moderation_actions (actor_user_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX chat_moderation_actions_target_user_id_idx ON chat_moderation_actions (target_user_id) WHERE target_user_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX chat_moderation_actions_target_message_id_idx ON chat_moderation_actions (target_message_id) WHERE target_message_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS chat_moderation_actions`);
    await queryRunner.query(`DROP TABLE IF EXISTS chat_banned_words`);
    await queryRunner.query(`DROP TABLE IF EXISTS chat_mutes`);
    await queryRunner.query(`DROP TABLE IF EXISTS chat_bans`);
    await queryRunner.query(
      `ALTER TABLE IF EXISTS chat_rooms DROP CONSTRAINT IF EXISTS chat_rooms_pinned_message_id_fkey`,
    );
    await queryRunner.query(`DROP TABLE IF EXISTS chat_messages`);
    await queryRunner.query(`DROP TABLE IF EXISTS chat_rooms`);
  }
}
