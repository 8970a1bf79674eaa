import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocation that reaches open access tokens: every access token carries the user's token version at signing, and
 * sign-out-everywhere, a role change or the end of a membership moves the version on, so older tokens stop working
 * within seconds instead of at their expiry.
 */
export class AccessTokenVersions1765000300000 implements MigrationInterface {
  name = 'AccessTokenVersions1765000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
