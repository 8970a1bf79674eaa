import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  addCohost,
  addModerator,
  authHeader,
  collectSocketEvents,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeSession,
  makeUser,
  nextSocketEvent,
  socketInTestRoom,
  TestApp,
  TestRoomModule,
} from '@ocop/testing';
import type { PinsStock, PinsUpdate } from './live.events';
import { LiveFacade } from './application/live.facade';
import type { SessionView } from './application/views';
import { LiveHttpModule } from './live-http.module';

describe('pinned products', () => {
  let t: TestApp;
  let farmer: Farmer;
  let admin: MadeUser;
  let products: ProductView[];

  beforeAll(async () => {
    t = await createTestApp({
      imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule, TestRoomModule],
      websockets: true,
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    products = [];
    for (let i = 0; i < 5; i++) products.push(await makeActiveProduct(t, { farmer, admin, stock: 50 + i }));
  });
  afterAll(() => t.close());

  const pin = (session: SessionView, token: string, productId: string) =>
    t.http().post(`/api/sessions/${session.id}/pins`).set(authHeader(token)).send({ productId });

  it('the host pins up to 3 lineup products; the 4th is refused with 409 PIN_LIMIT_REACHED', async () => {
    const made = await makeLiveSession(t, { products });
    for (const p of products.slice(0, 3))
      expect((await pin(made.session, made.hostToken, p.id)).status).toBe(200);
    const again = await pin(made.session, made.hostToken, products[0]!.id);
    expect(again.status).toBe(200);
    expect(again.body).toHaveLength(3);
    const fourth = await pin(made.session, made.hostToken, products[3]!.id);
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: 'PIN_LIMIT_REACHED', details: { limit: 3 } });

    const unpinned = await t
      .http()
      .delete(`/api/sessions/${made.session.id}/pins/${products[1]!.id}`)
      .set(authHeader(made.hostToken));
    expect(unpinned.status).toBe(200);
    expect(unpinned.body.map((c: { productId: string }) => c.productId)).toEqual([
      products[0]!.id,
      products[2]!.id,
    ]);
    expect((await pin(made.session, made.hostToken, products[3]!.id)).status).toBe(200);
  });

  it('two co-hosts racing for the last slot: exactly one wins', async () => {
    const made = await makeLiveSession(t, { products });
    const cohost = await makeUser(t);
    await addCohost(t, made, cohost);
    await pin(made.session, made.hostToken, products[0]!.id);
    await pin(made.session, made.hostToken, products[1]!.id);
    const results = await Promise.all([
      pin(made.session, made.hostToken, products[2]!.id),
      pin(made.session, cohost.accessToken, products[3]!.id),
      pin(made.session, cohost.accessToken, products[4]!.id),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.app.get(LiveFacade).pins(made.session.id)).toHaveLength(3);
  });

  it('a product outside the lineup is 422; a viewer or moderator cannot pin (403); an ended session is closed', async () => {
    const made = await makeLiveSession(t, { products: products.slice(0, 2) });
    const outside = await pin(made.session, made.hostToken, products[4]!.id);
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('PRODUCT_NOT_IN_LINEUP');
    const viewer = await makeUser(t);
    const moderator = await makeUser(t);
    await addModerator(t, made, moderator);
    for (const who of [viewer, moderator]) {
      const res = await pin(made.session, who.accessToken, products[0]!.id);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('HOST_OR_COHOST_ONLY');
    }
    expect(
      (await t.http().post(`/api/sessions/${made.session.id}/pins`).send({ productId: products[0]!.id }))
        .status,
    ).toBe(401);
    await t.http().post(`/api/sessions/${made.session.id}/end`).set(authHeader(made.hostToken));
    const closed = await pin(made.session, made.hostToken, products[0]!.id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('SESSION_CLOSED');
  });

  it('a scheduled session can be pinned before it starts', async () => {
    const made = await makeSession(t, { products: products.slice(0, 2) });
    expect((await pin(made.session, made.hostToken, products[0]!.id)).status).toBe(200);
  });

  it('the room hears pins:update with full cards, and a stock adjustment of a pinned product within 1 s', async () => {
    const made = await makeLiveSession(t, { products });
    const guest = await socketInTestRoom(t, made.session.id);
    const signedIn = await socketInTestRoom(t, made.session.id, (await makeUser(t)).accessToken);
    const elsewhere = await socketInTestRoom(t, '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b');
    const { items: strayUpdates } = collectSocketEvents(elsewhere, 'pins:update');

    const heard = Promise.all([
      nextSocketEvent<PinsUpdate>(guest, 'pins:update'),
      nextSocketEvent<PinsUpdate>(signedIn, 'pins:update'),
    ]);
    expect((await pin(made.session, made.hostToken, products[2]!.id)).status).toBe(200);
    const [update] = await heard;
    const product = products[2]!;
    expect(update).toEqual({
      sessionId: made.session.id,
      pins: [
        {
          productId: product.id,
          name: product.name,
          producerId: product.producerId,
          producerName: product.producer.name,
          priceVnd: product.priceVnd,
          stars: product.certificate.stars,
          group: product.group,
          certificate: {
            decisionNumber: product.certificate.decisionNumber,
            issuingBody: product.certificate.issuingBody,
            signedOn: product.certificate.signedOn,
            expiresOn: product.certificate.expiresOn,
          },
          stock: product.stock,
          image: product.photos[0] ?? null,
          pinnedAt: expect.any(String),
        },
      ],
    });

    const stockHeard = nextSocketEvent<PinsStock>(guest, 'pins:stock', undefined, 1000);
    const startedAt = Date.now();
    const adjusted = await t
      .http()
      .post(`/api/products/${product.id}/stock-adjustments`)
      .set(authHeader(farmer.accessToken))
      .send({ delta: -7, reason: 'Bán tại chợ' });
    expect(adjusted.status).toBe(201);
    expect(await stockHeard).toEqual({
      sessionId: made.session.id,
      productId: product.id,
      stock: adjusted.body.stock,
    });
    expect(Date.now() - startedAt).toBeLessThan(1000);

    // An unpinned product's stock changes are not pushed.
    const { items: unpinnedStock } = collectSocketEvents(guest, 'pins:stock');
    await t
      .http()
      .post(`/api/products/${products[3]!.id}/stock-adjustments`)
      .set(authHeader(farmer.accessToken))
      .send({ delta: 1, reason: 'Nhập thêm' });
    const unpinHeard = nextSocketEvent<PinsUpdate>(guest, 'pins:update');
    await t
      .http()
      .delete(`/api/sessions/${made.session.id}/pins/${product.id}`)
      .set(authHeader(made.hostToken));
    expect((await unpinHeard).pins).toEqual([]);
    expect(unpinnedStock).toEqual([]);
    expect(strayUpdates).toEqual([]);
  });

  it('the facade gives chat the session, roles and pins', async () => {
    const made = await makeLiveSession(t, { products: products.slice(0, 2) });
    const cohost = await makeUser(t);
    const moderator = await makeUser(t);
    await addCohost(t, made, cohost);
    await addModerator(t, made, moderator);
    await pin(made.session, made.hostToken, products[1]!.id);
    const facade = t.app.get(LiveFacade);
    expect(await facade.findSession(made.session.id)).toMatchObject({ id: made.session.id, status: 'live' });
    expect(await facade.findSession('0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b')).toBeNull();
    expect(await facade.findSession('not-a-uuid')).toBeNull();
    expect(await facade.roleOf(made.session.id, made.host.id)).toBe('host');
    expect(await facade.roleOf(made.session.id, cohost.id)).toBe('cohost');
    expect(await facade.roleOf(made.session.id, moderator.id)).toBe('moderator');
    expect(await facade.roleOf(made.session.id, (await makeUser(t)).id)).toBe('viewer');
    expect(await facade.roleOf(made.session.id, null)).toBe('viewer');
    expect((await facade.pins(made.session.id)).map((p) => p.productId)).toEqual([products[1]!.id]);
  });
});
