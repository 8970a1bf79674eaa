import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, ConfigError, loadConfig } from './config.schema';

const REQUIRED = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop_live',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_ACCESS_SECRET: 'a-secret-of-at-least-thirty-two-characters',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration validated at boot', () => {
  it('stops with a message naming every missing required variable', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL is required but not set',
        'REDIS_URL is required but not set',
        'JWT_ACCESS_SECRET is required but not set',
      ]),
    );
  });

  it('names a malformed variable', () => {
    expect(problemsOf({ ...REQUIRED, PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: /)]);
    expect(problemsOf({ ...REQUIRED, DATABASE_URL: 'mysql://x@y/z' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must start with postgres/),
    ]);
    expect(problemsOf({ ...REQUIRED, JWT_ACCESS_SECRET: 'short' })).toEqual([
      'JWT_ACCESS_SECRET: must be at least 32 characters',
    ]);
  });

  it("takes payOS's payout keys all three or none, apart from the payment channel's", () => {
    const payout = {
      PAYOS_PAYOUT_CLIENT_ID: 'payout-client-ocop',
      PAYOS_PAYOUT_API_KEY: 'payout-api-key-ocop',
      PAYOS_PAYOUT_CHECKSUM_KEY: 'payout_checksum_key_0123456789',
    };
    expect(problemsOf({ ...REQUIRED, ...payout })).toEqual([]);
    expect(problemsOf({ ...REQUIRED, PAYOS_PAYOUT_CLIENT_ID: payout.PAYOS_PAYOUT_CLIENT_ID })).toEqual([
      'PAYOS_PAYOUT_CLIENT_ID, PAYOS_PAYOUT_API_KEY and PAYOS_PAYOUT_CHECKSUM_KEY go together: set all three or none',
    ]);
    expect(loadConfig(REQUIRED).PAYOS_PAYOUT_POLL_SECONDS).toBe(5);
  });

  it('applies documented defaults and treats empty values as unset', () => {
    const config = loadConfig({ ...REQUIRED, PORT: '', LOG_PRETTY: 'true' });
    expect(config.PORT).toBe(3000);
    expect(config.LOG_PRETTY).toBe(true);
    expect(config.JWT_ACCESS_TTL_SECONDS).toBe(900);
    expect(config.CERTIFICATE_WARNING_DAYS).toBe(30);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    const documented = new Set(
      example
        .split('\n')
        .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
        .filter((key): key is string => key !== undefined),
    );
    expect(CONFIG_KEYS.filter((key) => !documented.has(key))).toEqual([]);
  });
});
