import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import { Clock } from '@ocop/kernel';
import {
  addCohost,
  addModerator,
  authHeader,
  collectSocketEvents,
  createTestApp,
  Farmer,
  MadeSession,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeSession,
  makeShoppersFast,
  makeUser,
  nextSocketEvent,
  socketInTestRoom,
  TestApp,
  TestRoomModule,
  waitFor,
  waitMs,
} from '@ocop/testing';
import { DealEndings } from './application/deal-endings.service';
import type { DealTake } from './application/deal-units.service';
import { LiveFacade } from './application/live.facade';
import type { DealView } from './application/views';
import { dealEndJobId } from './domain';
import { LiveHttpModule } from './live-http.module';
import { LiveJobsModule } from './live-jobs.module';

/** Real time shifted by what the test moved it: tokens and BullMQ keep working while deals run out at will. */
class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const UNKNOWN = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';

describe('flash deals', () => {
  const clock = new ShiftedClock();
  let t: TestApp;
  let admin: MadeUser;
  let farmer: Farmer;
  let facade: LiveFacade;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule, TestRoomModule],
      websockets: true,
      clock,
      config: { DATABASE_POOL_SIZE: 40 },
    });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    facade = t.app.get(LiveFacade);
    tx = t.app.get(TransactionRunner);
  }, 60_000);
  afterAll(() => t.close());

  const product = (stock = 100, priceVnd = 150_000) =>
    makeActiveProduct(t, { farmer, admin, stock, priceVnd });
  const stockOf = async (id: string) =>
    ((await t.db.query(`SELECT stock FROM products WHERE id = $1`, [id])) as { stock: number }[])[0]?.stock;
  const dealRow = async (id: string) =>
    (
      (await t.db.query(
        `SELECT remaining, returned_quantity, ended_at, ends_at FROM flash_deals WHERE id = $1`,
        [id],
      )) as { remaining: number; returned_quantity: number | null; ended_at: Date | null; ends_at: Date }[]
    )[0];
  const held = async (dealId: string) =>
    (
      (await t.db.query(
        `SELECT coalesce(sum(quantity), 0)::int AS n FROM flash_deal_buyers WHERE deal_id = $1`,
        [dealId],
      )) as { n: number }[]
    )[0]?.n;
  const releases = async (dealId: string) =>
    (await t.db.query(
      `SELECT delta FROM stock_movements WHERE reference = $1 AND kind = 'release' ORDER BY created_at`,
      [dealId],
    )) as { delta: number }[];
  const terms = (productId: string, overrides: Record<string, unknown> = {}) => ({
    productId,
    priceVnd: 99_000,
    quantity: 30,
    perBuyerLimit: 2,
    durationSeconds: 600,
    ...overrides,
  });
  const startDeal = (made: MadeSession, body: object, token = made.hostToken) =>
    t.http().post(`/api/sessions/${made.session.id}/deals`).set(authHeader(token)).send(body);
  const endDeal = (made: MadeSession, dealId: string, token = made.hostToken) =>
    t.http().post(`/api/sessions/${made.session.id}/deals/${dealId}/end`).set(authHeader(token));
  async function started(made: MadeSession, body: object): Promise<DealView> {
    const res = await startDeal(made, body);
    if (res.status !== 201) throw new Error(`start deal: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as DealView;
  }
  const take = (
    made: MadeSession,
    p: ProductView,
    buyerUserId: string,
    quantity: number,
    dealId?: string,
  ): Promise<DealTake | null> =>
    tx.run((em) =>
      facade.takeDealUnits(em, {
        sessionId: made.session.id,
        productId: p.id,
        buyerUserId,
        quantity,
        dealId,
        now: clock.now(),
      }),
    );
  const giveBack = (dealId: string, buyerUserId: string, quantity: number) =>
    tx.run((em) =>
      facade.returnDealUnits(em, { dealId, buyerUserId, quantity, reference: `order-of-${buyerUserId}` }),
    );

  it("a host starts a deal: 201 with its view, the quantity leaves the product's stock, the session lists it", async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const before = clock.now().getTime();
    const res = await startDeal(made, terms(p.id, { countdownSeconds: 60 }));
    expect(res.status).toBe(201);
    const deal = res.body as DealView;
    expect(deal).toEqual({
      id: expect.any(String),
      sessionId: made.session.id,
      productId: p.id,
      productName: p.name,
      priceVnd: 99_000,
      listPriceVnd: 150_000,
      quantity: 30,
      remaining: 30,
      sold: 0,
      perBuyerLimit: 2,
      opensAt: expect.any(String),
      endsAt: expect.any(String),
      endedAt: null,
      state: 'upcoming',
    });
    const opensAt = new Date(deal.opensAt).getTime();
    expect(opensAt - before).toBeGreaterThanOrEqual(60_000);
    expect(opensAt - before).toBeLessThan(65_000);
    expect(new Date(deal.endsAt).getTime() - opensAt).toBe(600_000);
    expect(await stockOf(p.id)).toBe(70);
    const ledger = (await t.db.query(
      `SELECT delta, kind, reference, actor_user_id FROM stock_movements WHERE reference = $1`,
      [deal.id],
    )) as unknown[];
    expect(ledger).toEqual([
      { delta: -30, kind: 'reservation', reference: deal.id, actor_user_id: made.host.id },
    ]);

    const listed = await t.http().get(`/api/sessions/${made.session.id}/deals`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([deal]);

    const again = await startDeal(made, terms(p.id, { quantity: 5 }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DEAL_ALREADY_RUNNING', details: { dealId: deal.id } });
    expect(await stockOf(p.id)).toBe(70);

    // Two deals of the same product started at the same moment: one runs, the other is refused.
    const q = await product(100);
    const racing = await makeLiveSession(t, { products: [q] });
    const raced = await Promise.all([startDeal(racing, terms(q.id)), startDeal(racing, terms(q.id))]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await stockOf(q.id)).toBe(70);

    // Two sessions carving 40 each out of a stock of 50 at once: the stock decides, one deal starts.
    const r = await product(50);
    const [one, two] = [
      await makeLiveSession(t, { products: [r] }),
      await makeLiveSession(t, { products: [r] }),
    ];
    const carved = await Promise.all([
      startDeal(one, terms(r.id, { quantity: 40 })),
      startDeal(two, terms(r.id, { quantity: 40 })),
    ]);
    expect(carved.filter((c) => c.status === 201)).toHaveLength(1);
    const loser = carved.find((c) => c.status !== 201)!;
    // Refused by the stock's conditional UPDATE (409) or, when it read the stock after the winner, by the terms (400).
    expect([
      [409, 'INSUFFICIENT_STOCK'],
      [400, 'DEAL_INVALID'],
    ]).toContainEqual([loser.status, loser.body.code]);
    expect(await stockOf(r.id)).toBe(10);
  });

  it('bad terms are 400 DEAL_INVALID naming each field; bad shapes and unknown fields 400; nothing is written', async () => {
    const p = await product(20, 150_000);
    const outside = await product(20);
    const made = await makeLiveSession(t, { products: [p] });
    const count = async () =>
      ((await t.db.query(`SELECT count(*)::int AS n FROM flash_deals`)) as { n: number }[])[0]?.n;
    const before = await count();

    const invalid: [object, string[]][] = [
      [terms(p.id, { priceVnd: 150_000, quantity: 10 }), ['priceVnd']],
      [terms(p.id, { priceVnd: 999, quantity: 10 }), ['priceVnd']],
      [terms(p.id, { priceVnd: 99_000.5, quantity: 10 }), ['priceVnd']],
      [terms(p.id, { quantity: 21 }), ['quantity']],
      [terms(p.id, { quantity: 10, perBuyerLimit: 11 }), ['perBuyerLimit']],
      [terms(p.id, { quantity: 10, perBuyerLimit: 0 }), ['perBuyerLimit']],
      [terms(p.id, { quantity: 10, durationSeconds: 9 }), ['durationSeconds']],
      [terms(p.id, { quantity: 10, durationSeconds: 1201 }), ['durationSeconds']],
      [terms(p.id, { quantity: 10, countdownSeconds: 601 }), ['countdownSeconds']],
      [
        terms(p.id, { priceVnd: 200_000, quantity: 50, durationSeconds: 5 }),
        ['priceVnd', 'quantity', 'durationSeconds'],
      ],
    ];
    for (const [body, fields] of invalid) {
      const res = await startDeal(made, body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('DEAL_INVALID');
      expect(Object.keys(res.body.details.fields)).toEqual(fields);
    }

    const malformed: unknown[] = [
      [1, 2],
      { ...terms(p.id), priceVnd: '99000' },
      { ...terms(p.id), quantity: null },
      { ...terms(p.id), productId: 'not-a-uuid' },
      { ...terms(p.id), remaining: 5 },
      { ...terms(p.id), sessionId: made.session.id },
      { ...terms(p.id), state: 'open' },
      { productId: p.id },
    ];
    for (const body of malformed) {
      const res = await startDeal(made, body as object);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }

    const notInLineup = await startDeal(made, terms(outside.id, { quantity: 5 }));
    expect(notInLineup.status).toBe(422);
    expect(notInLineup.body.code).toBe('PRODUCT_NOT_IN_LINEUP');

    const unknown = await t
      .http()
      .post(`/api/sessions/${UNKNOWN}/deals`)
      .set(authHeader(made.hostToken))
      .send(terms(p.id));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SESSION_NOT_FOUND');
    const badId = await t
      .http()
      .post(`/api/sessions/not-a-uuid/deals`)
      .set(authHeader(made.hostToken))
      .send(terms(p.id));
    expect(badId.status).toBe(400);

    expect(await count()).toBe(before);
    expect(await stockOf(p.id)).toBe(20);
  });

  it('only the host or a co-host of a live session starts deals', async () => {
    const [a, b] = [await product(50), await product(50)];
    const scheduled = await makeSession(t, { products: [a, b] });
    const notLive = await startDeal(scheduled, terms(a.id));
    expect(notLive.status).toBe(409);
    expect(notLive.body).toMatchObject({ code: 'SESSION_NOT_LIVE', details: { status: 'scheduled' } });

    const made = await makeLiveSession(t, { products: [a, b] });
    const viewer = await makeUser(t);
    const moderator = await makeUser(t);
    const cohost = await makeUser(t);
    await addModerator(t, made, moderator);
    await addCohost(t, made, cohost);
    for (const who of [viewer, moderator]) {
      const res = await startDeal(made, terms(a.id), who.accessToken);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('HOST_OR_COHOST_ONLY');
    }
    expect((await t.http().post(`/api/sessions/${made.session.id}/deals`).send(terms(a.id))).status).toBe(
      401,
    );
    const byCohost = await startDeal(made, terms(b.id), cohost.accessToken);
    expect(byCohost.status).toBe(201);
    expect(await stockOf(a.id)).toBe(50);

    // The session ends: its running deal ends with it and gives its units back; no new deal starts.
    expect(
      (await t.http().post(`/api/sessions/${made.session.id}/end`).set(authHeader(made.hostToken))).status,
    ).toBe(200);
    const row = await dealRow((byCohost.body as DealView).id);
    expect(row?.ended_at).not.toBeNull();
    expect(await stockOf(b.id)).toBe(50);
    const ended = await startDeal(made, terms(a.id));
    expect(ended.status).toBe(409);
    expect(ended.body).toMatchObject({ code: 'SESSION_NOT_LIVE', details: { status: 'ended' } });
  });

  it('the host ends a deal early: unsold units return exactly, once; viewers cannot; unknown deals are 404', async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const deal = await started(made, terms(p.id, { quantity: 40, perBuyerLimit: 5 }));
    const [buyer] = await makeShoppersFast(t, 1);
    expect(await take(made, p, buyer!.id, 3, deal.id)).toEqual({
      ok: true,
      dealId: deal.id,
      priceVnd: 99_000,
      listPriceVnd: 150_000,
    });
    expect(await stockOf(p.id)).toBe(60);

    const viewer = await makeUser(t);
    const refused = await endDeal(made, deal.id, viewer.accessToken);
    expect(refused.status).toBe(403);
    expect((await endDeal(made, UNKNOWN)).body.code).toBe('DEAL_NOT_FOUND');
    const other = await makeLiveSession(t, { products: [p] });
    expect((await endDeal(other, deal.id)).status).toBe(404);

    const res = await endDeal(made, deal.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: deal.id, state: 'ended', remaining: 0, sold: 3, quantity: 40 });
    expect(await stockOf(p.id)).toBe(97);
    expect(await dealRow(deal.id)).toMatchObject({ remaining: 0, returned_quantity: 37 });
    expect(await releases(deal.id)).toEqual([{ delta: 37 }]);

    const twice = await endDeal(made, deal.id);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('DEAL_ENDED');
    expect(await stockOf(p.id)).toBe(97);
    // After the end a buyer tapping the deal hears it ended; without a deal id the list price applies.
    expect(await take(made, p, buyer!.id, 1, deal.id)).toMatchObject({ ok: false, code: 'DEAL_ENDED' });
    expect(await take(made, p, buyer!.id, 1)).toBeNull();
    // A new deal of the product may start now.
    expect((await startDeal(made, terms(p.id, { quantity: 10 }))).status).toBe(201);
  });

  it('a deal in its countdown is not open yet; the sweeper ends overdue deals at their end time', async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const deal = await started(made, terms(p.id, { quantity: 20, durationSeconds: 10, countdownSeconds: 5 }));
    const [buyer] = await makeShoppersFast(t, 1);
    expect(await take(made, p, buyer!.id, 1)).toBeNull();
    expect(await take(made, p, buyer!.id, 1, deal.id)).toMatchObject({
      ok: false,
      code: 'DEAL_ENDED',
      details: { dealId: deal.id, state: 'upcoming' },
    });
    clock.advance(6_000);
    expect(await take(made, p, buyer!.id, 2)).toMatchObject({ ok: true, dealId: deal.id });
    expect(await stockOf(p.id)).toBe(80);

    clock.advance(10_000);
    // Past its end, before any job ran: no deal applies any more.
    expect(await take(made, p, buyer!.id, 1)).toBeNull();
    expect(await t.app.get(DealEndings).sweep()).toBeGreaterThanOrEqual(1);
    const row = await dealRow(deal.id);
    expect(row).toMatchObject({ remaining: 0, returned_quantity: 18 });
    expect(row?.ended_at?.getTime()).toBe(row?.ends_at.getTime());
    expect(await stockOf(p.id)).toBe(98);
    expect(await t.app.get(DealEndings).sweep()).toBe(0);
    expect(await stockOf(p.id)).toBe(98);
  });

  it('the deal-end job, the sweeper and the host racing at the end end it exactly once', async () => {
    const worker = await createTestApp({ imports: [LiveJobsModule], clock });
    try {
      const queue = t.app.get<Queue>(getQueueToken('live'));
      for (let round = 0; round < 3; round++) {
        const p = await product(100);
        const made = await makeLiveSession(t, { products: [p] });
        const deal = await started(made, terms(p.id, { quantity: 25, durationSeconds: 10 }));
        const [buyer] = await makeShoppersFast(t, 1);
        await take(made, p, buyer!.id, 2);
        const job = await queue.getJob(dealEndJobId(deal.id));
        expect(job?.opts.delay).toBeGreaterThan(8_000);
        clock.advance(10_500);
        const [, swept, byHost] = await Promise.all([
          job!.promote(),
          t.app.get(DealEndings).sweep(),
          endDeal(made, deal.id),
        ]);
        expect(swept).toBeGreaterThanOrEqual(0);
        expect([200, 409]).toContain(byHost.status);
        // The worker picks the promoted job up at once when idle; on a loaded machine (CI runs suites side by side)
        // that can take seconds.
        await waitFor(async () => (await job!.isCompleted()) || (await job!.isFailed()), 20_000);
        expect(await job!.isCompleted()).toBe(true);
        expect(await dealRow(deal.id)).toMatchObject({ remaining: 0, returned_quantity: 23 });
        expect(await releases(deal.id)).toEqual([{ delta: 23 }]);
        expect(await stockOf(p.id)).toBe(98);
      }
    } finally {
      await worker.close();
    }
  });

  it('200 concurrent takes of a 30-unit deal limited to 2 per buyer, from 60 buyers: exactly 30 taken, nobody above 2', async () => {
    const p = await product(200);
    const made = await makeLiveSession(t, { products: [p] });
    const deal = await started(made, terms(p.id, { quantity: 30, perBuyerLimit: 2 }));
    const buyers = await makeShoppersFast(t, 60);
    const attempts = Array.from({ length: 200 }, (_, i) => ({
      buyer: buyers[i % buyers.length]!.id,
      quantity: i % 7 === 0 ? 2 : 1,
      dealId: i % 2 === 0 ? deal.id : undefined,
    }));
    const answers = await Promise.all(attempts.map((a) => take(made, p, a.buyer, a.quantity, a.dealId)));

    const byBuyer = new Map<string, number>();
    let taken = 0;
    answers.forEach((answer, i) => {
      expect(answer).not.toBeNull();
      if (answer?.ok) {
        taken += attempts[i]!.quantity;
        byBuyer.set(attempts[i]!.buyer, (byBuyer.get(attempts[i]!.buyer) ?? 0) + attempts[i]!.quantity);
      } else {
        expect(['SOLD_OUT', 'BUYER_LIMIT_REACHED']).toContain(answer?.code);
      }
    });
    expect(taken).toBe(30);
    expect(Math.max(...byBuyer.values())).toBeLessThanOrEqual(2);
    expect(await held(deal.id)).toBe(30);
    const perBuyer = (await t.db.query(
      `SELECT max(quantity)::int AS most FROM flash_deal_buyers WHERE deal_id = $1`,
      [deal.id],
    )) as { most: number }[];
    expect(perBuyer[0]?.most).toBeLessThanOrEqual(2);
    expect(await dealRow(deal.id)).toMatchObject({ remaining: 0 });
    expect(await stockOf(p.id)).toBe(170);

    // Sold out: the next buyer hears so with the deal's remaining; a buyer at their limit hears their allowance.
    const [late] = await makeShoppersFast(t, 1);
    expect(await take(made, p, late!.id, 1)).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      message: 'The deal is sold out',
      details: { dealId: deal.id, remaining: 0 },
    });
    const full = [...byBuyer].find(([, n]) => n === 2)![0];
    expect(await take(made, p, full, 1)).toEqual({
      ok: false,
      code: 'BUYER_LIMIT_REACHED',
      message: 'You may buy 0 more at the deal price',
      details: { dealId: deal.id, perBuyerLimit: 2, boughtByBuyer: 2, allowed: 0 },
    });

    const ended = await endDeal(made, deal.id);
    expect(ended.body).toMatchObject({ sold: 30, remaining: 0 });
    expect(await stockOf(p.id)).toBe(170);
    expect(await releases(deal.id)).toEqual([]);
  }, 60_000);

  it('a buyer over the limit is refused and the units stay on offer', async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const deal = await started(made, terms(p.id, { quantity: 10, perBuyerLimit: 3 }));
    const [buyer] = await makeShoppersFast(t, 1);
    expect(await take(made, p, buyer!.id, 4)).toMatchObject({
      ok: false,
      code: 'BUYER_LIMIT_REACHED',
      details: { perBuyerLimit: 3, boughtByBuyer: 0, allowed: 3 },
    });
    expect(await take(made, p, buyer!.id, 2)).toMatchObject({ ok: true });
    expect(await take(made, p, buyer!.id, 2)).toMatchObject({
      ok: false,
      code: 'BUYER_LIMIT_REACHED',
      message: 'You may buy 1 more at the deal price',
      details: { dealId: deal.id, perBuyerLimit: 3, boughtByBuyer: 2, allowed: 1 },
    });
    expect(await dealRow(deal.id)).toMatchObject({ remaining: 8 });
    const [other] = await makeShoppersFast(t, 1);
    expect(await take(made, p, other!.id, 3)).toMatchObject({ ok: true });
    const [third] = await makeShoppersFast(t, 1);
    const [fourth] = await makeShoppersFast(t, 1);
    expect(await take(made, p, third!.id, 3)).toMatchObject({ ok: true });
    expect(await take(made, p, fourth!.id, 3)).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      message: 'Only 2 left',
      details: { dealId: deal.id, remaining: 2 },
    });
    expect(await held(deal.id)).toBe(8);
  });

  it('units given back before the end return to the deal and the allowance; after the end, to the product', async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const deal = await started(made, terms(p.id, { quantity: 10, perBuyerLimit: 2 }));
    const [buyer] = await makeShoppersFast(t, 1);
    await take(made, p, buyer!.id, 2);
    expect(await take(made, p, buyer!.id, 1)).toMatchObject({ code: 'BUYER_LIMIT_REACHED' });

    expect(await giveBack(deal.id, buyer!.id, 1)).toBe('deal');
    expect(await dealRow(deal.id)).toMatchObject({ remaining: 9 });
    expect(await held(deal.id)).toBe(1);
    expect(await take(made, p, buyer!.id, 1)).toMatchObject({ ok: true });
    expect(await stockOf(p.id)).toBe(90);

    expect((await endDeal(made, deal.id)).status).toBe(200);
    expect(await stockOf(p.id)).toBe(98);
    expect(await giveBack(deal.id, buyer!.id, 2)).toBe('product');
    expect(await stockOf(p.id)).toBe(100);
    expect(await dealRow(deal.id)).toMatchObject({ remaining: 0, returned_quantity: 8 });
  });

  it('returns racing the end: every unit is accounted for exactly once (stock + remaining + held = initial)', async () => {
    for (let round = 0; round < 4; round++) {
      const p = await product(100);
      const made = await makeLiveSession(t, { products: [p] });
      const deal = await started(made, terms(p.id, { quantity: 20, perBuyerLimit: 2 }));
      const buyers = await makeShoppersFast(t, 8);
      for (const b of buyers) await take(made, p, b.id, 2);
      expect(await held(deal.id)).toBe(16);
      // Half the buyers cancel while the host ends the deal.
      const cancelling = buyers.slice(0, 4);
      const [, ...wentTo] = await Promise.all([
        endDeal(made, deal.id),
        ...cancelling.map((b) => giveBack(deal.id, b.id, 2)),
      ]);
      const row = await dealRow(deal.id);
      const stillHeld = 16 - cancelling.length * 2;
      expect((await stockOf(p.id))! + row!.remaining + stillHeld).toBe(100);
      const toProduct = wentTo.filter((w) => w === 'product').length * 2;
      const toDeal = wentTo.filter((w) => w === 'deal').length * 2;
      expect(row!.returned_quantity).toBe(4 + toDeal);
      expect((await releases(deal.id)).map((r) => r.delta)).toEqual([4 + toDeal]);
      expect(toProduct + toDeal).toBe(8);
    }
  });

  it('the room hears deal:update on start, on units taken (throttled, last value kept) and on the end', async () => {
    const p = await product(100);
    const made = await makeLiveSession(t, { products: [p] });
    const socket = await socketInTestRoom(t, made.session.id);
    const { items: updates } = collectSocketEvents<DealView>(socket, 'deal:update');

    const opened = nextSocketEvent<DealView>(socket, 'deal:update', (d) => d.state === 'open');
    const deal = await started(made, terms(p.id, { quantity: 30, perBuyerLimit: 30 }));
    expect(await opened).toEqual(deal);

    const buyers = await makeShoppersFast(t, 12);
    const settled = nextSocketEvent<DealView>(socket, 'deal:update', (d) => d.remaining === 18, 3000);
    const from = updates.length;
    const startedAt = Date.now();
    for (const b of buyers) {
      await take(made, p, b.id, 1);
      facade.announceDeal(deal.id);
    }
    expect(await settled).toMatchObject({ id: deal.id, remaining: 18, sold: 12, state: 'open' });
    await waitMs(400);
    const during = updates.slice(from);
    const elapsed = Date.now() - startedAt;
    // At most one update per 250 ms window, plus the leading one.
    expect(during.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(during.at(-1)).toMatchObject({ remaining: 18 });

    const endHeard = nextSocketEvent<DealView>(socket, 'deal:update', (d) => d.state === 'ended');
    await endDeal(made, deal.id);
    expect(await endHeard).toMatchObject({ id: deal.id, state: 'ended', remaining: 0, sold: 12 });
  });

  it('a countdown deal: the open job tells the room when it opens', async () => {
    const worker = await createTestApp({ imports: [LiveJobsModule], clock });
    try {
      const p = await product(100);
      const made = await makeLiveSession(t, { products: [p] });
      const socket = await socketInTestRoom(t, made.session.id);
      const upcoming = nextSocketEvent<DealView>(socket, 'deal:update', (d) => d.state === 'upcoming');
      const deal = await started(made, terms(p.id, { countdownSeconds: 1 }));
      expect(deal.state).toBe('upcoming');
      expect(await upcoming).toMatchObject({ id: deal.id });
      expect(
        await nextSocketEvent<DealView>(socket, 'deal:update', (d) => d.state === 'open', 5000),
      ).toMatchObject({
        id: deal.id,
        remaining: 30,
      });
    } finally {
      await worker.close();
    }
  });
});
