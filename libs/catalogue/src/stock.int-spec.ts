import { IdentityHttpModule } from '@ocop/identity';
import { DomainError } from '@ocop/kernel';
import {
  authHeader,
  createTestApp,
  Farmer,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeProduct,
  MadeUser,
  TestApp,
} from '@ocop/testing';
import { CatalogueFacade } from './application/catalogue.facade';
import { CatalogueHttpModule } from './catalogue-http.module';

describe('stock: atomic changes and the ledger', () => {
  let t: TestApp;
  let farmer: Farmer;
  let admin: MadeUser;
  let facade: CatalogueFacade;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [CatalogueHttpModule, IdentityHttpModule],
      config: { DATABASE_POOL_SIZE: 25 },
    });
    const tree = await makeBranchTree(t);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    admin = await makeAdmin(t, tree.districtA.id);
    facade = t.app.get(CatalogueFacade);
    // Listen once, so that many concurrent supertest requests share one server instead of each binding it.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => t.close());

  const stockOf = async (id: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id])) as { stock: number }[])[0]?.stock;
  const ledgerOf = async (id: string) =>
    (
      (await t.db.query(
        `SELECT coalesce(sum(delta), 0)::int AS sum, count(*)::int AS n FROM stock_movements WHERE product_id = $1`,
        [id],
      )) as { sum: number; n: number }[]
    )[0];

  it('200 buyers racing for 50 units through separate connections: exactly 50 succeed, stock ends at 0', async () => {
    const product = await makeActiveProduct(t, { farmer, admin, stock: 50 });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => facade.reserveStock(product.id, 1)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(new Set(refused.map((r) => (r.reason as DomainError).code))).toEqual(
      new Set(['INSUFFICIENT_STOCK']),
    );
    expect(await stockOf(product.id)).toBe(0);
    // The ledger: the initial 50 plus 50 reservations of -1 sums to what is left.
    expect(await ledgerOf(product.id)).toEqual({ sum: 0, n: 51 });
    const afters = (await t.db.query(
      `SELECT stock_after FROM stock_movements WHERE product_id = $1 AND kind = 'reservation' ORDER BY stock_after`,
      [product.id],
    )) as { stock_after: number }[];
    expect(afters.map((a) => a.stock_after)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('concurrent HTTP adjustments never take stock below zero', async () => {
    const product = await makeProduct(t, farmer, { stock: 20 });
    const responses = await Promise.all(
      Array.from({ length: 60 }, () =>
        t
          .http()
          .post(`/api/products/${product.id}/stock-adjustments`)
          .set(authHeader(farmer.accessToken))
          .send({ delta: -1, reason: 'bán' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(responses.find((r) => r.status === 409)?.body.code).toBe('INSUFFICIENT_STOCK');
    expect(await stockOf(product.id)).toBe(0);
    expect(await ledgerOf(product.id)).toEqual({ sum: 0, n: 21 });
  });

  it('a farmer adjusts stock up and down with a reason; the ledger is append-only', async () => {
    const product = await makeProduct(t, farmer, { stock: 5 });
    const up = await t
      .http()
      .post(`/api/products/${product.id}/stock-adjustments`)
      .set(authHeader(farmer.accessToken))
      .send({ delta: 10, reason: 'Nhập hàng' })
      .expect(201);
    expect(up.body).toMatchObject({ productId: product.id, stock: 15, movementId: expect.any(String) });
    const down = await t
      .http()
      .post(`/api/products/${product.id}/stock-adjustments`)
      .set(authHeader(farmer.accessToken))
      .send({ delta: -16, reason: 'Hỏng' })
      .expect(409);
    expect(down.body).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { available: 15, requested: 16 },
    });
    await expect(
      t.db.query(`UPDATE stock_movements SET delta = 1 WHERE product_id = $1`, [product.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`DELETE FROM stock_movements WHERE product_id = $1`, [product.id]),
    ).rejects.toThrow(/append-only/);
  });

  it.each([
    ['a zero delta', { delta: 0, reason: 'x' }],
    ['a fractional delta', { delta: 1.5, reason: 'x' }],
    ['a delta as a string', { delta: '-1', reason: 'x' }],
    ['a delta beyond one million', { delta: -1_000_001, reason: 'x' }],
    ['no reason', { delta: 1 }],
    ['an unknown field', { delta: 1, reason: 'x', stock: 0 }],
  ])('rejects %s with 400 and writes nothing', async (_label, body) => {
    const product = await makeProduct(t, farmer, { stock: 5 });
    const res = await t
      .http()
      .post(`/api/products/${product.id}/stock-adjustments`)
      .set(authHeader(farmer.accessToken))
      .send(body);
    expect(res.status).toBe(400);
    expect(await stockOf(product.id)).toBe(5);
    expect(await ledgerOf(product.id)).toEqual({ sum: 5, n: 1 });
  });

  it('reserving a product that is not sellable is refused; releasing gives stock back', async () => {
    const draft = await makeProduct(t, farmer, { stock: 5 });
    await expect(facade.reserveStock(draft.id, 1)).rejects.toMatchObject({ code: 'PRODUCT_NOT_SELLABLE' });
    await expect(facade.reserveStock('00000000-0000-4000-8000-000000000000', 1)).rejects.toMatchObject({
      code: 'PRODUCT_NOT_FOUND',
    });
    await expect(facade.reserveStock(draft.id, 0)).rejects.toMatchObject({ code: 'INVALID_QUANTITY' });
    const active = await makeActiveProduct(t, { farmer, admin, stock: 3 });
    expect((await facade.reserveStock(active.id, 3, { reference: 'order-1' })).stock).toBe(0);
    expect((await facade.releaseStock(active.id, 2, { reference: 'order-1' })).stock).toBe(2);
    expect(await facade.getSellableProduct(active.id)).toMatchObject({
      id: active.id,
      stock: 2,
      sellable: true,
    });
    expect(await facade.getSellableProduct(draft.id)).toBeNull();
  });
});
