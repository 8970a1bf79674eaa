import fs from 'node:fs';
import path from 'node:path';
import { normalizeVnMobile } from '@ocop/kernel';
import { SEED_PRODUCERS } from './hanoi-catalogue';
import { SEED_ADMINS, SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';

// The example numbers the web app shows in its hints ("for example 0977 123 456") must not be demo accounts: a
// newcomer copying the example would otherwise sign in as (or collide with) a seeded farmer or admin.
const MESSAGES = path.join(__dirname, '../../../web/src/i18n/messages');
const PHONE_LIKE = /(?:\+84|0)[\d .-]{8,13}\d/g;

function messageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? messageFiles(full) : entry.name.endsWith('.json') ? [full] : [];
  });
}

describe('example phone numbers in the web app', () => {
  const seeded = new Set(
    [...SEED_ADMINS, ...SEED_STREAMERS, ...SEED_SHOPPERS, ...SEED_PRODUCERS].map((account) =>
      normalizeVnMobile(account.phone),
    ),
  );
  const examples = messageFiles(MESSAGES).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(PHONE_LIKE)]
      .map((match) => ({
        file: path.relative(MESSAGES, file),
        typed: match[0],
        e164: normalizeVnMobile(match[0]),
      }))
      .filter((example) => example.e164 !== null),
  );

  it('the sign-in and sign-up hints give an example number', () => {
    const hints = examples.filter((example) => /forms\.json$/.test(example.file));
    expect(hints.map((example) => example.e164)).toContain('+84977123456');
  });

  it('no example number is a demo account', () => {
    expect(seeded.size).toBeGreaterThan(30);
    expect(examples.filter((example) => seeded.has(example.e164))).toEqual([]);
  });
});
