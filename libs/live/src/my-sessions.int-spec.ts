import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  addCohost,
  addModerator,
  authHeader,
  createTestApp,
  makeBranchTree,
  makeLineupProducts,
  makeLiveSession,
  makeSession,
  makeStreamer,
  makeUser,
  MadeUser,
  TestApp,
} from '@ocop/testing';
import type { MySessionView, SessionDetail } from './application/views';
import { LiveHttpModule } from './live-http.module';

const HOUR = 3600 * 1000;

interface MySessionsPage {
  items: MySessionView[];
  page: number;
  pageSize: number;
  total: number;
}

describe("the streamer studio's sessions (GET /api/me/sessions)", () => {
  let t: TestApp;
  let products: ProductView[];
  let me: MadeUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    const tree = await makeBranchTree(t);
    products = await makeLineupProducts(t, 2);
    me = await makeStreamer(t, tree.cellA1.id);
    const other = await makeStreamer(t, tree.communeB1.id);
    const third = await makeStreamer(t, tree.communeB2.id);

    const hosted = await makeSession(t, { host: me, products, startInMs: 1 * HOUR });
    const cancelled = await makeSession(t, { host: me, products, startInMs: 2 * HOUR });
    await t
      .http()
      .post(`/api/sessions/${cancelled.session.id}/cancel`)
      .set(authHeader(me.accessToken))
      .expect(200);
    const live = await makeLiveSession(t, { host: me, products, startInMs: 3 * HOUR });
    const cohosted = await makeSession(t, { host: other, products, startInMs: 4 * HOUR });
    await addCohost(t, cohosted, me);
    const moderated = await makeSession(t, { host: third, products, startInMs: 5 * HOUR });
    await addModerator(t, moderated, me);
    // Someone else's session without me: never listed.
    const foreign = await makeSession(t, { host: other, products, startInMs: 6 * HOUR });
    Object.assign(ids, {
      hosted: hosted.session.id,
      cancelled: cancelled.session.id,
      live: live.session.id,
      cohosted: cohosted.session.id,
      moderated: moderated.session.id,
      foreign: foreign.session.id,
    });
  }, 60_000);
  afterAll(() => t?.close());

  const mine = async (query = '', token = me.accessToken): Promise<MySessionsPage> =>
    (await t.http().get(`/api/me/sessions${query}`).set(authHeader(token)).expect(200))
      .body as MySessionsPage;

  it('lists sessions I host or am staff of, in every status, newest scheduled first, with my part', async () => {
    const page = await mine();
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 5 });
    expect(page.items.map((s) => [s.id, s.status, s.myRole])).toEqual([
      [ids.moderated, 'scheduled', 'moderator'],
      [ids.cohosted, 'scheduled', 'cohost'],
      [ids.live, 'live', 'host'],
      [ids.cancelled, 'cancelled', 'host'],
      [ids.hosted, 'scheduled', 'host'],
    ]);
    expect(page.items[2]).toMatchObject({
      hostUserId: me.id,
      hostName: me.displayName,
      lineup: products.map((p) => p.id),
      startedAt: expect.any(String),
    });
  });

  it('filters by status and pages with the usual page query', async () => {
    expect((await mine('?status=cancelled')).items.map((s) => s.id)).toEqual([ids.cancelled]);
    expect((await mine('?status=live')).items.map((s) => s.id)).toEqual([ids.live]);
    expect((await mine('?status=ended')).items).toEqual([]);
    const second = await mine('?status=scheduled&pageSize=2&page=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.items.map((s) => s.id)).toEqual([ids.hosted]);
  });

  it('a user with no sessions gets an empty page; bad queries are 400; guests are 401', async () => {
    const shopper = await makeUser(t);
    expect(await mine('', shopper.accessToken)).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
    for (const query of ['?status=upcoming', '?pageSize=1000', '?page=0', '?hostUserId=x']) {
      const res = await t.http().get(`/api/me/sessions${query}`).set(authHeader(me.accessToken));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    await t.http().get('/api/me/sessions').expect(401);
  });

  it('the session detail carries what the studio needs: status, lineup with per-buyer limits, staff', async () => {
    const first = products[0] as ProductView;
    const limited = await t
      .http()
      .patch(`/api/sessions/${ids.moderated}/lineup/${first.id}`)
      .set(authHeader(me.accessToken))
      .send({ perBuyerLimit: 2 });
    // A moderator does not run the show: only the host or a co-host sets limits.
    expect(limited.status).toBe(403);
    expect(limited.body.code).toBe('HOST_OR_COHOST_ONLY');

    const detail = (await t.http().get(`/api/sessions/${ids.cohosted}`).expect(200)).body as SessionDetail;
    expect(detail.status).toBe('scheduled');
    expect(detail.staff).toEqual([
      { userId: me.id, displayName: me.displayName, role: 'cohost', appointedAt: expect.any(String) },
    ]);
    const set = await t
      .http()
      .patch(`/api/sessions/${ids.cohosted}/lineup/${first.id}`)
      .set(authHeader(me.accessToken))
      .send({ perBuyerLimit: 2 });
    expect(set.status).toBe(200);
    const after = (await t.http().get(`/api/sessions/${ids.cohosted}`).expect(200)).body as SessionDetail;
    expect(after.lineupProducts.map((p) => [p.productId, p.perBuyerLimit])).toEqual([
      [first.id, 2],
      [products[1]?.id, null],
    ]);
    expect((await t.http().get(`/api/sessions/${ids.foreign}`).expect(200)).body.staff).toEqual([]);
  });
});
