import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emails are stored in one form, NFKC and lower case (identity's normalizeEmail), so that the unique key on
 * `users.email` also refuses lookalikes such as a full-width "ｓhopper1@ocop.example". Existing addresses are
 * brought to that form, except one whose normalised form another account already holds (a lookalike registered
 * before this change): it stays as it was, its account keeps working through its tokens, and an operator can
 * merge or rename it. The check applies to every new or changed row (NOT VALID skips only those left behind).
 */
export class NormalisedEmails1765000200000 implements MigrationInterface {
  name = 'NormalisedEmails1765000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH candidates AS (
        SELECT id,
               normalize(lower(normalize(email, NFKC)), NFKC) AS normalised,
               row_number() OVER (PARTITION BY normalize(lower(normalize(email, NFKC)), NFKC) ORDER BY created_at, id) AS rank
          FROM users
         WHERE email IS NOT NULL AND email <> normalize(lower(normalize(email, NFKC)), NFKC)
      )
      UPDATE users u SET email = c.normalised
        FROM candidates c
       WHERE u.id = c.id AND c.rank = 1
         AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email = c.normalised)
    `);
    await queryRunner.query(`
      ALTER TABLE users ADD CONSTRAINT users_email_normalised
        CHECK (email IS NULL OR email = normalize(email, NFKC)) NOT VALID
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_email_normalised`);
  }
}
