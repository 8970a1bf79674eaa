import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxMessage, OutboxSubscribers, OutboxTopic } from '@ocop/db';
import { BranchSummary, BranchTreeService, IdentityHttpModule, MembershipsService } from '@ocop/identity';
import { FixedClock, vnToday } from '@ocop/kernel';
import { LiveHttpModule } from '@ocop/live';
import {
  CheckoutService,
  OrderEvent,
  OrdersHttpModule,
  OrderActionsService,
  OrdersModule,
  OrderStatus,
  OrderView,
} from '@ocop/orders';
import { OutboxRelayModule } from '@ocop/queue';
import {
  authHeader,
  BranchTree,
  createTestApp,
  MadeSession,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeStreamer,
  makeUser,
  TestApp,
  waitMs,
} from '@ocop/testing';
import { AttributionHttpModule } from './attribution-http.module';
import { AttributionModule } from './attribution.module';
import { TOTALS_CHANGED, TotalsChanged } from './attribution.events';
import { AttributionNotReadyError, AttributionRecorder } from './application/attribution-recorder.service';
import { ReferralCodesService } from './application/referral-codes.service';
import { AttributionRecordView } from './application/views';
import { BranchTotals, LedgerEntry, rollupAll, ZERO_TOTALS } from './domain';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { ATTRIBUTION_SUBSCRIBER } from './jobs/attribution.subscribers';

const MINUTE = 60_000;
const DAY = 24 * 3600 * 1000;
const WINDOW = 7 * DAY;

type Extra = { sessionId?: string; referralCode?: string; shareCode?: string };
type Line = { product: ProductView; quantity?: number };

interface Placed {
  order: OrderView;
  buyerUserId: string;
}

const FIGURES = `coalesce(sum(placed_orders), 0)::text AS "placedOrders",
  coalesce(sum(placed_items), 0)::text AS "placedItems",
  coalesce(sum(placed_gmv_vnd), 0)::text AS "placedGmvVnd",
  coalesce(sum(settled_orders), 0)::text AS "settledOrders",
  coalesce(sum(settled_items), 0)::text AS "settledItems",
  coalesce(sum(settled_gmv_vnd), 0)::text AS "settledGmvVnd"`;

function toTotals(row: Record<string, string> | undefined): BranchTotals {
  const n = (key: keyof BranchTotals) => Number(row?.[key] ?? 0);
  return {
    placedGmvVnd: n('placedGmvVnd'),
    settledGmvVnd: n('settledGmvVnd'),
    placedOrders: n('placedOrders'),
    settledOrders: n('settledOrders'),
    placedItems: n('placedItems'),
    settledItems: n('settledItems'),
  };
}

function plus(a: BranchTotals, b: BranchTotals): BranchTotals {
  return {
    placedGmvVnd: a.placedGmvVnd + b.placedGmvVnd,
    settledGmvVnd: a.settledGmvVnd + b.settledGmvVnd,
    placedOrders: a.placedOrders + b.placedOrders,
    settledOrders: a.settledOrders + b.settledOrders,
    placedItems: a.placedItems + b.placedItems,
    settledItems: a.settledItems + b.settledItems,
  };
}

/** The tree's branches with their children, as makeBranchTree builds it. */
function childrenOf(tree: BranchTree): Map<BranchSummary, BranchSummary[]> {
  return new Map([
    [tree.city, [tree.districtA, tree.districtB]],
    [tree.districtA, [tree.communeA1, tree.communeA2]],
    [tree.districtB, [tree.communeB1, tree.communeB2]],
    [tree.communeA1, [tree.cellA1]],
    [tree.communeA2, []],
    [tree.communeB1, [tree.cellB1]],
    [tree.communeB2, []],
    [tree.cellA1, []],
    [tree.cellB1, []],
  ]);
}

