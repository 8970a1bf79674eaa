import { randomUUID } from 'node:crypto';
import {
  authHeader,
  createTestApp,
  makeAdmin,
  makeBranchTree,
  makeUser,
  TestApp,
  uniqueEmail,
  BranchTree,
} from '@ocop/testing';
import { IdentityHttpModule } from './identity-http.module';

type Method = 'get' | 'post' | 'patch' | 'delete';

interface BodyEndpoint {
  method: Method;
  path: string;
  token?: 'admin' | 'user';
  valid: Record<string, unknown>;
  wrongTypes: Record<string, unknown>[];
}

const TABLES = [
  'users',
  'refresh_token_families',
  'refresh_tokens',
  'branches',
  'branch_versions',
  'branch_events',
  'admin_assignments',
  'memberships',
];

async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const parts = TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ');
  const [counts] = await t.db.query(`SELECT ${parts}`);
  const [state] = await t.db.query(`
    SELECT (SELECT md5(string_agg(id::text || roles::text || display_name, ',' ORDER BY id)) FROM users) AS users_state,
           (SELECT md5(string_agg(id::text || name || status || path::text, ',' ORDER BY id)) FROM branches) AS branch_state`);
  return { ...counts, ...state };
}

describe('identity: bad input never gets in and never changes anything', () => {
  let t: TestApp;
  let tree: BranchTree;
  let tokens: { admin: string; user: string };
  let targetUserId: string;
  let bodyEndpoints: BodyEndpoint[];

  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule] });
    tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const user = await makeUser(t);
    targetUserId = (await makeUser(t)).id;
    tokens = { admin: admin.accessToken, user: user.accessToken };
    bodyEndpoints = [
      {
        method: 'post',
        path: '/api/auth/register',
        valid: { email: uniqueEmail(), password: 'long enough pw', displayName: 'X' },
        wrongTypes: [
          { email: 42, password: 'long enough pw', displayName: 'X' },
          { email: uniqueEmail(), password: ['long enough pw'], displayName: 'X' },
          { email: uniqueEmail(), password: 'long enough pw', displayName: { text: 'X' } },
          { phone: 912345678, password: 'long enough pw', displayName: 'X' },
        ],
      },
      {
        method: 'post',
        path: '/api/auth/sign-in',
        valid: { identifier: uniqueEmail(), password: 'whatever pw' },
        wrongTypes: [
          { identifier: 1, password: 'x' },
          { identifier: 'a@b.vn', password: null },
          { identifier: ['a'], password: 'x' },
        ],
      },
      {
        method: 'post',
        path: '/api/me/memberships',
        token: 'user',
        valid: { branchId: tree.cellA1.id },
        wrongTypes: [{ branchId: 1 }, { branchId: 'not-a-uuid' }, { branchId: [tree.cellA1.id] }],
      },
      {
        method: 'post',
        path: '/api/branches',
        token: 'admin',
        valid: { code: `${tree.communeA2.code}-V`, name: 'V', type: 'cell', parentId: tree.communeA2.id },
        wrongTypes: [
          { code: 1, name: 'V', type: 'cell', parentId: tree.communeA2.id },
          { code: 'lower-case', name: 'V', type: 'cell', parentId: tree.communeA2.id },
          { code: `${tree.communeA2.code}-V`, name: 'V', type: 'province', parentId: tree.communeA2.id },
          { code: `${tree.communeA2.code}-V`, name: 'V', type: 'cell', parentId: 'nope' },
        ],
      },
      {
        method: 'patch',
        path: `/api/branches/${tree.communeA2.id}`,
        token: 'admin',
        valid: { name: 'Renamed' },
        wrongTypes: [{ name: 5 }, { name: '' }, {}],
      },
      {
        method: 'post',
        path: `/api/branches/${tree.communeA2.id}/move`,
        token: 'admin',
        valid: { parentId: tree.districtB.id },
        wrongTypes: [{ parentId: 5 }, {}, { parentId: null }],
      },
      {
        method: 'post',
        path: `/api/branches/${tree.communeA2.id}/merge`,
        token: 'admin',
        valid: { intoId: tree.communeB2.id },
        wrongTypes: [{ intoId: 'x' }, {}],
      },
      {
        method: 'post',
        path: `/api/branches/${tree.communeA2.id}/admins`,
        token: 'admin',
        valid: { userId: targetUserId },
        wrongTypes: [{ userId: 7 }, {}],
      },
    ];
  });
  afterAll(() => t.close());

  function call(method: Method, path: string, token?: 'admin' | 'user') {
    const req = t.http()[method](path);
    return token ? req.set(authHeader(tokens[token])) : req;
  }

  it('malformed JSON, wrong types, unknown or privileged fields, non-object and oversized bodies', async () => {
    const before = await snapshot(t);
    for (const e of bodyEndpoints) {
      const malformed = await call(e.method, e.path, e.token)
        .set('Content-Type', 'application/json')
        .send('{"a": 1,');
      expect([e.path, malformed.status, malformed.body.code]).toEqual([e.path, 400, 'MALFORMED_JSON']);

      for (const body of e.wrongTypes) {
        const res = await call(e.method, e.path, e.token).send(body);
        expect([e.path, body, res.status, res.body.code]).toEqual([e.path, body, 400, 'VALIDATION_FAILED']);
      }

      const extras: Record<string, unknown>[] = [
        { role: 'admin' },
        { roles: ['admin'] },
        { status: 'active' },
        { id: randomUUID() },
        { createdAt: new Date().toISOString() },
      ];
      if (!('userId' in e.valid)) extras.push({ userId: randomUUID() });
      for (const extra of extras) {
        const res = await call(e.method, e.path, e.token).send({ ...e.valid, ...extra });
        expect([e.path, extra, res.status, res.body.code]).toEqual([e.path, extra, 400, 'VALIDATION_FAILED']);
        expect(res.body.details.fields[0].field).toBe(Object.keys(extra)[0]);
      }

      // Text with nothing visible (spaces, zero-width characters) is refused by the edge's text rules.
      for (const [key, value] of Object.entries(e.valid)) {
        if (typeof value !== 'string' || key === 'password') continue;
        for (const blank of ['   ', '\u200b\u200b']) {
          const res = await call(e.method, e.path, e.token).send({ ...e.valid, [key]: blank });
          expect([e.path, key, res.status]).toEqual([e.path, key, 400]);
          expect(['INVALID_TEXT', 'VALIDATION_FAILED']).toContain(res.body.code);
        }
      }

      const array = await call(e.method, e.path, e.token).send([e.valid]);
      expect([e.path, array.status]).toEqual([e.path, 400]);

      const huge = await call(e.method, e.path, e.token).send({
        ...e.valid,
        padding: 'x'.repeat(110 * 1024),
      });
      expect([e.path, huge.status, huge.body.code]).toEqual([e.path, 413, 'PAYLOAD_TOO_LARGE']);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('malformed ids are 400, ids that do not exist are 404 with a code', async () => {
    const before = await snapshot(t);
    const ghost = randomUUID();
    const idRoutes: [
      Method,
      (id: string) => string,
      Record<string, unknown> | undefined,
      'admin' | 'user' | undefined,
    ][] = [
      ['get', (id) => `/api/branches/${id}`, undefined, undefined],
      ['get', (id) => `/api/branches/${id}/subtree`, undefined, 'admin'],
      ['get', (id) => `/api/branches/${id}/ancestry`, undefined, 'admin'],
      ['get', (id) => `/api/branches/${id}/members`, undefined, 'admin'],
      ['patch', (id) => `/api/branches/${id}`, { name: 'N' }, 'admin'],
      ['post', (id) => `/api/branches/${id}/move`, { parentId: tree.districtB.id }, 'admin'],
      ['post', (id) => `/api/branches/${id}/merge`, { intoId: tree.communeB2.id }, 'admin'],
      ['post', (id) => `/api/branches/${id}/close`, undefined, 'admin'],
      ['post', (id) => `/api/branches/${id}/admins`, { userId: targetUserId }, 'admin'],
      ['delete', (id) => `/api/branches/${id}/admins/${targetUserId}`, undefined, 'admin'],
      ['delete', (id) => `/api/branches/${tree.communeA2.id}/admins/${id}`, undefined, 'admin'],
      ['post', (id) => `/api/memberships/${id}/approve`, undefined, 'admin'],
      ['post', (id) => `/api/memberships/${id}/reject`, undefined, 'admin'],
      ['post', (id) => `/api/memberships/${id}/end`, undefined, 'admin'],
    ];
    for (const [method, path, body, token] of idRoutes) {
      for (const bad of ['123', 'not-a-uuid', `${ghost}x`, "1' OR '1'='1"]) {
        const res = await call(method, path(encodeURIComponent(bad)), token).send(body ?? {});
        expect([path(bad), res.status, res.body.code]).toEqual([path(bad), 400, 'VALIDATION_FAILED']);
      }
      const missing = await call(method, path(ghost), token).send(body ?? {});
      expect([path(ghost), missing.status]).toEqual([path(ghost), 404]);
      expect(missing.body.code).toMatch(/^(BRANCH|MEMBERSHIP|ADMIN_ASSIGNMENT|USER)_NOT_FOUND$/);
    }

    // Ids inside bodies that point nowhere.
    const inBody: [Method, string, Record<string, unknown>, 'admin' | 'user'][] = [
      [
        'post',
        '/api/branches',
        { code: `${tree.city.code}-G`, name: 'G', type: 'cell', parentId: ghost },
        'admin',
      ],
      ['post', `/api/branches/${tree.communeA2.id}/move`, { parentId: ghost }, 'admin'],
      ['post', `/api/branches/${tree.communeA2.id}/merge`, { intoId: ghost }, 'admin'],
      ['post', `/api/branches/${tree.communeA2.id}/admins`, { userId: ghost }, 'admin'],
      ['post', '/api/me/memberships', { branchId: ghost }, 'user'],
    ];
    for (const [method, path, body, token] of inBody) {
      const res = await call(method, path, token).send(body);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body.code).toMatch(/_NOT_FOUND$/);
    }

    // Query strings are validated too.
    const as = authHeader(tokens.admin);
    expect((await t.http().get(`/api/branches/${tree.cellA1.id}/ancestry?at=yesterday`).set(as)).status).toBe(
      400,
    );
    expect((await t.http().get(`/api/branches/${tree.cellA1.id}/members?status=banned`).set(as)).status).toBe(
      400,
    );
    expect((await t.http().get(`/api/branches/${tree.cellA1.id}/members?role=admin`).set(as)).status).toBe(
      400,
    );
    const ancient = await t
      .http()
      .get(`/api/branches/${tree.cellA1.id}/ancestry?at=2001-01-01T00:00:00Z`)
      .set(as);
    expect([ancient.status, ancient.body.code]).toEqual([404, 'BRANCH_NOT_FOUND']);

    expect(await snapshot(t)).toEqual(before);
  });
});
