import { randomUUID } from 'node:crypto';
import { FixedClock } from '@ocop/kernel';
import {
  authHeader,
  createTestApp,
  makeBranchTree,
  makeUser,
  sessionCookies,
  signIn,
  spendSession,
  TestApp,
  uniqueEmail,
  uniquePhone,
} from '@ocop/testing';
import { IdentityHttpModule } from './identity-http.module';

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('identity: registration, sign-in and sessions', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule], config: { TRUST_PROXY: true }, clock });
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>) => t.http().post('/api/auth/register').send(body);

  it('registers by email as a shopper, lowercases the email and signs in', async () => {
    const email = uniqueEmail('Lan').toUpperCase();
    const res = await register({ email, password: 'correct horse 1', displayName: 'Nguyễn Thị Lan' }).expect(
      201,
    );
    expect(res.body).toEqual({
      user: {
        id: expect.any(String),
        displayName: 'Nguyễn Thị Lan',
        email: email.toLowerCase(),
        phone: null,
        roles: ['shopper'],
      },
      accessToken: expect.any(String),
      expiresIn: t.config.JWT_ACCESS_TTL_SECONDS,
    });
    // The refresh token is a cookie, never in the body.
    expect(res.body.refreshToken).toBeUndefined();
    expect(sessionCookies(res).cookie).toMatch(/^ocop_refresh=[A-Za-z0-9_-]{43}; ocop_csrf=/);
    const me = await t.http().get('/api/me').set(authHeader(res.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({
      id: res.body.user.id,
      roles: ['shopper'],
      membership: null,
      adminScope: null,
    });

    const signedIn = await signIn(t, email, 'correct horse 1', ip()).expect(200);
    expect(signedIn.body.user.id).toBe(res.body.user.id);
    const stored = await t.db.query('SELECT email FROM users WHERE id = $1', [res.body.user.id]);
    expect(stored[0].email).toBe(email.toLowerCase());
  });

  it('registers by phone given as 09xx, stores +84 and signs in with any common format', async () => {
    const national = uniquePhone();
    const e164 = `+84${national.slice(1)}`;
    const res = await register({
      phone: national,
      password: 'mật khẩu dài 123',
      displayName: 'Trần Văn Bình',
    }).expect(201);
    expect(res.body.user.phone).toBe(e164);
    const spaced = `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
    for (const identifier of [national, e164, spaced, `84${national.slice(1)}`]) {
      const ok = await signIn(t, identifier, 'mật khẩu dài 123', ip());
      expect(ok.status).toBe(200);
      expect(ok.body.user.id).toBe(res.body.user.id);
    }
  });

  it('refuses a duplicate email or phone with 409 and a code', async () => {
    const email = uniqueEmail();
    const phone = uniquePhone();
    await register({ email, phone, password: 'long enough pw', displayName: 'A' }).expect(201);
    const dupEmail = await register({
      email: email.toUpperCase(),
      password: 'long enough pw',
      displayName: 'B',
    }).expect(409);
    expect(dupEmail.body.code).toBe('EMAIL_TAKEN');
    const dupPhone = await register({
      phone: `+84${phone.slice(1)}`,
      password: 'long enough pw',
      displayName: 'C',
    }).expect(409);
    expect(dupPhone.body.code).toBe('PHONE_TAKEN');
  });

  it('needs an email or a phone, and a password of 10 to 128 characters', async () => {
    expect((await register({ password: 'long enough pw', displayName: 'A' }).expect(400)).body.code).toBe(
      'EMAIL_OR_PHONE_REQUIRED',
    );
    await register({ email: uniqueEmail(), password: 'short', displayName: 'A' }).expect(400);
    await register({ email: uniqueEmail(), password: 'x'.repeat(129), displayName: 'A' }).expect(400);
    await register({ email: uniqueEmail(), password: 'long enough pw', displayName: '' }).expect(400);
    await register({ email: uniqueEmail(), password: 'long enough pw', displayName: 'x'.repeat(81) }).expect(
      400,
    );
    await register({ phone: '0123', password: 'long enough pw', displayName: 'A' }).expect(400);
  });

  it('answers a wrong password and an unknown account the same way: 401 INVALID_CREDENTIALS', async () => {
    const user = await makeUser(t);
    const wrong = await signIn(t, user.email as string, 'not the password', ip()).expect(401);
    const unknown = await signIn(t, uniqueEmail('ghost'), 'not the password', ip()).expect(401);
    const garbage = await signIn(t, 'neither-email-nor-phone', 'not the password', ip()).expect(401);
    for (const res of [wrong, unknown, garbage]) {
      expect(res.body).toEqual({
        code: 'INVALID_CREDENTIALS',
        message: wrong.body.message,
        requestId: expect.any(String),
      });
    }
  });

  it('rotates refresh tokens: each is single-use, and a reused one revokes the whole family', async () => {
    const user = await makeUser(t);
    const first = sessionCookies(await signIn(t, user.email as string, user.password, ip()).expect(200));
    const rotated = await spendSession(t, 'refresh', first).expect(200);
    expect(rotated.body).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
    const second = sessionCookies(rotated);
    expect(second.cookie).not.toBe(first.cookie);
    await t.http().get('/api/me').set(authHeader(rotated.body.accessToken)).expect(200);

    // A stolen copy of the first token is replayed: the family dies, the legitimate holder's token too.
    const reuse = await spendSession(t, 'refresh', first).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    const after = await spendSession(t, 'refresh', second).expect(401);
    expect(after.body.code).toBe('REFRESH_TOKEN_REVOKED');
    const firstToken = /ocop_refresh=([^;]+)/.exec(first.cookie)?.[1] as string;

    // Tokens are stored only as hashes.
    const rows = await t.db.query(
      `SELECT t.token_hash FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id WHERE f.user_id = $1`,
      [user.id],
    );
    expect(rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(firstToken);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refresh picks up roles granted since the last token', async () => {
    const tree = await makeBranchTree(t);
    const user = await makeUser(t);
    const signedIn = await signIn(t, user.email as string, user.password, ip()).expect(200);
    const first = signedIn.body;
    await t
      .http()
      .get(`/api/branches/${tree.city.id}/subtree`)
      .set(authHeader(first.accessToken))
      .expect(403);
    await t.db.query(`UPDATE users SET roles = array_append(roles, 'farmer') WHERE id = $1`, [user.id]);
    const next = (await spendSession(t, 'refresh', sessionCookies(signedIn)).expect(200)).body;
    const me = await t.http().get('/api/me').set(authHeader(next.accessToken)).expect(200);
    expect(me.body.roles).toEqual(['shopper', 'farmer']);
    const claims = JSON.parse(Buffer.from(next.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.roles).toEqual(['shopper', 'farmer']);
  });

  it('rejects unknown and expired refresh tokens with their own codes', async () => {
    const unknown = await t
      .http()
      .post('/api/auth/refresh')
      .set('Cookie', `ocop_refresh=${randomUUID()}`)
      .set('X-CSRF-Token', 'any')
      .expect(403);
    expect(unknown.body.code).toBe('CSRF_TOKEN_INVALID');
    const none = await t.http().post('/api/auth/refresh').expect(401);
    expect(none.body.code).toBe('REFRESH_TOKEN_INVALID');
    const user = await makeUser(t);
    const session = sessionCookies(await signIn(t, user.email as string, user.password, ip()).expect(200));
    clock.advance((t.config.REFRESH_TOKEN_TTL_DAYS * 86_400 + 1) * 1000);
    try {
      const expired = await spendSession(t, 'refresh', session).expect(401);
      expect(expired.body.code).toBe('REFRESH_TOKEN_EXPIRED');
    } finally {
      clock.set(new Date());
    }
  });

  it('signs out one session, or every session of the caller', async () => {
    const user = await makeUser(t);
    const a = sessionCookies(await signIn(t, user.email as string, user.password, ip()).expect(200));
    const b = sessionCookies(await signIn(t, user.email as string, user.password, ip()).expect(200));
    const cRes = await signIn(t, user.email as string, user.password, ip()).expect(200);
    const c = sessionCookies(cRes);
    await spendSession(t, 'sign-out', a).expect(204);
    expect((await spendSession(t, 'refresh', a).expect(401)).body.code).toBe('REFRESH_TOKEN_REVOKED');
    const bNext = sessionCookies(await spendSession(t, 'refresh', b).expect(200));

    await t.http().post('/api/auth/sign-out-everywhere').expect(401);
    await t.http().post('/api/auth/sign-out-everywhere').set(authHeader(cRes.body.accessToken)).expect(204);
    for (const session of [bNext, c]) {
      const res = await spendSession(t, 'refresh', session).expect(401);
      expect(res.body.code).toBe('REFRESH_TOKEN_REVOKED');
    }
  });

  it('needs a bearer token for /api/me, and a shopper gets 403 ROLE_REQUIRED on admin routes', async () => {
    expect((await t.http().get('/api/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/api/me').set(authHeader('nonsense')).expect(401)).body.code).toBe(
      'TOKEN_INVALID',
    );
    const tree = await makeBranchTree(t);
    const shopper = await makeUser(t);
    const res = await t
      .http()
      .post('/api/branches')
      .set(authHeader(shopper.accessToken))
      .send({ code: `${tree.city.code}-Z`, name: 'Z', type: 'cell', parentId: tree.city.id })
      .expect(403);
    expect(res.body.code).toBe('ROLE_REQUIRED');
    await t
      .http()
      .post(`/api/memberships/${randomUUID()}/approve`)
      .set(authHeader(shopper.accessToken))
      .expect(403);
  });

  it('documents every identity route in OpenAPI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/sign-in',
        '/api/auth/refresh',
        '/api/auth/sign-out',
        '/api/auth/sign-out-everywhere',
        '/api/me',
        '/api/me/memberships',
        '/api/branches',
        '/api/branches/{id}',
        '/api/branches/{id}/subtree',
        '/api/branches/{id}/ancestry',
        '/api/branches/{id}/move',
        '/api/branches/{id}/merge',
        '/api/branches/{id}/close',
        '/api/branches/{id}/members',
        '/api/branches/{id}/admins',
        '/api/branches/{id}/admins/{userId}',
        '/api/memberships/{id}/approve',
        '/api/memberships/{id}/reject',
        '/api/memberships/{id}/end',
      ]),
    );
  });

  it('a shopper who claims the admin role in their own registration gets 400', async () => {
    const res = await register({
      email: uniqueEmail(),
      password: 'long enough pw',
      displayName: 'A',
      roles: ['admin'],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('identity: access token expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule], config: { JWT_ACCESS_TTL_SECONDS: 1 } });
  });
  afterAll(() => t.close());

  it('rejects an expired access token with 401 TOKEN_EXPIRED', async () => {
    const res = await t
      .http()
      .post('/api/auth/register')
      .send({ email: uniqueEmail(), password: 'long enough pw', displayName: 'Short lived' })
      .expect(201);
    expect(res.body.expiresIn).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const me = await t.http().get('/api/me').set(authHeader(res.body.accessToken)).expect(401);
    expect(me.body.code).toBe('TOKEN_EXPIRED');
  });
});
