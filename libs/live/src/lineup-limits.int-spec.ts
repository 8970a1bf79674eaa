import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import {
  addCohost,
  authHeader,
  createTestApp,
  makeLineupProducts,
  makeLiveSession,
  makeSession,
  makeShoppersFast,
  makeStreamer,
  makeBranchTree,
  makeUser,
  sessionBody,
  TestApp,
} from '@ocop/testing';
import type { QuotaTake } from './application/deal-units.service';
import { LiveFacade } from './application/live.facade';
import type { LineupCard, SessionDetail } from './application/views';
import { LiveHttpModule } from './live-http.module';

const UNKNOWN = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';

describe('per-buyer limits of lineup products', () => {
  let t: TestApp;
  let products: ProductView[];
  let facade: LiveFacade;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      config: { DATABASE_POOL_SIZE: 30 },
    });
    products = await makeLineupProducts(t, 3);
    facade = t.app.get(LiveFacade);
    tx = t.app.get(TransactionRunner);
  }, 60_000);
  afterAll(() => t.close());

  const detail = async (sessionId: string) =>
    (await t.http().get(`/api/sessions/${sessionId}`)).body as SessionDetail;
  const limitsOf = async (sessionId: string) =>
    Object.fromEntries((await detail(sessionId)).lineupProducts.map((c) => [c.productId, c.perBuyerLimit]));
  const setLimit = (sessionId: string, productId: string, token: string, body: object) =>
    t.http().patch(`/api/sessions/${sessionId}/lineup/${productId}`).set(authHeader(token)).send(body);
  const quota = (sessionId: string, productId: string, buyerUserId: string, quantity: number) =>
    tx.run((em) => facade.takeListingQuota(em, { sessionId, productId, buyerUserId, quantity }));
  const [a, b, c] = [0, 1, 2].map((i) => () => products[i]!);

  it('the host sets limits when scheduling; lineup cards show "max N per person"; edits keep or change them', async () => {
    const host = await makeStreamer(t, (await makeBranchTree(t)).communeA1.id);
    const created = await t
      .http()
      .post('/api/sessions')
      .set(authHeader(host.accessToken))
      .send({
        ...sessionBody([a().id, b().id]),
        perBuyerLimits: [
          { productId: a().id, perBuyerLimit: 2 },
          { productId: b().id, perBuyerLimit: null },
        ],
      });
    expect(created.status).toBe(201);
    const sessionId = created.body.id as string;
    expect(await limitsOf(sessionId)).toEqual({ [a().id]: 2, [b().id]: null });

    // A title edit keeps the limits; a lineup edit keeps those of products that stay and takes new ones.
    const patch = (body: object) =>
      t.http().patch(`/api/sessions/${sessionId}`).set(authHeader(host.accessToken)).send(body);
    expect((await patch({ title: 'Phiên mới' })).status).toBe(200);
    expect(await limitsOf(sessionId)).toEqual({ [a().id]: 2, [b().id]: null });
    expect(
      (
        await patch({
          lineup: [c().id, a().id],
          perBuyerLimits: [{ productId: c().id, perBuyerLimit: 5 }],
        })
      ).status,
    ).toBe(200);
    expect(await limitsOf(sessionId)).toEqual({ [c().id]: 5, [a().id]: 2 });
    expect((await patch({ perBuyerLimits: [{ productId: a().id, perBuyerLimit: null }] })).status).toBe(200);
    expect(await limitsOf(sessionId)).toEqual({ [c().id]: 5, [a().id]: null });

    // A limit on a product outside the lineup, twice on one product, out of range or malformed: 400, nothing kept.
    const bad: [object, string][] = [
      [{ perBuyerLimits: [{ productId: b().id, perBuyerLimit: 2 }] }, 'INVALID_LINEUP'],
      [
        {
          perBuyerLimits: [
            { productId: a().id, perBuyerLimit: 2 },
            { productId: a().id, perBuyerLimit: 3 },
          ],
        },
        'INVALID_LINEUP',
      ],
      [{ perBuyerLimits: [{ productId: a().id, perBuyerLimit: 100 }] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: [{ productId: a().id, perBuyerLimit: 0 }] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: [{ productId: a().id, perBuyerLimit: 1.5 }] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: [{ productId: a().id }] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: [{ productId: a().id, perBuyerLimit: 2, stock: 9 }] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: [a().id] }, 'VALIDATION_FAILED'],
      [{ perBuyerLimits: { [a().id]: 2 } }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of bad) {
      const res = await patch(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
    }
    const createBad = await t
      .http()
      .post('/api/sessions')
      .set(authHeader(host.accessToken))
      .send({ ...sessionBody([a().id]), perBuyerLimits: [{ productId: b().id, perBuyerLimit: 2 }] });
    expect(createBad.status).toBe(400);
    expect(createBad.body.code).toBe('INVALID_LINEUP');
    expect(await limitsOf(sessionId)).toEqual({ [c().id]: 5, [a().id]: null });
  });

  it('the host or a co-host changes a limit during the show; others cannot; bad input is 4xx', async () => {
    const made = await makeLiveSession(t, { products: [a(), b()] });
    const cohost = await makeUser(t);
    await addCohost(t, made, cohost);
    const res = await setLimit(made.session.id, a().id, cohost.accessToken, { perBuyerLimit: 3 });
    expect(res.status).toBe(200);
    expect(res.body as LineupCard).toMatchObject({
      productId: a().id,
      name: a().name,
      perBuyerLimit: 3,
      pinned: false,
      sellable: true,
    });
    expect(await limitsOf(made.session.id)).toEqual({ [a().id]: 3, [b().id]: null });
    expect(
      (await setLimit(made.session.id, a().id, made.hostToken, { perBuyerLimit: null })).body,
    ).toMatchObject({
      perBuyerLimit: null,
    });

    const viewer = await makeUser(t);
    const forbidden = await setLimit(made.session.id, a().id, viewer.accessToken, { perBuyerLimit: 1 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('HOST_OR_COHOST_ONLY');
    expect((await setLimit(made.session.id, c().id, made.hostToken, { perBuyerLimit: 1 })).body.code).toBe(
      'PRODUCT_NOT_IN_LINEUP',
    );
    expect((await setLimit(UNKNOWN, a().id, made.hostToken, { perBuyerLimit: 1 })).status).toBe(404);
    expect((await setLimit('nope', a().id, made.hostToken, { perBuyerLimit: 1 })).status).toBe(400);
    for (const body of [
      {},
      { perBuyerLimit: 0 },
      { perBuyerLimit: 100 },
      { perBuyerLimit: '2' },
      { perBuyerLimit: 2, x: 1 },
    ]) {
      const bad = await setLimit(made.session.id, a().id, made.hostToken, body);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await limitsOf(made.session.id)).toEqual({ [a().id]: null, [b().id]: null });

    await t.http().post(`/api/sessions/${made.session.id}/end`).set(authHeader(made.hostToken));
    const closed = await setLimit(made.session.id, a().id, made.hostToken, { perBuyerLimit: 2 });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('SESSION_CLOSED');
  });

  it('the limit holds under concurrency: 8 buyers each racing 6 single-unit takes against a limit of 3', async () => {
    const made = await makeLiveSession(t, { products: [a(), b()] });
    await setLimit(made.session.id, a().id, made.hostToken, { perBuyerLimit: 3 });
    const buyers = await makeShoppersFast(t, 8);
    const attempts = buyers.flatMap((buyer) => Array.from({ length: 6 }, () => buyer.id));
    const answers = await Promise.all(attempts.map((id) => quota(made.session.id, a().id, id, 1)));
    const okBy = new Map<string, number>();
    answers.forEach((answer, i) => {
      if (answer.ok) okBy.set(attempts[i]!, (okBy.get(attempts[i]!) ?? 0) + 1);
      else expect(answer.code).toBe('BUYER_LIMIT_REACHED');
    });
    expect([...okBy.values()]).toEqual(Array.from({ length: 8 }, () => 3));
    const rows = (await t.db.query(
      `SELECT quantity FROM live_listing_buyers WHERE session_id = $1 AND product_id = $2`,
      [made.session.id, a().id],
    )) as { quantity: number }[];
    expect(rows.map((r) => r.quantity)).toEqual(Array.from({ length: 8 }, () => 3));

    const buyer = buyers[0]!.id;
    expect(await quota(made.session.id, a().id, buyer, 1)).toEqual({
      ok: false,
      code: 'BUYER_LIMIT_REACHED',
      message: 'You may buy 0 more of this product in this session',
      details: { productId: a().id, perBuyerLimit: 3, boughtByBuyer: 3, allowed: 0 },
    } satisfies QuotaTake);
    // A cancelled order gives its units back to the buyer's allowance.
    await tx.run((em) =>
      facade.returnListingQuota(em, {
        sessionId: made.session.id,
        productId: a().id,
        buyerUserId: buyer,
        quantity: 2,
      }),
    );
    expect(await quota(made.session.id, a().id, buyer, 3)).toMatchObject({
      ok: false,
      details: { boughtByBuyer: 1, allowed: 2 },
    });
    expect(await quota(made.session.id, a().id, buyer, 2)).toEqual({ ok: true });
  });

  it('without a limit every take is fine, yet counted: a limit set mid-stream covers what was already bought', async () => {
    const made = await makeLiveSession(t, { products: [a(), b()] });
    const [buyer] = await makeShoppersFast(t, 1);
    expect(await quota(made.session.id, b().id, buyer!.id, 40)).toEqual({ ok: true });
    expect(await quota(made.session.id, b().id, buyer!.id, 40)).toEqual({ ok: true });
    await setLimit(made.session.id, b().id, made.hostToken, { perBuyerLimit: 99 });
    expect(await quota(made.session.id, b().id, buyer!.id, 20)).toMatchObject({
      ok: false,
      details: { perBuyerLimit: 99, boughtByBuyer: 80, allowed: 19 },
    });
    // Not a lineup product of the session, or not a session at all: nothing to count.
    expect(await quota(made.session.id, c().id, buyer!.id, 5)).toEqual({ ok: true });
    expect(await quota(UNKNOWN, a().id, buyer!.id, 5)).toEqual({ ok: true });
    const scheduled = await makeSession(t, { products: [a()] });
    expect(await quota(scheduled.session.id, a().id, buyer!.id, 5)).toEqual({ ok: true });
  });
});
