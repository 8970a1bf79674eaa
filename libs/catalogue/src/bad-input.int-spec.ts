import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  Farmer,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeProduct,
  MadeUser,
  TestApp,
} from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';

type Method = 'get' | 'post' | 'patch';
interface Route {
  method: Method;
  path: (id: string) => string;
  as: 'farmer' | 'admin' | 'guest';
  body?: boolean;
  hasId?: boolean;
}

const ROUTES: Route[] = [
  { method: 'post', path: () => '/api/producers', as: 'farmer', body: true },
  { method: 'get', path: () => '/api/producers/me', as: 'farmer' },
  { method: 'patch', path: () => '/api/producers/me', as: 'farmer', body: true },
  { method: 'get', path: () => '/api/producers/me/products', as: 'farmer' },
  { method: 'get', path: () => '/api/producers/me/notifications', as: 'farmer' },
  { method: 'get', path: (id) => `/api/producers/${id}`, as: 'guest', hasId: true },
  { method: 'get', path: () => '/api/products', as: 'guest' },
  { method: 'get', path: (id) => `/api/products/${id}`, as: 'guest', hasId: true },
  { method: 'post', path: () => '/api/products', as: 'farmer', body: true },
  { method: 'patch', path: (id) => `/api/products/${id}`, as: 'farmer', body: true, hasId: true },
  { method: 'post', path: (id) => `/api/products/${id}/submit`, as: 'farmer', hasId: true },
  {
    method: 'post',
    path: (id) => `/api/products/${id}/stock-adjustments`,
    as: 'farmer',
    body: true,
    hasId: true,
  },
  { method: 'get', path: () => '/api/admin/products', as: 'admin' },
  { method: 'get', path: (id) => `/api/admin/products/${id}`, as: 'admin', hasId: true },
  { method: 'post', path: (id) => `/api/admin/products/${id}/verify`, as: 'admin', hasId: true },
  { method: 'post', path: (id) => `/api/admin/products/${id}/reject`, as: 'admin', body: true, hasId: true },
  { method: 'post', path: (id) => `/api/admin/products/${id}/suspend`, as: 'admin', body: true, hasId: true },
];

const TABLES = [
  'producers',
  'products',
  'stock_movements',
  'product_status_changes',
  'producer_notifications',
];
const label = (r: Route) => `${r.method.toUpperCase()} ${r.path(':id')}`;

describe('bad input on every catalogue endpoint', () => {
  let t: TestApp;
  let farmer: Farmer;
  let admin: MadeUser;
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [CatalogueHttpModule, IdentityHttpModule] });
    const tree = await makeBranchTree(t);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    admin = await makeAdmin(t, tree.city.id);
    productId = (await makeProduct(t, farmer)).id;
  });
  afterAll(() => t.close());

  const counts = async () =>
    Promise.all(
      TABLES.map(async (table) =>
        Number(((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]?.n),
      ),
    );

  const call = (r: Route, id: string) => {
    const req = t.http()[r.method](r.path(id));
    if (r.as === 'farmer') req.set(authHeader(farmer.accessToken));
    if (r.as === 'admin') req.set(authHeader(admin.accessToken));
    return req;
  };

  const withBody = ROUTES.filter((r) => r.body);
  const withId = ROUTES.filter((r) => r.hasId);

  it.each(withBody.map((r) => [label(r), r] as const))(
    '%s: malformed JSON is 400 MALFORMED_JSON',
    async (_l, r) => {
      const before = await counts();
      const res = await call(r, productId).set('Content-Type', 'application/json').send('{"name": "x",');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('MALFORMED_JSON');
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withBody.map((r) => [label(r), r] as const))(
    '%s: a 200 kB body is 413 PAYLOAD_TOO_LARGE',
    async (_l, r) => {
      const before = await counts();
      const res = await call(r, productId).send({ name: 'x'.repeat(200_000) });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withBody.map((r) => [label(r), r] as const))(
    '%s: wrong types, arrays and unknown fields are 400',
    async (_l, r) => {
      const before = await counts();
      for (const body of [[1, 2], { name: 42, delta: 'x', reason: 7 }, { hacked: true }]) {
        const res = await call(r, productId).send(body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await counts()).toEqual(before);
    },
  );

  it.each(withId.map((r) => [label(r), r] as const))(
    '%s: a malformed id is 400 and an unknown id 404',
    async (_l, r) => {
      const before = await counts();
      const path = r.path('x');
      const body = path.includes('stock')
        ? { delta: 1, reason: 'x' }
        : path.endsWith('/reject') || path.endsWith('/suspend')
          ? { reason: 'x' }
          : r.body
            ? { name: 'Tên mới' }
            : undefined;
      const malformed = await call(r, 'not-a-uuid').send(body);
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('VALIDATION_FAILED');
      const unknown = await call(r, '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b').send(body);
      expect(unknown.status).toBe(404);
      expect(['PRODUCT_NOT_FOUND', 'PRODUCER_NOT_FOUND']).toContain(unknown.body.code);
      expect(await counts()).toEqual(before);
    },
  );

  // Listings validate their query against a DTO; single-resource GETs take no query at all.
  it.each(
    ROUTES.filter((r) => r.method === 'get' && !r.hasId && !r.path('').endsWith('/me')).map(
      (r) => [label(r), r] as const,
    ),
  )('%s: unknown query parameters are 400', async (_l, r) => {
    const res = await call(r, productId).query({ evil: '1' });
    expect(res.status).toBe(400);
  });

  it('every route answers with the error shape { code, message, requestId }', async () => {
    const res = await t.http().post('/api/products').set(authHeader(farmer.accessToken)).send({});
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: { fields: expect.any(Array) },
      requestId: res.headers['x-request-id'],
    });
  });
});
