import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  closeAll,
  createTestApp,
  MadeSession,
  makeAdmin,
  makeBranchTree,
  makeSession,
  makeStreamer,
  makeUser,
  signIn,
  TestApp,
} from '@ocop/testing';
import type { Socket } from 'socket.io-client';
import { AttributionHttpModule } from './attribution-http.module';

// Revocation must reach what was already handed out: access tokens (HTTP) and open sockets, on every replica.
// Two api applications share this worker's database and Redis like two replicas: the revocation is made through
// one (A), the old token and the socket are used on the other (B).

const WITHIN_MS = 5_000;

/** Polls `probe` until it answers true; resolves with the time it took, or fails after `WITHIN_MS`. */
async function within(probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < WITHIN_MS) {
    if (await probe()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not within ${WITHIN_MS} ms`);
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Resolves with the disconnect reason when the server closes the socket. */
function disconnection(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** What the handshake answers to a token: 'ok' or the connect_error's code. */
async function handshake(t: TestApp, token: string): Promise<string> {
  const socket = t.socket(token);
  try {
    await connected(socket);
    return 'ok';
  } catch (error) {
    return (error as { data?: { code?: string } }).data?.code ?? 'unknown';
  } finally {
    socket.disconnect();
  }
}

describe('revocation reaches open access tokens and sockets, on every replica', () => {
  let a: TestApp;
  let b: TestApp;
  let made: MadeSession;
  let tree: Awaited<ReturnType<typeof makeBranchTree>>;
  const modules = [AttributionHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule];

  beforeAll(async () => {
    a = await createTestApp({ imports: modules, websockets: true, config: { TRUST_PROXY: true } });
    b = await createTestApp({ imports: modules, websockets: true, config: { TRUST_PROXY: true } });
    tree = await makeBranchTree(a);
    const host = await makeStreamer(a, tree.communeA2.id);
    made = await makeSession(a, { host, productCount: 1 });
  }, 60_000);
  afterAll(() => closeAll(a, b));

  const status = async (t: TestApp, token: string, path = '/api/me') =>
    (await t.http().get(path).set(authHeader(token))).status;

  it('sign-out-everywhere: the old access token is refused and the open socket is closed within 5 s', async () => {
    const user = await makeUser(a);
    const session = (await signIn(a, user.email as string, user.password, '10.11.0.1').expect(200)).body as {
      accessToken: string;
    };
    const token = session.accessToken;
    // B has read (and cached) the token's version before the revocation.
    expect(await status(b, token)).toBe(200);
    const socket = b.socket(token);
    await connected(socket);
    const told: unknown[] = [];
    socket.on('auth:revoked', (event: unknown) => told.push(event));
    const closed = disconnection(socket);

    const revokedAt = Date.now();
    const socketMs = closed.then(() => Date.now() - revokedAt);
    await a.http().post('/api/auth/sign-out-everywhere').set(authHeader(token)).expect(204);

    const httpMs = await within(async () => (await status(b, token)) === 401);
    expect(httpMs).toBeLessThan(WITHIN_MS);
    process.stdout.write(
      `[revocation] sign-out-everywhere on A: the old token refused on B after ${httpMs} ms, ` +
        `its socket on B closed ${await socketMs} ms after the request was sent\n`,
    );
    const refused = await b.http().get('/api/me').set(authHeader(token)).expect(401);
    expect(refused.body.code).toBe('TOKEN_REVOKED');
    expect(await closed).toBe('io server disconnect');
    // The app was told why, just before (so that it refreshes or signs out, then reconnects).
    expect(told).toEqual([{ reason: 'signed_out_everywhere' }]);
    // Reconnecting with the same token is refused at once, on either replica.
    expect(await handshake(b, token)).toBe('TOKEN_REVOKED');
    expect(await handshake(a, token)).toBe('TOKEN_REVOKED');
    // Signing in again gives a token that works.
    const again = (await signIn(a, user.email as string, user.password, '10.11.0.1').expect(200)).body as {
      accessToken: string;
    };
    expect(await status(b, again.accessToken)).toBe(200);
  });

  it('a membership ends: the ended streamer can no longer make share links nor read a referral code', async () => {
    const admin = await makeAdmin(a, tree.districtA.id);
    const streamer = await makeStreamer(a, tree.communeA1.id);
    const token = streamer.accessToken;
    await b.http().get('/api/me/referral-code').set(authHeader(token)).expect(200);
    await b.http()
      .post('/api/share-links')
      .set(authHeader(token))
      .send({ sessionId: made.session.id })
      .expect(201);
    const socket = b.socket(token);
    await connected(socket);
    const closed = disconnection(socket);

    await a.http().post(`/api/memberships/${streamer.membershipId}/end`).set(authHeader(admin.accessToken)).expect(200);

    const ms = await within(
      async () => (await b.http().get('/api/me/referral-code').set(authHeader(token))).status === 401,
    );
    expect(ms).toBeLessThan(WITHIN_MS);
    const link = await b.http()
      .post('/api/share-links')
      .set(authHeader(token))
      .send({ sessionId: made.session.id })
      .expect(401);
    expect(link.body.code).toBe('TOKEN_REVOKED');
    expect(await closed).toBe('io server disconnect');
    expect(await handshake(b, token)).toBe('TOKEN_REVOKED');

    // Signed in again, the user is a shopper: no streamer routes.
    const fresh = (await signIn(a, streamer.email as string, streamer.password, '10.11.0.2').expect(200)).body as {
      accessToken: string;
      user: { roles: string[] };
    };
    expect(fresh.user.roles).toEqual(['shopper']);
    const code = await b.http().get('/api/me/referral-code').set(authHeader(fresh.accessToken)).expect(403);
    expect(code.body.code).toBe('ROLE_REQUIRED');
    const refusedLink = await b.http()
      .post('/api/share-links')
      .set(authHeader(fresh.accessToken))
      .send({ sessionId: made.session.id })
      .expect(403);
    expect(refusedLink.body.code).toBe('ROLE_REQUIRED');
    const links = (await a.db.query(`SELECT count(*)::int AS n FROM share_links WHERE streamer_user_id = $1`, [
      streamer.id,
    ])) as { n: number }[];
    expect(links[0]?.n).toBe(1);
  });

  it('a role removed (an admin unassigned): the old token and socket stop within 5 s', async () => {
    const city = await makeAdmin(a, tree.city.id);
    const district = await makeAdmin(a, tree.districtB.id);
    const token = district.accessToken;
    await b.http().get(`/api/branches/${tree.districtB.id}/subtree`).set(authHeader(token)).expect(200);
    const socket = b.socket(token);
    await connected(socket);
    const closed = disconnection(socket);

    await a.http()
      .delete(`/api/branches/${tree.districtB.id}/admins/${district.id}`)
      .set(authHeader(city.accessToken))
      .expect(204);

    const ms = await within(
      async () =>
        (await b.http().get(`/api/branches/${tree.districtB.id}/subtree`).set(authHeader(token))).status === 401,
    );
    expect(ms).toBeLessThan(WITHIN_MS);
    expect(await closed).toBe('io server disconnect');
  });

  it('a role granted (a membership approved): the old token is retired so that the next refresh carries the role', async () => {
    const admin = await makeAdmin(a, tree.districtB.id);
    const user = await makeUser(a);
    const applied = await a.http()
      .post('/api/me/memberships')
      .set(authHeader(user.accessToken))
      .send({ branchId: tree.communeB1.id })
      .expect(201);
    await a.http().post(`/api/memberships/${applied.body.id}/approve`).set(authHeader(admin.accessToken)).expect(200);
    expect(await within(async () => (await status(b, user.accessToken)) === 401)).toBeLessThan(WITHIN_MS);
    const fresh = (await signIn(a, user.email as string, user.password, '10.11.0.3').expect(200)).body as {
      accessToken: string;
      user: { roles: string[] };
    };
    expect(fresh.user.roles).toEqual(['shopper', 'streamer']);
    await b.http().get('/api/me/referral-code').set(authHeader(fresh.accessToken)).expect(200);
  });

  it('a token for a user that does not exist is refused', async () => {
    const user = await makeUser(a);
    await a.db.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    const res = await b.http().get('/api/me').set(authHeader(user.accessToken)).expect(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });
});
