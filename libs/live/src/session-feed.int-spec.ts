import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  BranchTree,
  createTestApp,
  makeBranchTree,
  makeLineupProducts,
  makeLiveSession,
  makeSession,
  makeStreamer,
  TestApp,
} from '@ocop/testing';
import { PresenceService } from './application/presence.service';
import type { SessionListItem } from './application/views';
import { LiveHttpModule } from './live-http.module';

const HOUR = 3600 * 1000;

// Home's feed of rooms: each card needs the viewers now, the product on show and the host's branch, in one list call.
describe("home's feed of sessions", () => {
  let t: TestApp;
  let tree: BranchTree;
  let products: ProductView[];
  let host: Awaited<ReturnType<typeof makeStreamer>>;

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    tree = await makeBranchTree(t);
    products = await makeLineupProducts(t, 3);
    host = await makeStreamer(t, tree.communeB1.id);
  });
  afterAll(() => t.close());

  const list = async (query: Record<string, string>) => {
    const res = await t
      .http()
      .get('/api/sessions')
      .query({ branchId: tree.city.id, ...query });
    expect(res.status).toBe(200);
    return res.body.items as SessionListItem[];
  };

  it("a live room's card carries its viewers now, the product pinned last and the host's branch", async () => {
    const made = await makeLiveSession(t, { host, products });
    const pin = (productId: string) =>
      t
        .http()
        .post(`/api/sessions/${made.session.id}/pins`)
        .set(authHeader(made.hostToken))
        .send({ productId });
    expect((await pin(products[0]!.id)).status).toBeLessThan(300);
    expect((await pin(products[2]!.id)).status).toBeLessThan(300);
    const presence = t.app.get(PresenceService);
    await presence.join(made.session.id, 'u:lan');
    await presence.join(made.session.id, 'g:sock-feed');

    const [card] = await list({ status: 'live' });
    expect(card).toMatchObject({
      id: made.session.id,
      viewers: 2,
      branchName: tree.communeB1.name,
      showing: {
        productId: products[2]!.id,
        name: products[2]!.name,
        priceVnd: products[2]!.priceVnd,
        pinned: true,
      },
    });

    // The session page names the branch too.
    const detail = await t.http().get(`/api/sessions/${made.session.id}`);
    expect(detail.body.branchName).toBe(tree.communeB1.name);
  });

  it("an upcoming room's card shows the lineup's first product, not pinned, and no viewers", async () => {
    const made = await makeSession(t, { host, products: [products[1]!, products[0]!], startInMs: 2 * HOUR });
    const cards = await list({ status: 'upcoming' });
    const card = cards.find((c) => c.id === made.session.id);
    expect(card).toMatchObject({
      viewers: 0,
      showing: { productId: products[1]!.id, pinned: false },
    });
  });

  it('the search finds titles with or without diacritics, every word, in any case', async () => {
    const pottery = await makeSession(t, {
      host,
      products,
      startInMs: 3 * HOUR,
      overrides: { title: 'Gốm Bát Tràng đón Tết' },
    });
    await makeSession(t, { host, products, startInMs: 4 * HOUR, overrides: { title: 'Chè Thái Nguyên' } });
    const ids = async (q: string) => (await list({ status: 'upcoming', q })).map((s) => s.id);
    expect(await ids('gom bat trang')).toEqual([pottery.session.id]);
    expect(await ids('GỐM tết')).toEqual([pottery.session.id]);
    expect(await ids('don')).toEqual([pottery.session.id]);
    expect(await ids('gom nguyen')).toEqual([]);
    // Wildcards are taken literally.
    expect(await ids('%')).toEqual([]);
  });

  it('a search longer than 200 characters is refused with a 400', async () => {
    const res = await t
      .http()
      .get('/api/sessions')
      .query({ q: 'a'.repeat(201) });
    expect(res.status).toBe(400);
  });
});
