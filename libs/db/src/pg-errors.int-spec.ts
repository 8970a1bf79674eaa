import { Client } from 'pg';
import { isConnectionLost } from './pg-errors';

/** What our PostgreSQL itself answers, not a shaped error: the class 08 code it uses for a statement of ours. */
describe('isConnectionLost against a real PostgreSQL', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it('a statement sent with too few parameters (08P01) is our bug, and the connection stays usable', async () => {
    const failure = await client.query('SELECT $1::int + $2::int AS n', [1]).then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as { code?: string }).code).toBe('08P01');
    expect(isConnectionLost(failure)).toBe(false);
    expect((await client.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
  });

  it('a backend terminated under the connection is a lost connection', async () => {
    const victim = new Client({ connectionString: process.env['DATABASE_URL'] });
    await victim.connect();
    victim.on('error', () => undefined);
    const pid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
    const failure = await victim.query('SELECT 1').then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).not.toBeNull();
    expect(isConnectionLost(failure)).toBe(true);
    await victim.end().catch(() => undefined);
  });
});
