import { randomUUID } from 'node:crypto';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  makeBranchTree,
  makeLineupProducts,
  makeLiveSession,
  makeSession,
  makeStreamer,
  MadeSession,
  MadeUser,
  TestApp,
} from '@ocop/testing';
import { LiveHttpModule } from './live-http.module';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

interface Selling {
  id: string;
  status: string;
  pinnedNow: boolean;
  replaySellsUntil: string | null;
  endedAt: string | null;
  title: string;
  hostName: string;
}
interface ProductSessions {
  productId: string;
  liveNow: Selling[];
  nextSession: Selling | null;
  replays: Selling[];
}
interface ProducerSessions {
  producerId: string;
  live: { id: string }[];
  upcoming: { id: string }[];
  replays: { id: string }[];
}

describe('where a product sells: GET /api/products/:id/sessions and /api/producers/:id/sessions', () => {
  let t: TestApp;
  let host: MadeUser;
  let products: ProductView[];
  let lonely: ProductView;
  let pinning: MadeSession;
  let lineupOnly: MadeSession;
  let soon: MadeSession;
  let later: MadeSession;
  let recent: MadeSession;
  let old: MadeSession;
  let cancelled: MadeSession;

  const as = (token: string) => authHeader(token);
  const end = async (made: MadeSession) => {
    await t.http().post(`/api/sessions/${made.session.id}/end`).set(as(made.hostToken)).expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    host = await makeStreamer(t, (await makeBranchTree(t)).communeA1.id);
    products = await makeLineupProducts(t, 3);
    [lonely] = (await makeLineupProducts(t, 1)) as [ProductView];
    const [p1, p2] = products as [ProductView, ProductView, ProductView];
    // Started first, so "latest started first" alone would list it second: it comes first because it pins p1.
    pinning = await makeLiveSession(t, { host, products: [p1, p2] });
    await t
      .http()
      .post(`/api/sessions/${pinning.session.id}/pins`)
      .set(as(pinning.hostToken))
      .send({ productId: p1.id })
      .expect(200);
    lineupOnly = await makeLiveSession(t, { host, products: [p2, p1] });
    later = await makeSession(t, { host, products: [p1], startInMs: 5 * HOUR });
    soon = await makeSession(t, { host, products: [p2, p1], startInMs: 2 * HOUR });
    cancelled = await makeSession(t, { host, products: [p1], startInMs: HOUR });
    await t.http().post(`/api/sessions/${cancelled.session.id}/cancel`).set(as(host.accessToken)).expect(200);
    recent = await makeLiveSession(t, { host, products: [p1] });
    await end(recent);
    old = await makeLiveSession(t, { host, products: [p1] });
    await end(old);
    // Its replay stopped selling a day ago.
    await t.db.query(`UPDATE live_sessions SET ended_at = now() - interval '8 days' WHERE id = $1`, [
      old.session.id,
    ]);
  }, 120_000);
  afterAll(() => t?.close());

  const productSessions = async (id: string) =>
    (await t.http().get(`/api/products/${id}/sessions`).expect(200)).body as ProductSessions;

  it('lists the live rooms selling the product (the one showing it now first), the next session and the open replays', async () => {
    const p1 = products[0] as ProductView;
    const body = await productSessions(p1.id);
    expect(body.productId).toBe(p1.id);
    expect(body.liveNow.map((s) => [s.id, s.status, s.pinnedNow])).toEqual([
      [pinning.session.id, 'live', true],
      [lineupOnly.session.id, 'live', false],
    ]);
    expect(body.liveNow[0]).toMatchObject({ title: pinning.session.title, hostName: host.displayName });
    // The soonest scheduled one; the cancelled session (sooner still) never shows.
    expect(body.nextSession).toMatchObject({ id: soon.session.id, status: 'scheduled', pinnedNow: false });
    expect(body.nextSession?.id).not.toBe(later.session.id);
    // Only the replay that ended less than 7 days ago still sells, with the instant it stops.
    expect(body.replays.map((s) => s.id)).toEqual([recent.session.id]);
    const replay = body.replays[0] as Selling;
    expect(replay.status).toBe('ended');
    expect(Date.parse(replay.replaySellsUntil as string) - Date.parse(replay.endedAt as string)).toBe(
      7 * DAY,
    );
  });

  it('says nothing is live when only the lineup has it, and the pin moves the room first once the host shows it', async () => {
    const p2 = products[1] as ProductView;
    let body = await productSessions(p2.id);
    expect(body.liveNow.map((s) => s.pinnedNow)).toEqual([false, false]);
    await t
      .http()
      .post(`/api/sessions/${lineupOnly.session.id}/pins`)
      .set(as(lineupOnly.hostToken))
      .send({ productId: p2.id })
      .expect(200);
    body = await productSessions(p2.id);
    expect(body.liveNow.map((s) => [s.id, s.pinnedNow])).toEqual([
      [lineupOnly.session.id, true],
      [pinning.session.id, false],
    ]);
    expect(body.nextSession?.id).toBe(soon.session.id);
    expect(body.replays).toEqual([]);
  });

  it('answers empty lists for a product no session sells', async () => {
    expect(await productSessions(lonely.id)).toEqual({
      productId: lonely.id,
      liveNow: [],
      nextSession: null,
      replays: [],
    });
  });

  it('refuses unknown products with 404 and malformed ids with 400; a product not for sale is unknown', async () => {
    const unknown = await t.http().get(`/api/products/${randomUUID()}/sessions`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    const malformed = await t.http().get('/api/products/not-an-id/sessions');
    expect(malformed.status).toBe(400);
    await t.db.query(`UPDATE products SET status = 'suspended' WHERE id = $1`, [lonely.id]);
    expect((await t.http().get(`/api/products/${lonely.id}/sessions`)).status).toBe(404);
  });

  it("lists a producer's sessions: live, upcoming (soonest first) and replays (latest first), never cancelled ones", async () => {
    const p1 = products[0] as ProductView;
    const res = await t.http().get(`/api/producers/${p1.producerId}/sessions`).expect(200);
    const body = res.body as ProducerSessions;
    expect(body.producerId).toBe(p1.producerId);
    expect(body.live.map((s) => s.id).sort()).toEqual([pinning.session.id, lineupOnly.session.id].sort());
    expect(body.upcoming.map((s) => s.id)).toEqual([soon.session.id, later.session.id]);
    expect(body.replays.map((s) => s.id)).toEqual([recent.session.id, old.session.id]);

    const other = await t.http().get(`/api/producers/${lonely.producerId}/sessions`).expect(200);
    expect(other.body).toEqual({ producerId: lonely.producerId, live: [], upcoming: [], replays: [] });
    const unknown = await t.http().get(`/api/producers/${randomUUID()}/sessions`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'PRODUCER_NOT_FOUND' });
  });
});
