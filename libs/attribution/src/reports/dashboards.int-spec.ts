import { EventEmitter2 } from '@nestjs/event-emitter';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { FixedClock, vnToday } from '@ocop/kernel';
import { LiveHttpModule } from '@ocop/live';
import { OrdersHttpModule } from '@ocop/orders';
import {
  BranchTree,
  checkoutBody,
  collectSocketEvents,
  connectSocket,
  createTestApp,
  Farmer,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeShoppersFast,
  makeUser,
  nextSocketEvent,
  placeCheckout,
  socketAck,
  socketAckOk,
  TestApp,
  waitMs,
} from '@ocop/testing';
import type { Socket } from 'socket.io-client';
import { TOTALS_CHANGED, TotalsChanged } from '../attribution.events';
import type {
  BranchDashboardTotals,
  DashboardJoined,
  DashboardTotals,
  FarmerDashboardTotals,
} from './reports.events';
import { ReportsHttpModule } from './reports.module';

describe('live dashboards over socket.io', () => {
  const clock = new FixedClock(new Date());
  const today = vnToday(clock.now());
  let t: TestApp;
  let tree: BranchTree;
  let cityAdmin: MadeUser;
  let districtAAdmin: MadeUser;
  let districtBAdmin: MadeUser;
  let farmer: Farmer;
  let otherFarmer: Farmer;

  const changed = (event: Partial<TotalsChanged>) =>
    t.app.get(EventEmitter2).emit(TOTALS_CHANGED, {
      branchIds: [],
      producerIds: [],
      hostUserIds: [],
      sessionIds: [],
      ...event,
    } satisfies TotalsChanged);

  /** What the attribution writer does for one sale credited to `path`: the roll-ups of today move. */
  async function creditToday(path: string[], gmvVnd: number): Promise<void> {
    await t.db.query(
      `INSERT INTO branch_day_totals AS t (branch_id, scope, day, placed_orders, placed_items, placed_gmv_vnd)
       SELECT b.id, b.scope, $2::date, 1, 1, $3
         FROM (SELECT $1::uuid[] AS path) p,
              LATERAL (SELECT p.path[cardinality(p.path)] AS id, 'own' AS scope
                       UNION ALL SELECT id, 'subtree' FROM unnest(p.path) AS id) b
       ON CONFLICT (branch_id, scope, day) DO UPDATE SET placed_orders = t.placed_orders + 1,
         placed_items = t.placed_items + 1, placed_gmv_vnd = t.placed_gmv_vnd + EXCLUDED.placed_gmv_vnd`,
      [path, today, gmvVnd],
    );
  }

  const join = (socket: Socket, payload: unknown): Promise<DashboardJoined> =>
    socketAckOk<DashboardJoined>(socket, 'dashboard:join', payload);

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ReportsHttpModule, OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      clock,
      websockets: true,
    });
    tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    districtAAdmin = await makeAdmin(t, tree.districtA.id);
    districtBAdmin = await makeAdmin(t, tree.districtB.id);
    farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    otherFarmer = await makeFarmer(t, { branchId: tree.communeB1.id });
  }, 60_000);
  afterAll(() => t?.close());

  it('joins only what the caller may see, with coded acks for everything else', async () => {
    const admin = await connectSocket(t, districtAAdmin.accessToken);
    const joined = await join(admin, { scope: 'branch', branchId: tree.communeA1.id });
    expect(joined.room).toBe(`dashboard:branch:${tree.communeA1.id}`);
    expect(joined.totals).toMatchObject({
      scope: 'branch',
      branchId: tree.communeA1.id,
      day: today,
      to: today,
    });

    const shopper = await connectSocket(t, (await makeUser(t)).accessToken);
    const guest = await connectSocket(t);
    const farmerSocket = await connectSocket(t, farmer.accessToken);
    const cases: [Socket, unknown, string][] = [
      [admin, { scope: 'branch', branchId: tree.districtB.id }, 'BRANCH_NOT_FOUND'],
      [admin, { scope: 'branch', branchId: tree.city.id }, 'BRANCH_NOT_FOUND'],
      [admin, { scope: 'farmer' }, 'ROLE_REQUIRED'],
      [farmerSocket, { scope: 'branch', branchId: tree.communeA1.id }, 'ROLE_REQUIRED'],
      [shopper, { scope: 'farmer' }, 'ROLE_REQUIRED'],
      [guest, { scope: 'farmer' }, 'SIGN_IN_REQUIRED'],
      [admin, { scope: 'branch' }, 'INVALID_PAYLOAD'],
      [admin, { scope: 'branch', branchId: 'HN' }, 'INVALID_PAYLOAD'],
      [farmerSocket, { scope: 'farmer', branchId: tree.communeA1.id }, 'INVALID_PAYLOAD'],
      [admin, { scope: 'city' }, 'INVALID_PAYLOAD'],
      [admin, { scope: 'branch', branchId: tree.communeA1.id, all: true }, 'INVALID_PAYLOAD'],
      [admin, 'dashboard', 'INVALID_PAYLOAD'],
    ];
    for (const [socket, payload, code] of cases) {
      const answer = await socketAck(socket, 'dashboard:join', payload);
      expect([payload, answer.ok ? 'ok' : answer.code]).toEqual([payload, code]);
    }
    expect(await join(farmerSocket, { scope: 'farmer' })).toMatchObject({
      room: `dashboard:farmer:${farmer.id}`,
      totals: { scope: 'farmer', day: today },
    });
    expect(admin.connected).toBe(true);
  });

  it('an admin dashboard gets fresh figures after TOTALS_CHANGED; other branches hear nothing', async () => {
    const a = await connectSocket(t, districtAAdmin.accessToken);
    const b = await connectSocket(t, districtBAdmin.accessToken);
    const city = await connectSocket(t, cityAdmin.accessToken);
    const before = (await join(a, { scope: 'branch', branchId: tree.districtA.id }))
      .totals as BranchDashboardTotals;
    await join(b, { scope: 'branch', branchId: tree.districtB.id });
    const cityBefore = (await join(city, { scope: 'branch', branchId: tree.city.id }))
      .totals as BranchDashboardTotals;
    const heardByB = collectSocketEvents<DashboardTotals>(b, 'dashboard:totals');

    await creditToday(tree.cellA1.path, 300_000);
    const nextA = nextSocketEvent<BranchDashboardTotals>(a, 'dashboard:totals');
    const nextCity = nextSocketEvent<BranchDashboardTotals>(city, 'dashboard:totals');
    changed({ branchIds: tree.cellA1.path });
    const [updateA, updateCity] = await Promise.all([nextA, nextCity]);
    expect(updateA).toMatchObject({ scope: 'branch', branchId: tree.districtA.id, day: today });
    expect(updateA.today.own).toEqual(before.today.own);
    expect(updateA.today.subtree.placedGmvVnd).toBe(before.today.subtree.placedGmvVnd + 300_000);
    expect(updateA.period.subtree.orders).toBe(before.period.subtree.orders + 1);
    expect(updateCity.today.subtree.placedGmvVnd).toBe(cityBefore.today.subtree.placedGmvVnd + 300_000);
    await waitMs(400);
    expect(heardByB.items).toEqual([]);
    heardByB.stop();
  });

  it('an order rush is throttled to a few updates a second, and the last one shows the last sale', async () => {
    const admin = await connectSocket(t, districtAAdmin.accessToken);
    const start = (await join(admin, { scope: 'branch', branchId: tree.communeA2.id }))
      .totals as BranchDashboardTotals;
    const heard = collectSocketEvents<BranchDashboardTotals>(admin, 'dashboard:totals');
    const sales = 40;
    const began = Date.now();
    for (let i = 0; i < sales; i++) {
      await creditToday(tree.communeA2.path, 10_000);
      changed({ branchIds: tree.communeA2.path });
      await waitMs(25);
    }
    const elapsed = Date.now() - began;
    await waitMs(800);
    heard.stop();
    const expected = start.today.own.placedGmvVnd + sales * 10_000;
    // One at once, then at most one per 250 ms, then the trailing one.
    expect(heard.items.length).toBeGreaterThanOrEqual(2);
    expect(heard.items.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    expect(heard.items.length).toBeLessThan(sales / 4);
    expect(heard.items.at(-1)!.today.own).toMatchObject({
      orders: start.today.own.orders + sales,
      placedGmvVnd: expected,
    });
  });

  it("a farmer's dashboard moves with their own sales only, and stops after dashboard:leave", async () => {
    const admin = await makeAdmin(t, tree.city.id);
    const product = await makeActiveProduct(t, { farmer, admin, priceVnd: 120_000 });
    const [buyer] = await makeShoppersFast(t, 1);
    const mine = await connectSocket(t, farmer.accessToken);
    const theirs = await connectSocket(t, otherFarmer.accessToken);
    await join(mine, { scope: 'farmer' });
    await join(theirs, { scope: 'farmer' });
    const heardByOther = collectSocketEvents<DashboardTotals>(theirs, 'dashboard:totals');

    const placed = await placeCheckout(
      t,
      buyer!.accessToken,
      checkoutBody([{ productId: product.id, quantity: 2 }]),
    );
    const orderId = placed.orders[0]!.id;
    // What the writer appends for this sale (credited to nobody): its record and its placed entry, counted today.
    await t.db.query(
      `INSERT INTO attribution_records (order_line_id, order_id, buyer_user_id, producer_id, product_id, quantity,
         amount_vnd, counts_order, channel, rule, placed_at)
       SELECT l.id, o.id, o.buyer_user_id, o.producer_id, l.product_id, l.quantity, l.line_total_vnd, 1, 'none',
              'no_attribution', o.placed_at
         FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.id = $1`,
      [orderId],
    );
    await t.db.query(
      `INSERT INTO ledger_entries (entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items,
         orders, channel, occurred_at, day)
       SELECT 'placed:' || r.order_line_id, 'placed', r.order_id, r.order_line_id, r.product_id, r.producer_id,
              r.amount_vnd, r.quantity, r.counts_order, r.channel, r.placed_at, $2::date
         FROM attribution_records r WHERE r.order_id = $1`,
      [orderId, today],
    );
    const next = nextSocketEvent<FarmerDashboardTotals>(mine, 'dashboard:totals');
    changed({ producerIds: [farmer.producer.id] });
    expect(await next).toMatchObject({
      scope: 'farmer',
      day: today,
      today: { orders: 1, items: 2, placedGmvVnd: 240_000, settledGmvVnd: 0 },
      period: { orders: 1, items: 2, placedGmvVnd: 240_000 },
    });

    const left = await socketAck<{ left: boolean }>(mine, 'dashboard:leave', { scope: 'farmer' });
    expect(left).toEqual({ ok: true, data: { left: true } });
    const heardAfterLeaving = collectSocketEvents<DashboardTotals>(mine, 'dashboard:totals');
    await waitMs(300); // past the throttle window, so a new change would be sent at once
    changed({ producerIds: [farmer.producer.id] });
    await waitMs(500);
    expect(heardAfterLeaving.items).toEqual([]);
    expect(heardByOther.items).toEqual([]);
  });
});
