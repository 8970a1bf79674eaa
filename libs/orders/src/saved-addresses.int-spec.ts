import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  checkoutBody,
  createTestApp,
  deliveryAddress,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeUser,
  MadeUser,
  postCheckout,
  TestApp,
} from '@ocop/testing';
import type { SavedAddressView } from './application/saved-addresses.service';
import { MAX_SAVED_ADDRESSES } from './domain';
import { OrdersHttpModule } from './orders-http.module';

describe('saved shipping addresses (/api/me/addresses)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
    });
    // Listen once, so that concurrent supertest requests share one server instead of each binding it.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => t?.close());

  const list = async (user: MadeUser) => {
    const res = await t.http().get('/api/me/addresses').set(authHeader(user.accessToken)).expect(200);
    return res.body as SavedAddressView[];
  };
  const save = (user: MadeUser, body: object) =>
    t.http().post('/api/me/addresses').set(authHeader(user.accessToken)).send(body);
  const edit = (user: MadeUser, id: string, body: object) =>
    t.http().patch(`/api/me/addresses/${id}`).set(authHeader(user.accessToken)).send(body);
  const remove = (user: MadeUser, id: string) =>
    t.http().delete(`/api/me/addresses/${id}`).set(authHeader(user.accessToken));

  it('saves a normalized address like a checkout does; the first one is the default', async () => {
    const shopper = await makeUser(t);
    expect(await list(shopper)).toEqual([]);

    const res = await save(shopper, {
      recipientName: '  Trần   Văn Minh ',
      phone: '+84 912 345 678',
      province: 'Ha Noi',
      ward: 'Phường Hoàn Kiếm',
      street: 'Số 12 Hàng Bạc',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      recipientName: 'Trần Văn Minh',
      phone: '+84912345678',
      provinceCode: 'ha-noi',
      provinceName: 'Hà Nội',
      ward: 'Phường Hoàn Kiếm',
      street: 'Số 12 Hàng Bạc',
      isDefault: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    // `commune` is accepted for the ward, as at checkout; a later address is not the default unless asked.
    const second = await save(shopper, deliveryAddress({ commune: 'Xã Bát Tràng', street: 'Thôn 3' }));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ ward: 'Xã Bát Tràng', isDefault: false });
    expect((await list(shopper)).map((a) => [a.id, a.isDefault])).toEqual([
      [res.body.id, true],
      [second.body.id, false],
    ]);
  });

  it('refuses what a checkout refuses: bad fields per field (ADDRESS_INVALID), unknown fields, wrong types', async () => {
    const shopper = await makeUser(t);
    const bad = await save(shopper, deliveryAddress({ phone: '0123', province: 'Atlantis', street: 'x' }));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ADDRESS_INVALID');
    expect(Object.keys(bad.body.details.fields as object).sort()).toEqual(['phone', 'province', 'street']);

    const unknown = await save(shopper, { ...deliveryAddress(), userId: shopper.id });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('VALIDATION_FAILED');
    const wrongType = await save(shopper, { ...deliveryAddress(), isDefault: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
    const missing = await save(shopper, { recipientName: 'Nguyễn Thị Lan' });
    expect(missing.status).toBe(400);
    expect(await list(shopper)).toEqual([]);
    await t.http().get('/api/me/addresses').expect(401);
  });

  it('making another address the default moves the flag; the default cannot be switched off by itself', async () => {
    const shopper = await makeUser(t);
    const a = (await save(shopper, deliveryAddress({ street: 'Số 1 Hàng Bạc' })).expect(201))
      .body as SavedAddressView;
    const b = (await save(shopper, deliveryAddress({ street: 'Số 2 Hàng Bạc' })).expect(201))
      .body as SavedAddressView;
    const c = (
      await save(shopper, { ...deliveryAddress({ street: 'Số 3 Hàng Bạc' }), isDefault: true }).expect(201)
    ).body as SavedAddressView;
    expect((await list(shopper)).filter((x) => x.isDefault).map((x) => x.id)).toEqual([c.id]);

    const made = await edit(shopper, b.id, { isDefault: true });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ id: b.id, isDefault: true, street: 'Số 2 Hàng Bạc' });
    expect((await list(shopper)).map((x) => [x.id, x.isDefault])).toEqual([
      [b.id, true],
      [c.id, false],
      [a.id, false],
    ]);

    const off = await edit(shopper, b.id, { isDefault: false });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('DEFAULT_ADDRESS_REQUIRED');
    expect((await edit(shopper, a.id, { isDefault: false })).status).toBe(200);
  });

  it('edits some fields, validating the whole address again', async () => {
    const shopper = await makeUser(t);
    const a = (await save(shopper, deliveryAddress()).expect(201)).body as SavedAddressView;
    const res = await edit(shopper, a.id, {
      phone: '0987654321',
      commune: 'phuong thuan hoa',
      province: 'hue',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: a.id,
      recipientName: a.recipientName,
      phone: '+84987654321',
      provinceCode: 'hue',
      ward: 'Phường Thuận Hóa',
      street: a.street,
      isDefault: true,
    });
    const bad = await edit(shopper, a.id, { recipientName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('ADDRESS_INVALID');
    expect(Object.keys(bad.body.details.fields as object)).toEqual(['recipientName']);
    expect((await edit(shopper, a.id, { status: 'x' })).status).toBe(400);
    expect((await list(shopper))[0]).toMatchObject({ phone: '+84987654321', recipientName: a.recipientName });
  });

  it('deleting the default makes the newest remaining address the default; the book can be emptied', async () => {
    const shopper = await makeUser(t);
    const a = (await save(shopper, deliveryAddress({ street: 'Số 1 Hàng Bạc' })).expect(201))
      .body as SavedAddressView;
    const b = (await save(shopper, deliveryAddress({ street: 'Số 2 Hàng Bạc' })).expect(201))
      .body as SavedAddressView;
    const c = (await save(shopper, deliveryAddress({ street: 'Số 3 Hàng Bạc' })).expect(201))
      .body as SavedAddressView;
    await remove(shopper, a.id).expect(204);
    expect((await list(shopper)).map((x) => [x.id, x.isDefault])).toEqual([
      [c.id, true],
      [b.id, false],
    ]);
    await remove(shopper, b.id).expect(204);
    await remove(shopper, c.id).expect(204);
    expect(await list(shopper)).toEqual([]);
    const gone = await remove(shopper, c.id);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('SAVED_ADDRESS_NOT_FOUND');
  });

  it("another user's address answers 404 to every verb and stays untouched; a malformed id is a 400", async () => {
    const owner = await makeUser(t);
    const other = await makeUser(t);
    const a = (await save(owner, deliveryAddress()).expect(201)).body as SavedAddressView;
    for (const res of [await edit(other, a.id, { street: 'Số 99 Hàng Bạc' }), await remove(other, a.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SAVED_ADDRESS_NOT_FOUND');
    }
    expect(await list(other)).toEqual([]);
    expect((await list(owner))[0]).toMatchObject({ id: a.id, street: a.street });
    expect((await edit(owner, 'not-a-uuid', { street: 'Số 1 Hàng Bạc' })).status).toBe(400);
  });

  it(`keeps at most ${MAX_SAVED_ADDRESSES}, even when many are saved at the same moment, with exactly one default`, async () => {
    const shopper = await makeUser(t);
    const answers = await Promise.all(
      Array.from({ length: MAX_SAVED_ADDRESSES + 5 }, (_, i) =>
        save(shopper, deliveryAddress({ street: `Số ${i + 1} Hàng Bạc` })),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(MAX_SAVED_ADDRESSES);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({
        code: 'SAVED_ADDRESS_LIMIT_REACHED',
        details: { limit: MAX_SAVED_ADDRESSES },
      });
    }
    const book = await list(shopper);
    expect(book).toHaveLength(MAX_SAVED_ADDRESSES);
    expect(book.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('a checkout with saveAddress keeps its address once; without it nothing is saved', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const product = await makeActiveProduct(t, { farmer, admin, stock: 10 });
    const made = await makeLiveSession(t, { products: [product] });
    const buyer = await makeUser(t);
    const address = deliveryAddress({ recipientName: 'Lê Thị Hoa', street: 'Số 5 Hàng Mã' });

    const plain = checkoutBody([{ productId: product.id }], { sessionId: made.session.id, address });
    expect((await postCheckout(t, buyer.accessToken, plain)).status).toBe(201);
    expect(await list(buyer)).toEqual([]);

    const saving = { ...plain, saveAddress: true };
    expect((await postCheckout(t, buyer.accessToken, saving)).status).toBe(201);
    // The same address again (written differently) is not kept twice.
    const again = {
      ...saving,
      address: { ...address, phone: '+84 912 345 678', recipientName: 'lê thị hoa' },
    };
    expect((await postCheckout(t, buyer.accessToken, again)).status).toBe(201);
    const book = await list(buyer);
    expect(book).toEqual([
      expect.objectContaining({
        recipientName: 'Lê Thị Hoa',
        phone: '+84912345678',
        street: 'Số 5 Hàng Mã',
        isDefault: true,
      }),
    ]);
    expect((await postCheckout(t, buyer.accessToken, { ...plain, saveAddress: 'yes' })).status).toBe(400);
  });
});
