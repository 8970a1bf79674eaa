import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  BranchTree,
  createTestApp,
  Farmer,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeProduct,
  makeUser,
  MadeUser,
  productBody,
  signedMonthsAgo,
  submitProduct,
  TestApp,
} from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';

describe('products: lifecycle, validation and access', () => {
  let t: TestApp;
  let tree: BranchTree;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let adminA: MadeUser;
  let adminB: MadeUser;
  let shopper: MadeUser;

  beforeAll(async () => {
    t = await createTestApp({ imports: [CatalogueHttpModule, IdentityHttpModule] });
    tree = await makeBranchTree(t);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    adminA = await makeAdmin(t, tree.districtA.id);
    adminB = await makeAdmin(t, tree.districtB.id);
    shopper = await makeUser(t);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> =>
    Number(((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]?.n);

  describe('a farmer lists a product and an admin verifies it', () => {
    it('creates a draft with a computed 36-month expiry, not sellable yet', async () => {
      const body = productBody({ certificate: { signedOn: '2024-03-15' }, priceVnd: 150_000 });
      const res = await t
        .http()
        .post('/api/products')
        .set(authHeader(farmerA.accessToken))
        .send(body)
        .expect(201);
      expect(res.body).toMatchObject({
        producerId: farmerA.producer.id,
        status: 'draft',
        priceVnd: 150_000,
        sellable: false,
        certificate: { stars: 4, signedOn: '2024-03-15', expiresOn: '2027-03-15' },
      });
      const ledger = await t.db.query(
        `SELECT kind, delta, stock_after FROM stock_movements WHERE product_id = $1`,
        [res.body.id],
      );
      expect(ledger).toEqual([{ kind: 'initial', delta: 100, stock_after: 100 }]);
    });

    it('submits, is verified by an admin of the producer branch, and becomes sellable and public', async () => {
      const product = await makeProduct(t, farmerA);
      await t.http().get(`/api/products/${product.id}`).expect(404);
      const mine = await t
        .http()
        .get(`/api/products/${product.id}`)
        .set(authHeader(farmerA.accessToken))
        .expect(200);
      expect(mine.body.status).toBe('draft');

      const pending = await submitProduct(t, farmerA, product.id);
      expect(pending.status).toBe('pending_verification');
      const queue = await t
        .http()
        .get('/api/admin/products?status=pending_verification&pageSize=100')
        .set(authHeader(adminA.accessToken))
        .expect(200);
      expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(product.id);

      const verified = await t
        .http()
        .post(`/api/admin/products/${product.id}/verify`)
        .set(authHeader(adminA.accessToken))
        .expect(200);
      expect(verified.body).toMatchObject({
        status: 'active',
        sellable: true,
        certificateState: 'valid',
        verifiedBy: adminA.id,
      });
      expect(verified.body.verifiedAt).toEqual(expect.any(String));
      const history = await t.db.query(
        `SELECT action, from_status, to_status, actor_user_id FROM product_status_changes WHERE product_id = $1 ORDER BY created_at`,
        [product.id],
      );
      expect(history).toEqual([
        {
          action: 'submit',
          from_status: 'draft',
          to_status: 'pending_verification',
          actor_user_id: farmerA.id,
        },
        {
          action: 'verify',
          from_status: 'pending_verification',
          to_status: 'active',
          actor_user_id: adminA.id,
        },
      ]);
      const pub = await t.http().get(`/api/products/${product.id}`).expect(200);
      expect(pub.body).toMatchObject({
        id: product.id,
        sellable: true,
        producer: { id: farmerA.producer.id },
      });
      expect(pub.body.verifiedBy).toBeUndefined();
    });

    it('an admin rejects with a reason (back to draft), then suspends after resubmission', async () => {
      const product = await makeProduct(t, farmerA);
      await submitProduct(t, farmerA, product.id);
      const rejected = await t
        .http()
        .post(`/api/admin/products/${product.id}/reject`)
        .set(authHeader(adminA.accessToken))
        .send({ reason: 'Số quyết định không khớp' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'draft', statusReason: 'Số quyết định không khớp' });
      await t
        .http()
        .post(`/api/admin/products/${product.id}/reject`)
        .set(authHeader(adminA.accessToken))
        .send({})
        .expect(400);
      await submitProduct(t, farmerA, product.id);
      const suspended = await t
        .http()
        .post(`/api/admin/products/${product.id}/suspend`)
        .set(authHeader(adminA.accessToken))
        .send({ reason: 'Kiểm tra lại' })
        .expect(200);
      expect(suspended.body.status).toBe('suspended');
      const resubmitted = await submitProduct(t, farmerA, product.id);
      expect(resubmitted.status).toBe('pending_verification');
    });

    it('illegal transitions are 409 ILLEGAL_TRANSITION', async () => {
      const product = await makeProduct(t, farmerA);
      const verify = await t
        .http()
        .post(`/api/admin/products/${product.id}/verify`)
        .set(authHeader(adminA.accessToken))
        .expect(409);
      expect(verify.body.code).toBe('ILLEGAL_TRANSITION');
      await submitProduct(t, farmerA, product.id);
      const again = await t
        .http()
        .post(`/api/products/${product.id}/submit`)
        .set(authHeader(farmerA.accessToken))
        .expect(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('editing the certificate of an active product sends it back to verification; editing the price does not', async () => {
      const product = await makeActiveProduct(t, { farmer: farmerA, admin: adminA });
      const priced = await t
        .http()
        .patch(`/api/products/${product.id}`)
        .set(authHeader(farmerA.accessToken))
        .send({ priceVnd: 175_000 })
        .expect(200);
      expect(priced.body).toMatchObject({ status: 'active', priceVnd: 175_000 });
      const recert = await t
        .http()
        .patch(`/api/products/${product.id}`)
        .set(authHeader(farmerA.accessToken))
        .send({ certificate: { stars: 5, signedOn: signedMonthsAgo(1) } })
        .expect(200);
      expect(recert.body).toMatchObject({
        status: 'pending_verification',
        sellable: false,
        certificate: { stars: 5 },
      });
      await t.http().get(`/api/products/${product.id}`).expect(404);
    });
  });

  describe('validation', () => {
    const post = (body: unknown) =>
      t
        .http()
        .post('/api/products')
        .set(authHeader(farmerA.accessToken))
        .send(body as object);

    it.each([
      ['stars 2', { certificate: { stars: 2 } }],
      ['stars 6', { certificate: { stars: 6 } }],
      ['stars as a string', { certificate: { stars: '4' } }],
      ['a negative price', { priceVnd: -1000 }],
      ['a zero price', { priceVnd: 0 }],
      ['a fractional price', { priceVnd: 150000.5 }],
      ['a price as a string', { priceVnd: '150000' }],
      ['a price below 1.000 đồng', { priceVnd: 999 }],
      ['a price above 1 billion đồng', { priceVnd: 1_000_000_001 }],
      ['a negative stock', { stock: -1 }],
      ['a bad decision number', { certificate: { decisionNumber: 'QĐ 1234' } }],
      ['a lower-case decision code', { certificate: { decisionNumber: '1234/qđ-ubnd' } }],
      ['an impossible signing date', { certificate: { signedOn: '2024-02-30' } }],
      ['an unknown group', { group: 'weapons' }],
      ['a photo link instead of an upload', { images: ['https://cdn.ocop.test/p.jpg'] }],
    ])('rejects %s with 400 and writes nothing', async (_label, overrides) => {
      const before = await count('products');
      const res = await post(productBody(overrides as never));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await count('products')).toBe(before);
    });

    it('rejects a certificate signed in the future (Vietnam calendar) with 400 CERTIFICATE_INVALID', async () => {
      const before = await count('products');
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const res = await post(productBody({ certificate: { signedOn: tomorrow } })).expect(400);
      expect(res.body.code).toBe('CERTIFICATE_INVALID');
      expect(await count('products')).toBe(before);
    });

    it('an expired certificate can be drafted but not submitted (422) and never shows in browse', async () => {
      const product = await makeProduct(t, farmerA, { certificate: { signedOn: signedMonthsAgo(37) } });
      expect(product).toMatchObject({ certificateState: 'expired', sellable: false });
      const res = await t
        .http()
        .post(`/api/products/${product.id}/submit`)
        .set(authHeader(farmerA.accessToken))
        .expect(422);
      expect(res.body.code).toBe('CERTIFICATE_EXPIRED');
      const browse = await t
        .http()
        .get(`/api/products?producerId=${farmerA.producer.id}&pageSize=100`)
        .expect(200);
      expect(browse.body.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
    });
  });

  describe('mass assignment', () => {
    it.each([
      ['status', { status: 'active' }],
      ['producerId', { producerId: '00000000-0000-4000-8000-000000000000' }],
      ['ownerId', { ownerId: '00000000-0000-4000-8000-000000000000' }],
      ['verifiedAt', { verifiedAt: '2025-01-01T00:00:00Z' }],
      ['sellable', { sellable: true }],
      ['stock on PATCH', { stock: 999 }],
    ])('%s in a body is 400 and nothing changes', async (field, extra) => {
      const product = await makeProduct(t, farmerA);
      const before = await count('products');
      if (field !== 'stock on PATCH') {
        const created = await t
          .http()
          .post('/api/products')
          .set(authHeader(farmerA.accessToken))
          .send({ ...productBody(), ...extra });
        expect(created.status).toBe(400);
        expect(created.body.details.fields.map((f: { field: string }) => f.field)).toContain(
          Object.keys(extra)[0],
        );
      }
      const patched = await t
        .http()
        .patch(`/api/products/${product.id}`)
        .set(authHeader(farmerA.accessToken))
        .send({ name: 'Đổi tên', ...extra });
      expect(patched.status).toBe(400);
      expect(await count('products')).toBe(before);
      const [row] = (await t.db.query(`SELECT name, status, stock, producer_id FROM products WHERE id = $1`, [
        product.id,
      ])) as {
        name: string;
        status: string;
        stock: number;
        producer_id: string;
      }[];
      expect(row).toEqual({
        name: product.name,
        status: 'draft',
        stock: 100,
        producer_id: farmerA.producer.id,
      });
    });
  });

  describe('access', () => {
    it("farmer B cannot read, edit, submit or adjust farmer A's product (404)", async () => {
      const product = await makeProduct(t, farmerA);
      const as = authHeader(farmerB.accessToken);
      await t.http().get(`/api/products/${product.id}`).set(as).expect(404);
      expect(
        (await t.http().patch(`/api/products/${product.id}`).set(as).send({ name: 'Của tôi' }).expect(404))
          .body.code,
      ).toBe('PRODUCT_NOT_FOUND');
      await t.http().post(`/api/products/${product.id}/submit`).set(as).expect(404);
      await t
        .http()
        .post(`/api/products/${product.id}/stock-adjustments`)
        .set(as)
        .send({ delta: -1, reason: 'x' })
        .expect(404);
      const [row] = (await t.db.query(`SELECT name, status, stock FROM products WHERE id = $1`, [
        product.id,
      ])) as object[];
      expect(row).toEqual({ name: product.name, status: 'draft', stock: 100 });
    });

    it('an admin of district B cannot list, read, verify, reject or suspend a product of a producer in district A', async () => {
      const product = await makeProduct(t, farmerA);
      await submitProduct(t, farmerA, product.id);
      const as = authHeader(adminB.accessToken);
      const list = await t
        .http()
        .get('/api/admin/products?status=pending_verification&pageSize=100')
        .set(as)
        .expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
      await t.http().get(`/api/admin/products/${product.id}`).set(as).expect(404);
      await t.http().post(`/api/admin/products/${product.id}/verify`).set(as).expect(404);
      await t
        .http()
        .post(`/api/admin/products/${product.id}/reject`)
        .set(as)
        .send({ reason: 'x' })
        .expect(404);
      await t
        .http()
        .post(`/api/admin/products/${product.id}/suspend`)
        .set(as)
        .send({ reason: 'x' })
        .expect(404);
      const [row] = (await t.db.query(`SELECT status FROM products WHERE id = $1`, [product.id])) as object[];
      expect(row).toEqual({ status: 'pending_verification' });
      // The city admin above both districts can.
      const cityAdmin = await makeAdmin(t, tree.city.id);
      await t
        .http()
        .get(`/api/admin/products/${product.id}`)
        .set(authHeader(cityAdmin.accessToken))
        .expect(200);
    });

    it('a shopper or a farmer cannot call admin routes (403); a guest must sign in (401)', async () => {
      for (const user of [shopper, farmerA]) {
        const res = await t.http().get('/api/admin/products').set(authHeader(user.accessToken)).expect(403);
        expect(res.body.code).toBe('ROLE_REQUIRED');
      }
      await t.http().get('/api/admin/products').expect(401);
      await t.http().post('/api/products').send(productBody()).expect(401);
    });

    it('a signed-in user without a producer profile cannot create products (403 PRODUCER_PROFILE_REQUIRED)', async () => {
      const res = await t
        .http()
        .post('/api/products')
        .set(authHeader(shopper.accessToken))
        .send(productBody())
        .expect(403);
      expect(res.body.code).toBe('PRODUCER_PROFILE_REQUIRED');
    });
  });
});