describe('attribution: records, ledger and roll-ups from the orders outbox', () => {
  let t: TestApp;
  let recorder: AttributionRecorder;
  const clock = new FixedClock(new Date());
  const tick = (ms = MINUTE) => clock.advance(ms);

  beforeAll(async () => {
    t = await createTestApp({
      imports: [
        AttributionHttpModule,
        OrdersHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
      config: { DATABASE_POOL_SIZE: 30 },
      clock,
    });
    recorder = t.app.get(AttributionRecorder);
    // Listen once, so that concurrent supertest requests share one server instead of each binding it.
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(() => t?.close());

  /** Active products of one new farmer, at the given prices. */
  async function products(...prices: number[]): Promise<ProductView[]> {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const made: ProductView[] = [];
    for (const priceVnd of prices)
      made.push(await makeActiveProduct(t, { farmer, admin, priceVnd, stock: 500 }));
    return made;
  }

  function liveSession(host: MadeUser, lineup: ProductView[]): Promise<MadeSession> {
    const scheduledStartAt = new Date(clock.now().getTime() + DAY).toISOString();
    return makeLiveSession(t, { host, products: lineup, overrides: { scheduledStartAt } });
  }

  /**
   * A new tree with a streamer of `hostBranch` live (a minute on) with new products at these prices, a buyer, and
   * the clock a minute past the start: the room a sale is made in.
   */
  async function liveRoom(hostBranch: keyof BranchTree, ...prices: number[]) {
    const tree = await makeBranchTree(t);
    const host = await makeStreamer(t, tree[hostBranch].id);
    const lineup = await products(...prices);
    const buyer = await makeUser(t);
    tick();
    const made = await liveSession(host, lineup);
    tick();
    return { tree, host, lineup: lineup as [ProductView, ...ProductView[]], buyer, made };
  }

  async function endSession(made: MadeSession): Promise<Date> {
    const res = await t
      .http()
      .post(`/api/sessions/${made.session.id}/end`)
      .set(authHeader(made.hostToken))
      .expect(200);
    return new Date((res.body as { endedAt: string }).endedAt);
  }

  async function buy(buyer: { id: string }, lines: Line[], extra: Extra = {}): Promise<Placed> {
    const result = await t.app.get(CheckoutService).checkout(buyer.id, `attr-${randomUUID()}`, {
      lines: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity ?? 1 })),
      address: {
        recipientName: 'Nguyễn Thị Lan',
        phone: '0912345678',
        province: 'ha-noi',
        ward: 'Phường Hoàn Kiếm',
        street: 'Số 12 Hàng Bạc',
      },
      paymentMethod: 'cod',
      ...extra,
    });
    expect(result.orders).toHaveLength(1);
    return { order: result.orders[0] as OrderView, buyerUserId: buyer.id };
  }

  async function placedMessage(placed: Placed): Promise<OutboxMessage<'orders.placed'>> {
    const rows = (await t.db.query(
      `SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox
       WHERE topic = 'orders.placed' AND key = $1`,
      [placed.order.id],
    )) as OutboxMessage<'orders.placed'>[];
    expect(rows).toHaveLength(1);
    return rows[0] as OutboxMessage<'orders.placed'>;
  }

  /** Hands a message to attribution's subscriber, as the worker's outbox processor does. */
  function deliver(message: OutboxMessage<OutboxTopic>): Promise<unknown> {
    const subscriber = t.app
      .get(OutboxSubscribers)
      .of(message.topic)
      .find((s) => s.name === ATTRIBUTION_SUBSCRIBER);
    if (!subscriber) throw new Error(`attribution does not subscribe to ${message.topic}`);
    return subscriber.handle(message);
  }

  async function deliverPlaced(...orders: Placed[]): Promise<void> {
    for (const placed of orders) await deliver(await placedMessage(placed));
  }

  function statusChanged(
    placed: Placed,
    from: OrderStatus,
    to: OrderStatus,
    event: OrderEvent,
    settled = false,
  ): OutboxMessage<'orders.status-changed'> {
    const { order } = placed;
    return {
      id: randomUUID(),
      topic: 'orders.status-changed',
      key: order.id,
      createdAt: clock.now(),
      payload: {
        orderId: order.id,
        checkoutId: order.checkoutId,
        buyerUserId: placed.buyerUserId,
        producerId: order.producerId,
        sessionId: order.lines[0]?.sessionId ?? null,
        paymentMethod: order.paymentMethod,
        totalVnd: String(order.totalVnd),
        from,
        to,
        event,
        actor: event === 'cancel' ? 'shopper' : event === 'refund' ? 'system' : 'farmer',
        settled,
        at: clock.now().toISOString(),
      },
    };
  }

  const recordsOf = (placed: Placed): Promise<AttributionRecordView[]> =>
    recorder.recordsOfOrder(placed.order.id);

  async function branchTotals(
    branchId: string,
    scope: 'own' | 'subtree',
    day?: string,
  ): Promise<BranchTotals> {
    const rows = (await t.db.query(
      `SELECT ${FIGURES} FROM branch_day_totals
       WHERE branch_id = $1 AND scope = $2 AND ($3::date IS NULL OR day = $3::date)`,
      [branchId, scope, day ?? null],
    )) as Record<string, string>[];
    return toTotals(rows[0]);
  }

  async function streamerTotals(hostUserId: string, day?: string): Promise<BranchTotals> {
    const rows = (await t.db.query(
      `SELECT ${FIGURES} FROM streamer_day_totals WHERE host_user_id = $1 AND ($2::date IS NULL OR day = $2::date)`,
      [hostUserId, day ?? null],
    )) as Record<string, string>[];
    return toTotals(rows[0]);
  }

  /** The same figures summed straight from the ledger: entries whose stored path contains the branch. */
  async function ledgerTotals(where: 'subtree' | 'own' | 'host', id: string): Promise<BranchTotals> {
    const condition = {
      subtree: 'branch_path @> ARRAY[$1]::uuid[]',
      own: 'branch_id = $1',
      host: 'host_user_id = $1',
    }[where];
    const rows = (await t.db.query(
      `SELECT
         coalesce(sum(orders) FILTER (WHERE kind = 'placed'), 0)::text AS "placedOrders",
         coalesce(sum(items) FILTER (WHERE kind = 'placed'), 0)::text AS "placedItems",
         coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'placed'), 0)::text AS "placedGmvVnd",
         coalesce(sum(orders) FILTER (WHERE kind = 'settled'), 0)::text AS "settledOrders",
         coalesce(sum(items) FILTER (WHERE kind = 'settled'), 0)::text AS "settledItems",
         coalesce(sum(gmv_vnd) FILTER (WHERE kind = 'settled'), 0)::text AS "settledGmvVnd"
       FROM ledger_entries WHERE ${condition}`,
      [id],
    )) as Record<string, string>[];
    return toTotals(rows[0]);
  }

  async function referralCodeOf(streamer: MadeUser): Promise<string> {
    const res = await t.http().get('/api/me/referral-code').set(authHeader(streamer.accessToken)).expect(200);
    return (res.body as { code: string }).code;
  }

  async function shareLink(
    streamer: MadeUser,
    body: { sessionId?: string; productId?: string },
  ): Promise<string> {
    const res = await t
      .http()
      .post('/api/share-links')
      .set(authHeader(streamer.accessToken))
      .send(body)
      .expect(201);
    return (res.body as { code: string }).code;
  }

  const openLink = (code: string, visitor: MadeUser) =>
    t.http().get(`/api/share-links/${code}`).set(authHeader(visitor.accessToken)).expect(200);

  describe('precedence: code > live room > replay within 7 days > share link within 7 days > none', () => {
    it('a referral code typed at checkout beats the live room; the room credits its host; an unknown code gives nothing', async () => {
      const tree = await makeBranchTree(t);
      const host = await makeStreamer(t, tree.cellA1.id);
      const referrer = await makeStreamer(t, tree.communeB1.id);
      const [p1, p2] = await products(120_000, 80_000);
      tick();
      const made = await liveSession(host, [p1 as ProductView, p2 as ProductView]);
      const code = await referralCodeOf(referrer);
      const buyer = await makeUser(t);
      tick();
      const sessionId = made.session.id;
      const byCode = await buy(buyer, [{ product: p1 as ProductView, quantity: 2 }], {
        sessionId,
        referralCode: code.toLowerCase(),
      });
      const inRoom = await buy(buyer, [{ product: p2 as ProductView }], { sessionId });
      const unknownCode = await buy(buyer, [{ product: p2 as ProductView }], {
        sessionId,
        referralCode: 'ZZZZ2222',
      });
      await deliverPlaced(byCode, inRoom, unknownCode);

      expect(await recordsOf(byCode)).toEqual([
        expect.objectContaining({
          channel: 'code',
          rule: 'referral_code_at_checkout',
          hostUserId: referrer.id,
          referralCode: code,
          sessionId,
          branchId: tree.communeB1.id,
          branchPath: tree.communeB1.path,
          quantity: 2,
          amountVnd: 240_000,
          countsOrder: 1,
          placedAt: clock.now().toISOString(),
        }),
      ]);
      const cellPath = [tree.city.id, tree.districtA.id, tree.communeA1.id, tree.cellA1.id];
      for (const placed of [inRoom, unknownCode]) {
        expect(await recordsOf(placed)).toEqual([
          expect.objectContaining({
            channel: 'live',
            rule: 'purchase_in_live_room',
            hostUserId: host.id,
            referralCode: null,
            sessionId,
            branchId: tree.cellA1.id,
            branchPath: cellPath,
          }),
        ]);
      }
      expect(await streamerTotals(referrer.id)).toMatchObject({ placedOrders: 1, placedGmvVnd: 240_000 });
      expect(await streamerTotals(host.id)).toMatchObject({ placedOrders: 2, placedGmvVnd: 160_000 });
      expect(await branchTotals(tree.city.id, 'subtree')).toMatchObject({
        placedOrders: 3,
        placedGmvVnd: 400_000,
      });
      expect(await branchTotals(tree.districtB.id, 'subtree')).toMatchObject({ placedGmvVnd: 240_000 });
      expect(await branchTotals(tree.cellA1.id, 'own')).toMatchObject({
        placedGmvVnd: 160_000,
        placedItems: 2,
      });
    });

    it('a replay counts up to exactly 7 days after the end; 1 ms later it gives way to the share link, or to none', async () => {
      const tree = await makeBranchTree(t);
      const host = await makeStreamer(t, tree.communeA2.id);
      const sharer = await makeStreamer(t, tree.cellB1.id);
      const [p] = await products(95_000);
      const product = p as ProductView;
      tick();
      const made = await liveSession(host, [product]);
      tick(30 * MINUTE);
      const endedAt = await endSession(made);
      const sessionId = made.session.id;
      const buyer = await makeUser(t);

      clock.set(new Date(endedAt.getTime() + 3 * DAY));
      const day3 = await buy(buyer, [{ product }], { sessionId });

      clock.set(new Date(endedAt.getTime() + WINDOW));
      const code = await shareLink(sharer, { sessionId });
      await openLink(code, buyer);
      const lastInstant = await buy(buyer, [{ product }], { sessionId, shareCode: code });
      // Bought at the last instant with the link as well: the replay still wins.
      await deliverPlaced(day3, lastInstant);
      for (const placed of [day3, lastInstant]) {
        expect(await recordsOf(placed)).toEqual([
          expect.objectContaining({
            channel: 'replay',
            rule: 'purchase_from_replay_within_7_days',
            sessionId,
            hostUserId: host.id,
            shareCode: null,
            branchPath: tree.communeA2.path,
          }),
        ]);
      }

      // One millisecond later orders refuses the checkout (the replay is closed), so no such message is ever
      // written by a checkout; attribution decides the same way when handed one.
      const withLink = await buy(buyer, [{ product }], { sessionId, shareCode: code });
      const withoutLink = await buy(buyer, [{ product }], { sessionId });
      tick(1);
      await expect(buy(buyer, [{ product }], { sessionId })).rejects.toMatchObject({
        code: 'SESSION_NOT_OPEN',
      });
      for (const placed of [withLink, withoutLink]) {
        const message = await placedMessage(placed);
        await deliver({ ...message, payload: { ...message.payload, placedAt: clock.now().toISOString() } });
      }
      expect(await recordsOf(withLink)).toEqual([
        expect.objectContaining({
          channel: 'link',
          rule: 'share_link_within_7_days',
          hostUserId: sharer.id,
          shareCode: code,
          sessionId,
          branchId: tree.cellB1.id,
          branchPath: tree.cellB1.path,
        }),
      ]);
      expect(await recordsOf(withoutLink)).toEqual([
        expect.objectContaining({
          channel: 'none',
          rule: 'no_attribution',
          hostUserId: null,
          sessionId: null,
          branchId: null,
          branchPath: [],
        }),
      ]);
    });

    it("a share link credits its streamer within 7 days of the buyer's first visit, not after", async () => {
      const tree = await makeBranchTree(t);
      const sharer = await makeStreamer(t, tree.communeB2.id);
      const [p] = await products(60_000);
      const product = p as ProductView;
      const [early, late, direct] = await Promise.all([makeUser(t), makeUser(t), makeUser(t)]);
      tick();
      const code = await shareLink(sharer, { productId: product.id });
      const firstVisit = clock.now();
      await openLink(code, early as MadeUser);
      await openLink(code, late as MadeUser);
      tick(DAY);
      await openLink(code, early as MadeUser); // a later visit does not restart the window

      clock.set(new Date(firstVisit.getTime() + WINDOW));
      const atLastInstant = await buy(early as MadeUser, [{ product, quantity: 3 }], { shareCode: code });
      const noVisit = await buy(direct as MadeUser, [{ product }], { shareCode: code });
      tick(1);
      const tooLate = await buy(late as MadeUser, [{ product }], { shareCode: code });
      const unknownLink = await buy(direct as MadeUser, [{ product }], { shareCode: 'no-such-link' });
      const plain = await buy(direct as MadeUser, [{ product }]);
      await deliverPlaced(atLastInstant, noVisit, tooLate, unknownLink, plain);

      const credited = expect.objectContaining({
        channel: 'link',
        hostUserId: sharer.id,
        shareCode: code,
        sessionId: null,
        branchId: tree.communeB2.id,
        branchPath: tree.communeB2.path,
      });
      expect(await recordsOf(atLastInstant)).toEqual([credited]);
      // A checkout that carried the link with no visit recorded followed it just then.
      expect(await recordsOf(noVisit)).toEqual([credited]);
      for (const placed of [tooLate, unknownLink, plain]) {
        expect(await recordsOf(placed)).toEqual([
          expect.objectContaining({ channel: 'none', shareCode: null, branchPath: [] }),
        ]);
      }
      const visits = (await t.db.query(
        `SELECT first_visited_at, last_visited_at FROM share_link_visits WHERE code = $1 AND user_id = $2`,
        [code, (early as MadeUser).id],
      )) as { first_visited_at: Date; last_visited_at: Date }[];
      expect(visits).toEqual([
        { first_visited_at: firstVisit, last_visited_at: new Date(firstVisit.getTime() + DAY) },
      ]);
      expect(await streamerTotals(sharer.id)).toMatchObject({
        placedOrders: 2,
        placedItems: 4,
        placedGmvVnd: 240_000,
      });
      // The sales credited to nobody are in the ledger (the platform total) and in no branch's figures.
      const [none] = (await t.db.query(
        `SELECT count(*)::int AS n, coalesce(sum(gmv_vnd), 0)::int AS gmv FROM ledger_entries
         WHERE order_id = ANY($1::uuid[]) AND channel = 'none' AND branch_id IS NULL AND branch_path = '{}'`,
        [[tooLate, unknownLink, plain].map((x) => x.order.id)],
      )) as { n: number; gmv: number }[];
      expect(none).toEqual({ n: 3, gmv: 180_000 });
    });
  });

  describe('the branch path is the one at the time of sale', () => {
    it('moving the branch or the streamer afterwards changes neither the records nor the totals already counted', async () => {
      const { tree, host, lineup, buyer, made } = await liveRoom('cellA1', 150_000);
      const [product] = lineup;
      const sessionId = made.session.id;
      const first = await buy(buyer, [{ product, quantity: 2 }], { sessionId });
      const day1 = vnToday(clock.now());

      // The district level is abolished: the commune now reports to the city. The placed message is handled only
      // afterwards, and still credits the path of the moment of sale.
      clock.advance(DAY);
      await t.app.get(BranchTreeService).move('system', tree.communeA1.id, tree.city.id);
      tick();
      await deliverPlaced(first);
      const oldPath = [tree.city.id, tree.districtA.id, tree.communeA1.id, tree.cellA1.id];
      const [record] = await recordsOf(first);
      expect(record).toMatchObject({ channel: 'live', branchId: tree.cellA1.id, branchPath: oldPath });
      const past = {
        districtA: await branchTotals(tree.districtA.id, 'subtree', day1),
        city: await branchTotals(tree.city.id, 'subtree', day1),
        cell: await branchTotals(tree.cellA1.id, 'own', day1),
      };
      expect(past.districtA).toEqual({
        ...ZERO_TOTALS,
        placedOrders: 1,
        placedItems: 2,
        placedGmvVnd: 300_000,
      });
      expect(past.city).toEqual(past.districtA);
      expect(past.cell).toEqual(past.districtA);

      const second = await buy(buyer, [{ product }], { sessionId });
      const day2 = vnToday(clock.now());
      await deliverPlaced(second);
      expect((await recordsOf(second))[0]?.branchPath).toEqual([
        tree.city.id,
        tree.communeA1.id,
        tree.cellA1.id,
      ]);

      // The streamer moves to a cell of the other district; their next sale is credited there.
      clock.advance(DAY);
      const memberships = t.app.get(MembershipsService);
      const applied = await memberships.applyForMembership(host.id, tree.cellB1.id);
      await memberships.approveMembership('system', applied.id);
      tick();
      const third = await buy(buyer, [{ product }], { sessionId });
      const day3 = vnToday(clock.now());
      await deliverPlaced(third);
      expect(await recordsOf(third)).toEqual([
        expect.objectContaining({
          hostUserId: host.id,
          branchId: tree.cellB1.id,
          branchPath: tree.cellB1.path,
        }),
      ]);

      expect(await recordsOf(first)).toEqual([record]);
      expect(await branchTotals(tree.districtA.id, 'subtree', day1)).toEqual(past.districtA);
      expect(await branchTotals(tree.city.id, 'subtree', day1)).toEqual(past.city);
      expect(await branchTotals(tree.cellA1.id, 'own', day1)).toEqual(past.cell);
      expect(await branchTotals(tree.districtA.id, 'subtree', day2)).toEqual(ZERO_TOTALS);
      expect(await branchTotals(tree.communeA1.id, 'subtree', day2)).toMatchObject({ placedGmvVnd: 150_000 });
      expect(await branchTotals(tree.districtB.id, 'subtree', day3)).toMatchObject({ placedGmvVnd: 150_000 });
      expect(await branchTotals(tree.cellA1.id, 'own', day3)).toEqual(ZERO_TOTALS);
      const byPath = (await t.db.query(
        `SELECT branch_id, branch_path::text[] AS branch_path, placed_gmv_vnd::int AS gmv FROM streamer_day_totals
         WHERE host_user_id = $1 ORDER BY day`,
        [host.id],
      )) as { branch_id: string; branch_path: string[]; gmv: number }[];
      expect(byPath).toEqual([
        { branch_id: tree.cellA1.id, branch_path: oldPath, gmv: 300_000 },
        {
          branch_id: tree.cellA1.id,
          branch_path: [tree.city.id, tree.communeA1.id, tree.cellA1.id],
          gmv: 150_000,
        },
        { branch_id: tree.cellB1.id, branch_path: tree.cellB1.path, gmv: 150_000 },
      ]);
    });
  });

  describe('at-least-once delivery', () => {
    it('the same placed or settled message delivered again, even concurrently, changes nothing', async () => {
      const { tree, host, lineup, buyer, made } = await liveRoom('communeA1', 70_000, 45_000);
      const [a, b] = lineup;
      const placed = await buy(
        buyer,
        [
          { product: a as ProductView, quantity: 2 },
          { product: b as ProductView, quantity: 1 },
        ],
        { sessionId: made.session.id },
      );
      const heard: TotalsChanged[] = [];
      const listener = (e: TotalsChanged) => heard.push(e);
      t.app.get(EventEmitter2).on(TOTALS_CHANGED, listener);
      try {
        const message = await placedMessage(placed);
        await deliver(message);
        const snapshot = async () => ({
          records: await recordsOf(placed),
          entries: await t.app.get(LedgerRepository).entriesOfOrder(t.db, placed.order.id),
          city: await branchTotals(tree.city.id, 'subtree'),
          own: await branchTotals(tree.communeA1.id, 'own'),
          host: await streamerTotals(host.id),
        });
        const once = await snapshot();
        expect(once.records).toHaveLength(2);
        expect(once.records.map((r) => r.countsOrder).sort()).toEqual([0, 1]);
        expect(once.entries.map((e) => e.entryId).sort()).toEqual(
          once.records.map((r) => `placed:${r.orderLineId}`).sort(),
        );
        expect(once.city).toEqual({ ...ZERO_TOTALS, placedOrders: 1, placedItems: 3, placedGmvVnd: 185_000 });
        expect(heard).toEqual([
          {
            branchIds: tree.communeA1.path,
            producerIds: [placed.order.producerId],
            hostUserIds: [host.id],
            sessionIds: [made.session.id],
          },
        ]);

        await deliver(message);
        await Promise.all(Array.from({ length: 6 }, () => deliver(message)));
        expect(await snapshot()).toEqual(once);

        tick(DAY);
        const settled = statusChanged(placed, 'shipped', 'delivered', 'deliver', true);
        await Promise.all([deliver(settled), deliver(settled), deliver({ ...settled, id: randomUUID() })]);
        await deliver(settled);
        const after = await snapshot();
        expect(after.entries.filter((e) => e.kind === 'settled')).toHaveLength(2);
        expect(after.city).toEqual({
          ...once.city,
          settledOrders: 1,
          settledItems: 3,
          settledGmvVnd: 185_000,
        });
        expect(await branchTotals(tree.city.id, 'subtree', vnToday(clock.now()))).toEqual({
          ...ZERO_TOTALS,
          settledOrders: 1,
          settledItems: 3,
          settledGmvVnd: 185_000,
        });
        expect(heard).toHaveLength(2);
      } finally {
        t.app.get(EventEmitter2).off(TOTALS_CHANGED, listener);
      }
    });

    it('a status change that arrives before its placement is refused, so the outbox retries it later', async () => {
      const { tree, lineup, buyer, made } = await liveRoom('cellB1', 210_000);
      const [product] = lineup;
      const cancelled = await buy(buyer, [{ product }], { sessionId: made.session.id });
      const returned = await buy(buyer, [{ product }], { sessionId: made.session.id });

      const cancel = statusChanged(cancelled, 'confirmed', 'cancelled', 'cancel');
      await expect(deliver(cancel)).rejects.toThrow(AttributionNotReadyError);
      expect(await t.app.get(LedgerRepository).entriesOfOrder(t.db, cancelled.order.id)).toEqual([]);
      await deliverPlaced(cancelled);
      await deliver(cancel);
      expect(
        (await t.app.get(LedgerRepository).entriesOfOrder(t.db, cancelled.order.id)).map((e) => [
          e.entryId.split(':').slice(0, -1).join(':'),
          e.gmvVnd,
        ]),
      ).toEqual([
        ['placed', 210_000],
        ['reversal:placed', -210_000],
      ]);

      // A return whose delivery (the settlement) has not been recorded yet waits for it.
      await deliverPlaced(returned);
      tick();
      const delivered = statusChanged(returned, 'shipped', 'delivered', 'deliver', true);
      tick();
      const giveBack = statusChanged(returned, 'delivered', 'refund_due', 'return');
      tick();
      // The cash goes back at once: the refund may arrive before the return that made it due, and waits for it.
      const refund = statusChanged(returned, 'refund_due', 'refunded', 'refund');
      await expect(deliver(giveBack)).rejects.toThrow(AttributionNotReadyError);
      await deliver(delivered);
      await expect(deliver(refund)).rejects.toThrow(AttributionNotReadyError);
      await deliver(giveBack);
      await deliver(refund);
      const entries = await t.app.get(LedgerRepository).entriesOfOrder(t.db, returned.order.id);
      expect(entries.map((e) => [e.kind, e.reversalOf === undefined ? 'original' : e.reason])).toEqual([
        ['placed', 'original'],
        ['settled', 'original'],
        ['placed', 'returned'],
        ['settled', 'returned'],
      ]);
      expect(await branchTotals(tree.cellB1.id, 'own')).toEqual(ZERO_TOTALS);
    });
  });

  describe('reversals are new entries with negative figures, on the day they happen', () => {
    it('a cancellation right after placement takes the order back out of the placed totals', async () => {
      const { tree, host, lineup, buyer, made } = await liveRoom('communeA2', 130_000, 55_000);
      const [a, b] = lineup;
      const placed = await buy(
        buyer,
        [
          { product: a as ProductView, quantity: 1 },
          { product: b as ProductView, quantity: 4 },
        ],
        { sessionId: made.session.id },
      );
      const day = vnToday(clock.now());
      await deliverPlaced(placed);
      expect(await branchTotals(tree.communeA2.id, 'own', day)).toEqual({
        ...ZERO_TOTALS,
        placedOrders: 1,
        placedItems: 5,
        placedGmvVnd: 350_000,
      });
      tick();
      await deliver(statusChanged(placed, 'confirmed', 'cancelled', 'cancel'));

      for (const [id, scope] of [
        [tree.communeA2.id, 'own'],
        [tree.communeA2.id, 'subtree'],
        [tree.districtA.id, 'subtree'],
        [tree.city.id, 'subtree'],
      ] as const) {
        expect(await branchTotals(id, scope, day)).toEqual(ZERO_TOTALS);
      }
      expect(await streamerTotals(host.id, day)).toEqual(ZERO_TOTALS);
      const rows = (await t.db.query(
        `SELECT entry_id, kind, gmv_vnd::int AS gmv, items, orders, reversal_of, reason, day::text AS day
         FROM ledger_entries WHERE order_id = $1 ORDER BY recorded_at, entry_id`,
        [placed.order.id],
      )) as {
        entry_id: string;
        kind: string;
        gmv: number;
        items: number;
        orders: number;
        reversal_of: string | null;
        reason: string | null;
        day: string;
      }[];
      expect(rows).toHaveLength(4);
      const reversals = rows.filter((r) => r.reversal_of !== null);
      expect(reversals).toHaveLength(2);
      for (const r of reversals) {
        const original = rows.find((o) => o.entry_id === r.reversal_of);
        expect(original).toMatchObject({ kind: 'placed', reversal_of: null, reason: null });
        expect(r).toEqual({
          entry_id: `reversal:${original?.entry_id}`,
          kind: 'placed',
          gmv: 0 - (original?.gmv ?? 0),
          items: 0 - (original?.items ?? 0),
          orders: 0 - (original?.orders ?? 0),
          reversal_of: original?.entry_id,
          reason: 'cancelled',
          day,
        });
      }
      expect(reversals.map((r) => r.orders).sort()).toEqual([-1, 0]);
    });

    it('an expired order reinstated (a late transfer accepted) counts again, once, whatever order its messages arrive in', async () => {
      const { tree, host, lineup, buyer, made } = await liveRoom('communeA1', 64_000);
      const placed = await buy(buyer, [{ product: lineup[0] as ProductView, quantity: 2 }], {
        sessionId: made.session.id,
      });
      const day = vnToday(clock.now());
      const counted = { ...ZERO_TOTALS, placedOrders: 1, placedItems: 2, placedGmvVnd: 128_000 };
      await deliverPlaced(placed);
      tick();
      const expired = statusChanged(placed, 'pending_payment', 'expired', 'expire');
      tick();
      const reinstated = statusChanged(placed, 'expired', 'confirmed', 'reinstate');
      // Before its expiry is recorded, the reinstatement waits (the expiry would reverse the line placed again too).
      await expect(deliver(reinstated)).rejects.toThrow(/retry/);
      await deliver(expired);
      expect(await branchTotals(tree.communeA1.id, 'own', day)).toEqual(ZERO_TOTALS);
      await deliver(reinstated);
      await deliver(reinstated);
      await deliver(expired);
      for (const [id, scope] of [
        [tree.communeA1.id, 'own'],
        [tree.city.id, 'subtree'],
      ] as const) {
        expect(await branchTotals(id, scope, day)).toEqual(counted);
      }
      expect(await streamerTotals(host.id, day)).toEqual(counted);
      // Cancelled after all: the line placed again is reversed too, and the order counts for nothing.
      tick();
      await deliver(statusChanged(placed, 'confirmed', 'cancelled', 'cancel'));
      expect(await branchTotals(tree.city.id, 'subtree', day)).toEqual(ZERO_TOTALS);
      const ids = (
        (await t.db.query(`SELECT entry_id FROM ledger_entries WHERE order_id = $1 ORDER BY entry_id`, [
          placed.order.id,
        ])) as { entry_id: string }[]
      ).map((r) => r.entry_id.split(':').slice(0, -1).join(':'));
      expect(ids.sort()).toEqual(
        ['placed', 'reinstated:placed', 'reversal:placed', 'reversal:reinstated:placed'].sort(),
      );
    });

    it('delivered (settled) then returned and refunded: each day keeps what happened on it, the sum is zero', async () => {
      const { tree, host, lineup, buyer, made } = await liveRoom('cellA1', 400_000);
      const [product] = lineup;
      const placed = await buy(buyer, [{ product, quantity: 2 }], { sessionId: made.session.id });
      const day1 = vnToday(clock.now());
      await deliverPlaced(placed);
      clock.advance(DAY);
      await deliver(statusChanged(placed, 'shipped', 'delivered', 'deliver', true));
      const day2 = vnToday(clock.now());
      clock.advance(DAY);
      await deliver(statusChanged(placed, 'delivered', 'refund_due', 'return'));
      const day3 = vnToday(clock.now());
      clock.advance(DAY);
      await deliver(statusChanged(placed, 'refund_due', 'refunded', 'refund'));

      const gmv = 800_000;
      const expected: [string, BranchTotals][] = [
        [day1, { ...ZERO_TOTALS, placedOrders: 1, placedItems: 2, placedGmvVnd: gmv }],
        [day2, { ...ZERO_TOTALS, settledOrders: 1, settledItems: 2, settledGmvVnd: gmv }],
        [
          day3,
          {
            placedOrders: -1,
            placedItems: -2,
            placedGmvVnd: -gmv,
            settledOrders: -1,
            settledItems: -2,
            settledGmvVnd: -gmv,
          },
        ],
        [vnToday(clock.now()), ZERO_TOTALS],
      ];
      for (const [day, totals] of expected) {
        expect({ day, totals: await branchTotals(tree.city.id, 'subtree', day) }).toEqual({ day, totals });
        expect({ day, totals: await branchTotals(tree.cellA1.id, 'own', day) }).toEqual({ day, totals });
        expect({ day, totals: await streamerTotals(host.id, day) }).toEqual({ day, totals });
      }
      expect(await branchTotals(tree.districtA.id, 'subtree')).toEqual(ZERO_TOTALS);
      const entries = await t.app.get(LedgerRepository).entriesOfOrder(t.db, placed.order.id);
      expect(entries).toHaveLength(4);
      expect(entries.filter((e) => e.reversalOf).map((e) => e.reason)).toEqual(['returned', 'returned']);
    });
  });

  describe('roll-ups', () => {
    it('under concurrent deliveries, a subtree is its own figures plus its children, and equals the ledger summed along stored paths', async () => {
      const tree = await makeBranchTree(t);
      const branches = [
        tree.city,
        tree.districtB,
        tree.communeA1,
        tree.communeA2,
        tree.communeB1,
        tree.cellA1,
        tree.cellB1,
      ];
      const streamers = await Promise.all(branches.map((b) => makeStreamer(t, b.id)));
      const codes = await Promise.all(streamers.map((s) => referralCodeOf(s)));
      const catalogueProducts = await products(50_000, 120_000, 315_000);
      const buyers = await Promise.all(Array.from({ length: 6 }, () => makeUser(t)));
      tick();

      // 42 orders at once, spread over every streamer and several quantities and products.
      const placed = await Promise.all(
        Array.from({ length: 42 }, (_, i) =>
          buy(
            buyers[i % buyers.length] as MadeUser,
            [
              { product: catalogueProducts[i % 3] as ProductView, quantity: 1 + (i % 4) },
              ...(i % 5 === 0
                ? [{ product: catalogueProducts[(i + 1) % 3] as ProductView, quantity: 2 }]
                : []),
            ],
            { referralCode: codes[i % codes.length] },
          ),
        ),
      );
      const messages = await Promise.all(placed.map((p) => placedMessage(p)));
      await Promise.all(messages.map((m) => deliver(m)));
      // Some are cancelled and some settled, again all at once, with duplicates.
      tick();
      const changes = placed.flatMap((p, i) =>
        i % 3 === 0
          ? [statusChanged(p, 'confirmed', 'cancelled', 'cancel')]
          : i % 3 === 1
            ? [statusChanged(p, 'shipped', 'delivered', 'deliver', true)]
            : [],
      );
      await Promise.all([...changes, ...changes.slice(0, 5)].map((m) => deliver(m)));

      const children = childrenOf(tree);
      for (const [branch, kids] of children) {
        const own = await branchTotals(branch.id, 'own');
        const subtree = await branchTotals(branch.id, 'subtree');
        let sum = own;
        for (const kid of kids) sum = plus(sum, await branchTotals(kid.id, 'subtree'));
        expect({ branch: branch.code, subtree }).toEqual({ branch: branch.code, subtree: sum });
        expect({ branch: branch.code, subtree }).toEqual({
          branch: branch.code,
          subtree: await ledgerTotals('subtree', branch.id),
        });
        expect({ branch: branch.code, own }).toEqual({
          branch: branch.code,
          own: await ledgerTotals('own', branch.id),
        });
      }
      for (const s of streamers) expect(await streamerTotals(s.id)).toEqual(await ledgerTotals('host', s.id));

      // The SQL roll-up agrees with the domain's reference model over the same entries.
      const entries: LedgerEntry[] = (
        await Promise.all(placed.map((p) => t.app.get(LedgerRepository).entriesOfOrder(t.db, p.order.id)))
      ).flat();
      const reference = rollupAll(entries);
      for (const branch of children.keys()) {
        const model = reference.get(branch.id);
        expect({ branch: branch.code, subtree: await branchTotals(branch.id, 'subtree') }).toEqual({
          branch: branch.code,
          subtree: model?.subtree ?? ZERO_TOTALS,
        });
        expect(await branchTotals(branch.id, 'own')).toEqual(model?.own ?? ZERO_TOTALS);
      }
      const city = await branchTotals(tree.city.id, 'subtree');
      expect(city.placedOrders).toBe(42 - 14);
      expect(city.settledOrders).toBe(14);
    }, 120_000);

    it('attribution records and ledger entries refuse UPDATE and DELETE', async () => {
      const { tree, lineup, buyer, made } = await liveRoom('communeB1', 99_000);
      const placed = await buy(buyer, [{ product: lineup[0] }], { sessionId: made.session.id });
      await deliverPlaced(placed);
      const id = placed.order.id;
      await expect(
        t.db.query(`UPDATE ledger_entries SET gmv_vnd = 0 WHERE order_id = $1`, [id]),
      ).rejects.toThrow('ledger_entries is append-only');
      await expect(t.db.query(`DELETE FROM ledger_entries WHERE order_id = $1`, [id])).rejects.toThrow(
        'ledger_entries is append-only',
      );
      await expect(
        t.db.query(
          `UPDATE attribution_records SET branch_path = '{}', branch_id = NULL WHERE order_id = $1`,
          [id],
        ),
      ).rejects.toThrow('attribution_records is append-only');
      await expect(t.db.query(`DELETE FROM attribution_records WHERE order_id = $1`, [id])).rejects.toThrow(
        'attribution_records is append-only',
      );
      expect(await recordsOf(placed)).toEqual([
        expect.objectContaining({ channel: 'live', branchPath: tree.communeB1.path }),
      ]);
    });
  });
});

