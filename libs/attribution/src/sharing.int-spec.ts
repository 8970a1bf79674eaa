import { randomUUID } from 'node:crypto';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { FixedClock } from '@ocop/kernel';
import { LiveHttpModule } from '@ocop/live';
import {
  authHeader,
  createTestApp,
  MadeSession,
  MadeUser,
  makeBranchTree,
  makeLineupProducts,
  makeSession,
  makeStreamer,
  makeUser,
  TestApp,
} from '@ocop/testing';
import { AttributionHttpModule } from './attribution-http.module';
import { REFERRAL_CODE_RE, SHARE_CODE_RE } from './application/sharing-rules';
import { ShareLinkView } from './application/views';

const HOUR = 3_600_000;

describe('referral codes and share links over HTTP', () => {
  let t: TestApp;
  let streamer: MadeUser;
  let shopper: MadeUser;
  let made: MadeSession;
  const clock = new FixedClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({
      imports: [AttributionHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      clock,
    });
    const tree = await makeBranchTree(t);
    streamer = await makeStreamer(t, tree.communeA1.id, { displayName: 'Nguyễn Thị Lan' });
    shopper = await makeUser(t);
    made = await makeSession(t, { host: streamer, productCount: 2 });
    // Listen once, so that concurrent supertest requests share one server instead of each binding it.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(() => t?.close());

  const as = (user: MadeUser) => authHeader(user.accessToken);
  const linksOf = async (userId: string) =>
    (
      (await t.db.query(`SELECT count(*)::int AS n FROM share_links WHERE streamer_user_id = $1`, [
        userId,
      ])) as {
        n: number;
      }[]
    )[0]?.n;

  describe('GET /api/me/referral-code', () => {
    it('gives a streamer one code for good, made on the first call, even when that call is made many times at once', async () => {
      const fresh = await makeStreamer(t, (await makeBranchTree(t)).cellB1.id);
      const first = await Promise.all(
        Array.from({ length: 8 }, () => t.http().get('/api/me/referral-code').set(as(fresh))),
      );
      expect(first.map((r) => r.status)).toEqual(Array(8).fill(200));
      const codes = new Set(first.map((r) => (r.body as { code: string }).code));
      expect(codes.size).toBe(1);
      const [code] = [...codes] as [string];
      expect(code).toMatch(REFERRAL_CODE_RE);
      const again = await t.http().get('/api/me/referral-code').set(as(fresh)).expect(200);
      expect(again.body).toEqual({ code });
      expect(await t.db.query(`SELECT code FROM referral_codes WHERE user_id = $1`, [fresh.id])).toEqual([
        { code },
      ]);
      const other = await t.http().get('/api/me/referral-code').set(as(streamer)).expect(200);
      expect((other.body as { code: string }).code).not.toBe(code);
    });

    it('is for streamers only: 403 for another role, 401 without a token', async () => {
      const res = await t.http().get('/api/me/referral-code').set(as(shopper));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'ROLE_REQUIRED' });
      expect((await t.http().get('/api/me/referral-code')).status).toBe(401);
      expect(await t.db.query(`SELECT 1 FROM referral_codes WHERE user_id = $1`, [shopper.id])).toEqual([]);
    });
  });

  describe('POST /api/share-links and GET /api/me/share-links', () => {
    it('shares a product of the lineup inside a session, a session, or a product, and lists them newest first', async () => {
      const [p1, p2] = made.products;
      const both = await t
        .http()
        .post('/api/share-links')
        .set(as(streamer))
        .send({ sessionId: made.session.id, productId: p1?.id })
        .expect(201);
      const link = both.body as ShareLinkView;
      expect(link).toEqual({
        code: expect.stringMatching(SHARE_CODE_RE),
        url: `/s/${link.code}`,
        sessionId: made.session.id,
        productId: p1?.id,
        createdAt: clock.now().toISOString(),
      });
      clock.advance(HOUR);
      const session = await t
        .http()
        .post('/api/share-links')
        .set(as(streamer))
        .send({ sessionId: made.session.id })
        .expect(201);
      expect(session.body).toMatchObject({ sessionId: made.session.id, productId: null });
      clock.advance(HOUR);
      const product = await t
        .http()
        .post('/api/share-links')
        .set(as(streamer))
        .send({ productId: p2?.id })
        .expect(201);
      expect(product.body).toMatchObject({ sessionId: null, productId: p2?.id });

      const list = await t.http().get('/api/me/share-links').set(as(streamer)).expect(200);
      expect(list.body).toEqual({
        items: [product.body, session.body, both.body],
        page: 1,
        pageSize: 20,
        total: 3,
      });
      const second = await t
        .http()
        .get('/api/me/share-links?page=2&pageSize=1')
        .set(as(streamer))
        .expect(200);
      expect(second.body).toMatchObject({ items: [session.body], page: 2, pageSize: 1, total: 3 });
    });

    it('refuses bad input with a coded 4xx and writes nothing', async () => {
      const before = await linksOf(streamer.id);
      const otherProduct = (await makeLineupProducts(t, 1))[0];
      const cases: [object | string, number, string][] = [
        [{}, 400, 'SHARE_LINK_TARGET_REQUIRED'],
        [
          { sessionId: made.session.id, productId: otherProduct?.id },
          422,
          'SHARE_LINK_PRODUCT_NOT_IN_LINEUP',
        ],
        [{ sessionId: randomUUID() }, 404, 'SHARE_LINK_SESSION_NOT_FOUND'],
        [{ productId: randomUUID() }, 404, 'SHARE_LINK_PRODUCT_NOT_FOUND'],
        [{ sessionId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
        [{ sessionId: 42 }, 400, 'VALIDATION_FAILED'],
        [{ productId: [otherProduct?.id] }, 400, 'VALIDATION_FAILED'],
        [{ productId: otherProduct?.id, streamerUserId: shopper.id }, 400, 'VALIDATION_FAILED'],
        [{ productId: otherProduct?.id, code: 'my-own-code' }, 400, 'VALIDATION_FAILED'],
        ['[]', 400, 'VALIDATION_FAILED'],
      ];
      for (const [body, status, code] of cases) {
        const req = t.http().post('/api/share-links').set(as(streamer));
        const res =
          typeof body === 'string'
            ? await req.set('Content-Type', 'application/json').send(body)
            : await req.send(body);
        expect({ body, status: res.status, code: (res.body as { code: string }).code }).toEqual({
          body,
          status,
          code,
        });
      }
      expect(await linksOf(streamer.id)).toBe(before);
    });

    it('is for streamers only: 403 for another role, 401 without a token', async () => {
      const body = { sessionId: made.session.id };
      const res = await t.http().post('/api/share-links').set(as(shopper)).send(body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'ROLE_REQUIRED' });
      expect((await t.http().post('/api/share-links').send(body)).status).toBe(401);
      expect((await t.http().get('/api/me/share-links').set(as(shopper))).status).toBe(403);
      expect((await t.http().get('/api/me/share-links?pageSize=0').set(as(streamer))).status).toBe(400);
      expect((await t.http().get('/api/me/share-links?sort=code').set(as(streamer))).status).toBe(400);
      expect(await linksOf(shopper.id)).toBe(0);
    });
  });

  describe('GET /api/share-links/:code', () => {
    it("opens for anyone with the streamer's given name; a signed-in visit is remembered from the first time", async () => {
      const created = await t
        .http()
        .post('/api/share-links')
        .set(as(streamer))
        .send({ sessionId: made.session.id, productId: made.products[0]?.id })
        .expect(201);
      const { code } = created.body as ShareLinkView;
      const expected = {
        code,
        streamerFirstName: 'Lan',
        sessionId: made.session.id,
        productId: made.products[0]?.id,
      };
      const visits = () =>
        t.db.query(
          `SELECT user_id, first_visited_at, last_visited_at FROM share_link_visits WHERE code = $1`,
          [code],
        );

      expect((await t.http().get(`/api/share-links/${code}`).expect(200)).body).toEqual(expected);
      expect(await visits()).toEqual([]);

      const firstAt = clock.now();
      expect((await t.http().get(`/api/share-links/${code}`).set(as(shopper)).expect(200)).body).toEqual(
        expected,
      );
      clock.advance(2 * HOUR);
      await t.http().get(`/api/share-links/${code}`).set(as(shopper)).expect(200);
      expect(await visits()).toEqual([
        { user_id: shopper.id, first_visited_at: firstAt, last_visited_at: clock.now() },
      ]);
    });

    it('answers 404 for an unknown code and 400 for a malformed one', async () => {
      const unknown = await t.http().get('/api/share-links/nosuchlink42').set(as(shopper));
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'SHARE_LINK_NOT_FOUND' });
      for (const bad of ['abc', 'x'.repeat(33), 'has%20space', 'semi%3Bcolon']) {
        const res = await t.http().get(`/api/share-links/${bad}`);
        expect({ bad, status: res.status, code: (res.body as { code: string }).code }).toEqual({
          bad,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });
  });
});
