import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { REDIS } from '@ocop/queue';
import { createTestApp, TestApp } from '@ocop/testing';
import { AccessTokenService } from './access-token.service';
import { LOCAL_VERSION_TTL_MS, TokenVersions } from './token-versions';

// The versions the guard checks access tokens against: shared through Redis, never stepping back, and read from
// PostgreSQL when Redis cannot answer (an outage must not stall every request, nor let revoked tokens through).

describe('access-token versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [] });
  });
  afterAll(() => t.close());

  /** A user row as registration leaves it (token version 0). */
  const makeUser = async () => {
    const rows = (await t.db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ('tv-' || gen_random_uuid() || '@test.ocop.vn', 'x', 'TV')
       RETURNING id, roles`,
    )) as { id: string; roles: string[] }[];
    return rows[0] as { id: string; roles: [] };
  };
  const bump = (userId: string) =>
    t.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version`, [userId]);

  it('a version published after a revocation is seen by another process at once, and never replaced by an older one', async () => {
    const user = await makeUser();
    const here = t.app.get(TokenVersions);
    const redis = t.app.get<Redis>(REDIS);
    // Another replica: its own process cache, the same Redis and database.
    const there = new TokenVersions(t.db, redis, t.config);
    expect(await there.current(user.id)).toBe(0);

    await bump(user.id);
    await here.publish(user.id, 1);
    expect(await there.fresh(user.id)).toBe(1);
    // A slow reader that loaded 0 from the database before the revocation cannot write it back.
    await here.publish(user.id, 0);
    expect(await there.fresh(user.id)).toBe(1);
    // The other replica's process cache lags by at most LOCAL_VERSION_TTL_MS.
    await new Promise((resolve) => setTimeout(resolve, LOCAL_VERSION_TTL_MS + 50));
    expect(await there.current(user.id)).toBe(1);
  });

  it('with Redis unreachable, the database answers and a revoked token is still refused', async () => {
    const user = await makeUser();
    const tokens = t.app.get(AccessTokenService);
    const old = await tokens.sign({ id: user.id, roles: user.roles }, 0);
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    try {
      const versions = new TokenVersions(t.db, down, t.config);
      expect(await versions.current(user.id)).toBe(0);
      await bump(user.id);
      const started = Date.now();
      expect(await versions.fresh(user.id)).toBe(1);
      expect(Date.now() - started).toBeLessThan(1_000);
      // publish answers even though Redis cannot be written.
      await versions.publish(user.id, 1);
      const offline = new AccessTokenService(t.app.get(JwtService), versions, t.config);
      await expect(offline.verify(old, { fresh: true })).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
      expect(await versions.current('00000000-0000-4000-8000-0000000000ff')).toBeNull();
    } finally {
      down.disconnect();
    }
  });
});