describe('attribution in the worker: the outbox relay hands orders to the recorder', () => {
  let worker: TestApp;
  beforeAll(async () => {
    worker = await createTestApp({
      imports: [
        OutboxRelayModule.forRoot({ pollMs: 200 }),
        AttributionModule,
        OrdersModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
    });
  }, 60_000);
  afterAll(() => worker?.close());

  it('an order is recorded as placed, settled and returned, whatever order its messages arrive in', async () => {
    const tree = await makeBranchTree(worker);
    const admin = await makeAdmin(worker, tree.city.id);
    const farmer = await makeFarmer(worker, { branchId: tree.communeB2.id });
    const product = await makeActiveProduct(worker, { farmer, admin, priceVnd: 175_000 });
    const referrer = await makeStreamer(worker, tree.communeA2.id);
    const { code } = await worker.app.get(ReferralCodesService).codeOf(referrer.id);
    const buyer = await makeUser(worker);
    const result = await worker.app.get(CheckoutService).checkout(buyer.id, `attr-${randomUUID()}`, {
      lines: [{ productId: product.id, quantity: 2 }],
      address: {
        recipientName: 'Trần Văn Bình',
        phone: '0987654321',
        province: 'ha-noi',
        ward: 'Xã Bát Tràng',
        street: 'Thôn 2',
      },
      paymentMethod: 'cod',
      referralCode: code,
    });
    const orderId = (result.orders[0] as OrderView).id;
    const recorder = worker.app.get(AttributionRecorder);
    const deadline = Date.now() + 30_000;
    let records = await recorder.recordsOfOrder(orderId);
    while (records.length === 0 && Date.now() < deadline) {
      await waitMs(100);
      records = await recorder.recordsOfOrder(orderId);
    }
    expect(records).toEqual([
      expect.objectContaining({
        channel: 'code',
        hostUserId: referrer.id,
        referralCode: code,
        branchPath: tree.communeA2.path,
        amountVnd: 350_000,
      }),
    ]);
    const entries = async () =>
      (await worker.db.query(
        `SELECT entry_id, kind, reason, gmv_vnd::int AS gmv, day::text AS day FROM ledger_entries
         WHERE order_id = $1 ORDER BY recorded_at, entry_id`,
        [orderId],
      )) as { entry_id: string; kind: string; reason: string | null; gmv: number; day: string }[];
    const lineId = records[0]?.orderLineId;
    expect(await entries()).toEqual([
      {
        entry_id: `placed:${lineId}`,
        kind: 'placed',
        reason: null,
        gmv: 350_000,
        day: vnToday(new Date(records[0]?.placedAt ?? 0)),
      },
    ]);

    // The farmer ships, delivers with the cash (settled) and takes the order back at once: the outbox delivers
    // these changes in any order, and a return handled before its settlement waits for the retry.
    const actions = worker.app.get(OrderActionsService);
    await actions.byFarmer(farmer.id, orderId, 'ship');
    await actions.deliver(farmer.id, orderId, 350_000);
    await actions.byFarmer(farmer.id, orderId, 'return');
    const until = Date.now() + 30_000;
    while ((await entries()).length < 4 && Date.now() < until) await waitMs(100);
    expect((await entries()).map((e) => [e.entry_id, e.reason, e.gmv])).toEqual([
      [`placed:${lineId}`, null, 350_000],
      [`settled:${lineId}`, null, 350_000],
      [`reversal:placed:${lineId}`, 'returned', -350_000],
      [`reversal:settled:${lineId}`, 'returned', -350_000],
    ]);
  }, 60_000);
});
