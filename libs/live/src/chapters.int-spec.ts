import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { FixedClock } from '@ocop/kernel';
import {
  authHeader,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeStreamer,
  TestApp,
} from '@ocop/testing';
import { StreamIngestService } from './application/stream-ingest.service';
import { LiveHttpModule } from './live-http.module';

interface ChaptersBody {
  sessionId: string;
  recordingStartedAt: string | null;
  chapters: { productId: string; name: string; image: { src: string } | null; offsetSeconds: number }[];
}

describe('replay chapters from the pin history', () => {
  let t: TestApp;
  let farmer: Farmer;
  let admin: MadeUser;
  let host: MadeUser;
  let products: ProductView[];
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule], clock });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    host = await makeStreamer(t, tree.communeA1.id);
    products = [];
    for (let i = 0; i < 3; i++) products.push(await makeActiveProduct(t, { farmer, admin, stock: 20 }));
  });
  afterAll(() => t.close());

  const pin = (sessionId: string, token: string, productId: string) =>
    t.http().post(`/api/sessions/${sessionId}/pins`).set(authHeader(token)).send({ productId });
  const unpin = (sessionId: string, token: string, productId: string) =>
    t.http().delete(`/api/sessions/${sessionId}/pins/${productId}`).set(authHeader(token));
  const chapters = async (sessionId: string) => {
    const res = await t.http().get(`/api/sessions/${sessionId}/chapters`);
    expect(res.status).toBe(200);
    return res.body as ChaptersBody;
  };

  it('a replay jumps to where the host pinned each product, counted from the first segment', async () => {
    const made = await makeLiveSession(t, { host, products });
    const id = made.session.id;
    const [vase, tea, honey] = products as [ProductView, ProductView, ProductView];
    // Pinned a moment before the stream came up: the video starts on it.
    expect((await pin(id, made.hostToken, vase.id)).status).toBe(200);
    clock.advance(5_000);
    // The host's OBS connects (the stream row comes with the key) and the media app writes the first segment.
    expect((await t.http().get(`/api/sessions/${id}/stream`).set(authHeader(made.hostToken))).status).toBe(
      200,
    );
    const recordingStart = clock.now();
    await t.app.get(StreamIngestService).recordingStarted(id, recordingStart);

    clock.advance(42_500);
    expect((await unpin(id, made.hostToken, vase.id)).status).toBe(200);
    expect((await pin(id, made.hostToken, tea.id)).status).toBe(200);
    clock.advance(60_000);
    expect((await pin(id, made.hostToken, honey.id)).status).toBe(200);
    clock.advance(1_000);
    // Unpinned and pinned again straight away: still the same chapter.
    expect((await unpin(id, made.hostToken, honey.id)).status).toBe(200);
    expect((await pin(id, made.hostToken, honey.id)).status).toBe(200);

    const body = await chapters(id);
    expect(body.recordingStartedAt).toBe(recordingStart.toISOString());
    expect(body.chapters.map((c) => [c.productId, c.name, c.offsetSeconds])).toEqual([
      [vase.id, vase.name, 0],
      [tea.id, tea.name, 42.5],
      [honey.id, honey.name, 102.5],
    ]);
    for (const chapter of body.chapters) {
      const product = products.find((p) => p.id === chapter.productId);
      expect(chapter.image?.src ?? null).toBe(product?.photos[0]?.src ?? null);
    }
  });

  it('no recording, no chapters; an unknown session is 404 and a malformed id 400', async () => {
    const made = await makeLiveSession(t, { host, products });
    expect((await pin(made.session.id, made.hostToken, products[0]!.id)).status).toBe(200);
    expect(await chapters(made.session.id)).toEqual({
      sessionId: made.session.id,
      recordingStartedAt: null,
      chapters: [],
    });
    const missing = await t.http().get('/api/sessions/3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b/chapters');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SESSION_NOT_FOUND');
    expect((await t.http().get('/api/sessions/not-a-uuid/chapters')).status).toBe(400);
  });

  it("a replay names the host's session that is live now; nothing when the host is off air", async () => {
    const other = await makeStreamer(t, (await makeBranchTree(t)).communeA1.id);
    const first = await makeLiveSession(t, { host: other, products });
    expect(
      (await t.http().post(`/api/sessions/${first.session.id}/end`).set(authHeader(first.hostToken))).status,
    ).toBe(200);
    const detail = async () =>
      (await t.http().get(`/api/sessions/${first.session.id}`)).body as {
        hostLiveSessionId: string | null;
      };
    expect((await detail()).hostLiveSessionId).toBeNull();

    const again = await makeLiveSession(t, { host: other, products });
    expect((await detail()).hostLiveSessionId).toBe(again.session.id);
    // The live session itself does not point at itself.
    const live = await t.http().get(`/api/sessions/${again.session.id}`);
    expect(live.body.hostLiveSessionId).toBeNull();
  });
});
