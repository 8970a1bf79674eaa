import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Still frames of a session's own stream: when the media app last grabbed the live thumbnail session cards show,
 * and when it grabbed the replay's poster. The JPEGs live beside the recording; these say whether and how fresh.
 */
export class StreamFrames1765000600000 implements MigrationInterface {
  name = 'StreamFrames1765000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE live_session_streams
        ADD COLUMN thumbnail_captured_at timestamptz,
        ADD COLUMN poster_captured_at timestamptz
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE live_session_streams DROP COLUMN poster_captured_at, DROP COLUMN thumbnail_captured_at
    `);
  }
}
