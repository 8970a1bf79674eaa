import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  MadeSession,
  makeSession,
  makeUser,
  MadeUser,
  sessionBody,
  TestApp,
} from '@ocop/testing';
import { LiveHttpModule } from './live-http.module';

type Method = 'get' | 'post' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: (id: string, other: string) => string;
  as: 'host' | 'user' | 'guest';
  /** A body that is valid in shape (for the id checks); absent when the route takes none. */
  body?: () => object;
  hasId?: boolean;
  notFound?: string;
}

const UNKNOWN = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';
const TABLES = [
  'live_sessions',
  'live_session_products',
  'live_session_staff',
  'live_session_pins',
  'live_session_reminders',
  'notifications',
];

describe('bad input on every live endpoint', () => {
  let t: TestApp;
  let made: MadeSession;
  let user: MadeUser;

  const ROUTES: Route[] = [
    { method: 'get', path: () => '/api/sessions', as: 'guest' },
    {
      method: 'get',
      path: (id) => `/api/sessions/${id}`,
      as: 'guest',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: () => '/api/sessions',
      as: 'host',
      body: () => sessionBody(made.products.map((p) => p.id)),
    },
    {
      method: 'patch',
      path: (id) => `/api/sessions/${id}`,
      as: 'host',
      body: () => ({ title: 'Tên mới' }),
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/cancel`,
      as: 'host',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/go-live`,
      as: 'host',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/end`,
      as: 'host',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/staff`,
      as: 'host',
      body: () => ({ userId: user.id, role: 'moderator' }),
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'delete',
      path: (id, other) => `/api/sessions/${id}/staff/${other}`,
      as: 'host',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'get',
      path: (id) => `/api/sessions/${id}/pins`,
      as: 'guest',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/pins`,
      as: 'host',
      body: () => ({ productId: made.products[0]!.id }),
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'delete',
      path: (id, other) => `/api/sessions/${id}/pins/${other}`,
      as: 'host',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'post',
      path: (id) => `/api/sessions/${id}/reminders`,
      as: 'user',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    {
      method: 'delete',
      path: (id) => `/api/sessions/${id}/reminders`,
      as: 'user',
      hasId: true,
      notFound: 'SESSION_NOT_FOUND',
    },
    { method: 'get', path: () => '/api/me/notifications', as: 'user' },
    {
      method: 'post',
      path: (id) => `/api/me/notifications/${id}/read`,
      as: 'user',
      hasId: true,
      notFound: 'NOTIFICATION_NOT_FOUND',
    },
  ];

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    made = await makeSession(t, { productCount: 2 });
    user = await makeUser(t);
  });
  afterAll(() => t.close());

  const label = (r: Route) => `${r.method.toUpperCase()} ${r.path(':id', ':other')}`;
  const counts = () =>
    Promise.all(
      TABLES.map(async (table) =>
        Number(((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]?.n),
      ),
    );
  const call = (r: Route, id: string, other = UNKNOWN) => {
    const req = t.http()[r.method](r.path(id, other));
    if (r.as === 'host') req.set(authHeader(made.hostToken));
    if (r.as === 'user') req.set(authHeader(user.accessToken));
    return req;
  };
  const withBody = ROUTES.filter((r) => r.body);

  it.each(withBody.map((r) => [label(r), r] as const))(
    '%s: malformed JSON is 400 MALFORMED_JSON',
    async (_l, r) => {
      const before = await counts();
      const res = await call(r, made.session.id)
        .set('Content-Type', 'application/json')
        .send('{"title": "x",');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withBody.map((r) => [label(r), r] as const))(
    '%s: wrong types, arrays and unknown fields (status, hostUserId, branchId) are 400 with nothing written',
    async (_l, r) => {
      const before = await counts();
      const valid = r.body!();
      const bad: unknown[] = [
        [1, 2],
        { title: 42, lineup: 'x', userId: 7, role: 1, productId: false, scheduledStartAt: 5 },
        { ...valid, status: 'live' },
        { ...valid, hostUserId: user.id },
        { ...valid, branchId: UNKNOWN },
        { ...valid, branchPath: [UNKNOWN] },
      ];
      for (const body of bad) {
        const res = await call(r, made.session.id).send(body as object);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('session bodies: out-of-range and malformed values are 400 with nothing written', async () => {
    const before = await counts();
    const lineup = made.products.map((p) => p.id);
    const bad: object[] = [
      sessionBody(lineup, undefined, { title: '' }),
      sessionBody(lineup, undefined, { title: '   ' }),
      sessionBody(lineup, undefined, { title: 'x'.repeat(121) }),
      sessionBody(lineup, undefined, { description: 'x'.repeat(2001) }),
      sessionBody(lineup, undefined, { coverAssetId: 'not-a-uuid' }),
      { ...sessionBody(lineup), coverImageUrl: 'https://cdn.ocop.test/c.jpg' },
      sessionBody(lineup, undefined, { scheduledStartAt: '2030-01-01T10:00:00' }),
      sessionBody(lineup, undefined, { scheduledStartAt: 'tomorrow' }),
      sessionBody([]),
      sessionBody([lineup[0]!, lineup[0]!]),
      sessionBody(['not-a-uuid']),
      sessionBody(Array.from({ length: 51 }, () => crypto.randomUUID())),
    ];
    for (const body of bad) {
      const res = await t.http().post('/api/sessions').set(authHeader(made.hostToken)).send(body);
      expect(res.status).toBe(400);
    }
    const staff = await t
      .http()
      .post(`/api/sessions/${made.session.id}/staff`)
      .set(authHeader(made.hostToken))
      .send({ userId: user.id, role: 'host' });
    expect(staff.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it.each(ROUTES.filter((r) => r.hasId).map((r) => [label(r), r] as const))(
    '%s: a malformed id is 400 and an unknown id 404',
    async (_l, r) => {
      const before = await counts();
      const body = r.body?.();
      const malformed = await call(r, 'not-a-uuid').send(body);
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      if (r.path('a', 'b').endsWith('/b')) {
        const malformedOther = await call(r, made.session.id, '42').send(body);
        expect(malformedOther.status).toBe(400);
      }
      const unknown = await call(r, UNKNOWN).send(body);
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe(r.notFound);
      expect(await counts()).toEqual(before);
    },
  );

  it.each(ROUTES.filter((r) => r.method === 'get' && !r.hasId).map((r) => [label(r), r] as const))(
    '%s: unknown or malformed query parameters are 400',
    async (_l, r) => {
      for (const query of [{ evil: '1' }, { page: '0' }, { pageSize: '1000' }, { page: 'x' }]) {
        expect((await call(r, '').query(query)).status).toBe(400);
      }
    },
  );

  it('GET /api/sessions: a bad status, group or branch id is 400', async () => {
    for (const query of [{ status: 'cancelled' }, { group: 'weapons' }, { branchId: 'x' }]) {
      const res = await t.http().get('/api/sessions').query(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
