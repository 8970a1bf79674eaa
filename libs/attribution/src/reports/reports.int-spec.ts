import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { BranchSummary, BranchTreeService, IdentityHttpModule } from '@ocop/identity';
import { addDays, FixedClock, IsoDate, vnToday } from '@ocop/kernel';
import { LiveHttpModule, PresenceService } from '@ocop/live';
import { OrdersHttpModule } from '@ocop/orders';
import {
  addCohost,
  addModerator,
  authHeader,
  BranchTree,
  checkoutBody,
  createTestApp,
  Farmer,
  MadeSession,
  MadeUser,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLiveSession,
  makeShoppersFast,
  makeStreamer,
  makeUser,
  placeCheckout,
  TestApp,
} from '@ocop/testing';
import { DataSource } from 'typeorm';
import { ATTRIBUTION_RULES, AttributionChannel } from '../domain';
import type {
  BranchFiguresView,
  BranchTotalsView,
  FarmerSalesView,
  LeaderboardView,
  SessionSummaryView,
} from './application/views';
import type { Figures } from './domain';
import { ReportsHttpModule } from './reports.module';

// ------------------------------------------------------------------------------------------------ ledger fixture
//
// The attribution writer is another part of this context; these tests do not wait for it. For orders placed through
// the real checkout, the fixture writes what the writer writes, by the same rules: one attribution record per line
// (the first line counts the order), a placed entry per line, settled entries on delivery, negative reversal
// entries, and the roll-ups (branch_day_totals own + subtree along the stored path, streamer_day_totals) moved by
// exactly the entries written.

interface Credit {
  channel: AttributionChannel;
  sessionId?: string;
  hostUserId?: string;
  /** Root first, the credited branch last; empty when nobody is credited. */
  branchPath: string[];
}

const AT_NOON_IN_HANOI = `(($DAY::date + time '12:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
const noon = (param: string) => AT_NOON_IN_HANOI.replace('$DAY', param);

async function rollUp(db: DataSource, entryIds: string[]): Promise<void> {
  const sums = ['placed', 'settled']
    .flatMap((kind) =>
      ['orders', 'items', 'gmv_vnd'].map((c) => `COALESCE(sum(x.${c}) FILTER (WHERE x.kind = '${kind}'), 0)`),
    )
    .join(', ');
  const add = `placed_orders = t.placed_orders + EXCLUDED.placed_orders,
    placed_items = t.placed_items + EXCLUDED.placed_items, placed_gmv_vnd = t.placed_gmv_vnd + EXCLUDED.placed_gmv_vnd,
    settled_orders = t.settled_orders + EXCLUDED.settled_orders, settled_items = t.settled_items + EXCLUDED.settled_items,
    settled_gmv_vnd = t.settled_gmv_vnd + EXCLUDED.settled_gmv_vnd`;
  const figures = `placed_orders, placed_items, placed_gmv_vnd, settled_orders, settled_items, settled_gmv_vnd`;
  await db.query(
    `INSERT INTO branch_day_totals AS t (branch_id, scope, day, ${figures})
     SELECT x.branch_id, x.scope, x.day, ${sums}
       FROM (SELECT e.branch_id, 'own' AS scope, e.day, e.kind, e.orders, e.items, e.gmv_vnd
               FROM ledger_entries e WHERE e.entry_id = ANY($1) AND e.branch_id IS NOT NULL
             UNION ALL
             SELECT p.id, 'subtree', e.day, e.kind, e.orders, e.items, e.gmv_vnd
               FROM ledger_entries e CROSS JOIN LATERAL unnest(e.branch_path) AS p(id)
              WHERE e.entry_id = ANY($1)) AS x
      GROUP BY x.branch_id, x.scope, x.day
     ON CONFLICT (branch_id, scope, day) DO UPDATE SET ${add}`,
    [entryIds],
  );
  await db.query(
    `INSERT INTO streamer_day_totals AS t (host_user_id, branch_id, branch_path, day, ${figures})
     SELECT x.host_user_id, x.branch_id, x.branch_path, x.day, ${sums}
       FROM ledger_entries x WHERE x.entry_id = ANY($1) AND x.host_user_id IS NOT NULL AND x.branch_id IS NOT NULL
      GROUP BY x.host_user_id, x.branch_id, x.branch_path, x.day
     ON CONFLICT (host_user_id, day, branch_path) DO UPDATE SET ${add}`,
    [entryIds],
  );
}

/** Writes ledger entries with `sql` (an INSERT ... RETURNING entry_id) and moves the roll-ups by exactly those. */
async function appendEntries(db: DataSource, sql: string, params: unknown[]): Promise<void> {
  const rows = (await db.query(sql, params)) as { entry_id: string }[];
  await rollUp(
    db,
    rows.map((r) => r.entry_id),
  );
}

/** The order was placed on `day`: its attribution records and placed entries. */
async function recordPlaced(db: DataSource, orderId: string, credit: Credit, day: IsoDate): Promise<void> {
  await db.query(
    `INSERT INTO attribution_records (order_line_id, order_id, buyer_user_id, producer_id, product_id, quantity,
       amount_vnd, counts_order, channel, rule, session_id, host_user_id, branch_id, branch_path, placed_at)
     SELECT l.id, o.id, o.buyer_user_id, o.producer_id, l.product_id, l.quantity, l.line_total_vnd,
            CASE WHEN l.position = min(l.position) OVER () THEN 1 ELSE 0 END,
            $2, $3, $4, $5, ($6::uuid[])[cardinality($6::uuid[])], $6::uuid[], ${noon('$7')}
       FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.id = $1`,
    [
      orderId,
      credit.channel,
      ATTRIBUTION_RULES[credit.channel],
      credit.sessionId ?? null,
      credit.hostUserId ?? null,
      credit.branchPath,
      day,
    ],
  );
  await appendEntries(
    db,
    `INSERT INTO ledger_entries (entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items,
       orders, channel, session_id, host_user_id, branch_id, branch_path, occurred_at, day)
     SELECT 'placed:' || r.order_line_id, 'placed', r.order_id, r.order_line_id, r.product_id, r.producer_id,
            r.amount_vnd, r.quantity, r.counts_order, r.channel, r.session_id, r.host_user_id, r.branch_id,
            r.branch_path, r.placed_at, $2::date
       FROM attribution_records r WHERE r.order_id = $1
     RETURNING entry_id`,
    [orderId, day],
  );
}

/** The order was paid and delivered on `day`. */
async function recordSettled(db: DataSource, orderId: string, day: IsoDate): Promise<void> {
  await appendEntries(
    db,
    `INSERT INTO ledger_entries (entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items,
       orders, channel, session_id, host_user_id, branch_id, branch_path, occurred_at, day)
     SELECT 'settled:' || e.order_line_id, 'settled', e.order_id, e.order_line_id, e.product_id, e.producer_id,
            e.gmv_vnd, e.items, e.orders, e.channel, e.session_id, e.host_user_id, e.branch_id, e.branch_path,
            ${noon('$2')}, $2::date
       FROM ledger_entries e WHERE e.order_id = $1 AND e.kind = 'placed' AND e.reversal_of IS NULL
     RETURNING entry_id`,
    [orderId, day],
  );
}

/** The order was cancelled or refunded on `day`: every entry not yet reversed gets its negative twin. */
async function recordReversal(
  db: DataSource,
  orderId: string,
  day: IsoDate,
  reason = 'cancelled',
): Promise<void> {
  await appendEntries(
    db,
    `INSERT INTO ledger_entries (entry_id, kind, order_id, order_line_id, product_id, producer_id, gmv_vnd, items,
       orders, channel, session_id, host_user_id, branch_id, branch_path, occurred_at, day, reversal_of, reason)
     SELECT 'reversal:' || e.entry_id, e.kind, e.order_id, e.order_line_id, e.product_id, e.producer_id,
            -e.gmv_vnd, -e.items, -e.orders, e.channel, e.session_id, e.host_user_id, e.branch_id, e.branch_path,
            ${noon('$2')}, $2::date, e.entry_id, $3
       FROM ledger_entries e
      WHERE e.order_id = $1 AND e.reversal_of IS NULL
        AND NOT EXISTS (SELECT 1 FROM ledger_entries x WHERE x.reversal_of = e.entry_id)
     RETURNING entry_id`,
    [orderId, day, reason],
  );
}

// ------------------------------------------------------------------------------------------------------ helpers

const fig = (orders: number, items: number, placedGmvVnd: number, settledGmvVnd = 0): Figures => ({
  orders,
  items,
  placedGmvVnd,
  settledGmvVnd,
});
const ZERO = fig(0, 0, 0);
const FIGURE_KEYS = ['orders', 'items', 'placedGmvVnd', 'settledGmvVnd'] as const;

function byId(view: BranchTotalsView): Map<string, BranchFiguresView> {
  return new Map(view.branches.map((b) => [b.id, b]));
}

describe('reports: totals with roll-up, leaderboards, farmer sales, CSV and session summaries', () => {
  const clock = new FixedClock(new Date());
  const today = vnToday(clock.now());
  const day = (n: number) => addDays(today, -n);

  let t: TestApp;
  let tree: BranchTree;
  /** A cell under commune A2 whose name tries to break a CSV. */
  let oddCell: BranchSummary;
  let cityAdmin: MadeUser;
  let districtAAdmin: MadeUser;
  let communeA1Admin: MadeUser;
  let districtBAdmin: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let pA1: ProductView;
  let pA2: ProductView;
  let pB1: ProductView;
  let pB2: ProductView;
  let hostCell: MadeUser;
  let hostA1: MadeUser;
  let hostB: MadeUser;
  let hostCellB: MadeUser;
  let live: MadeSession;
  let buyers: { id: string; accessToken: string }[];
  const orders: Record<string, string> = {};

  const get = (path: string, token: string) => t.http().get(path).set(authHeader(token));
  /** A sale in the live room: credited to its host's cell along the session's stored path. */
  const inRoom = (): Credit => ({
    channel: 'live',
    sessionId: live.session.id,
    hostUserId: hostCell.id,
    branchPath: live.session.branchPath,
  });
  const totals = async (token: string, query = ''): Promise<BranchTotalsView> => {
    const res = await get(`/api/admin/branch-totals${query}`, token);
    expect(res.status).toBe(200);
    return res.body as BranchTotalsView;
  };

  async function order(buyer: number, lines: [ProductView, number][], sessionId?: string): Promise<string> {
    const result = await placeCheckout(
      t,
      buyers[buyer]!.accessToken,
      checkoutBody(
        lines.map(([p, quantity]) => ({ productId: p.id, quantity })),
        sessionId ? { sessionId } : {},
      ),
    );
    expect(result.orders).toHaveLength(1);
    return result.orders[0]!.id;
  }

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ReportsHttpModule, OrdersHttpModule, LiveHttpModule, CatalogueHttpModule, IdentityHttpModule],
      clock,
    });
    tree = await makeBranchTree(t);
    oddCell = await t.app.get(BranchTreeService).createBranch('system', {
      code: `${tree.communeA2.code}-ODD`,
      name: '@Chi đoàn "Hoa Sen", số 1',
      type: 'cell',
      parentId: tree.communeA2.id,
    });
    cityAdmin = await makeAdmin(t, tree.city.id);
    districtAAdmin = await makeAdmin(t, tree.districtA.id);
    communeA1Admin = await makeAdmin(t, tree.communeA1.id);
    districtBAdmin = await makeAdmin(t, tree.districtB.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    pA1 = await makeActiveProduct(t, { farmer: farmerA, admin: cityAdmin, priceVnd: 100_000 });
    pA2 = await makeActiveProduct(t, { farmer: farmerA, admin: cityAdmin, priceVnd: 250_000 });
    pB1 = await makeActiveProduct(t, { farmer: farmerB, admin: cityAdmin, priceVnd: 80_000 });
    pB2 = await makeActiveProduct(t, {
      farmer: farmerB,
      admin: cityAdmin,
      priceVnd: 55_000,
      name: '=HYPERLINK("http://evil.example","Mua") Trà, loại 1',
    });
    hostCell = await makeStreamer(t, tree.cellA1.id, { displayName: 'Phạm Minh Anh' });
    hostA1 = await makeStreamer(t, tree.communeA1.id, { displayName: 'Nguyễn Thùy Linh' });
    hostB = await makeStreamer(t, tree.communeB1.id, { displayName: 'Kiều Đức Mạnh' });
    hostCellB = await makeStreamer(t, tree.cellB1.id, { displayName: 'Vũ Hoàng Yến' });
    live = await makeLiveSession(t, { host: hostCell, products: [pA1, pA2] });
    buyers = await makeShoppersFast(t, 4);

    const db = t.db;
    const code = (host: MadeUser, branch: BranchSummary): Credit => ({
      channel: 'code',
      hostUserId: host.id,
      branchPath: branch.path,
    });
    // o1: 2 x pA1 in the live room (credited to the cell along its path), delivered and paid the next day.
    orders.o1 = await order(0, [[pA1, 2]], live.session.id);
    await recordPlaced(db, orders.o1, inRoom(), day(2));
    await recordSettled(db, orders.o1, day(1));
    // o2: pA1 + pA2 with commune A1's streamer's referral code.
    orders.o2 = await order(1, [
      [pA1, 1],
      [pA2, 1],
    ]);
    await recordPlaced(db, orders.o2, code(hostA1, tree.communeA1), day(2));
    // o3: 3 x pB1 with commune B1's streamer's code.
    orders.o3 = await order(2, [[pB1, 3]]);
    await recordPlaced(db, orders.o3, code(hostB, tree.communeB1), day(1));
    // o5: pB1 forty days ago, credited to cell B1: outside the default period.
    orders.o5 = await order(1, [[pB1, 1]]);
    await recordPlaced(db, orders.o5, code(hostCellB, tree.cellB1), day(40));
    // o6: pA1 credited to nobody (no session, code or link).
    orders.o6 = await order(2, [[pA1, 1]]);
    await recordPlaced(db, orders.o6, { channel: 'none', branchPath: [] }, day(0));
    // o7: pA1 in the live room today, refunded today: its buyer is no buyer of the session any more.
    orders.o7 = await order(3, [[pA1, 1]], live.session.id);
    await recordPlaced(db, orders.o7, inRoom(), day(0));
    await recordReversal(db, orders.o7, day(0), 'refunded');
    // o8: farmer B's oddly named product, credited to nobody.
    orders.o8 = await order(1, [[pB2, 1]]);
    await recordPlaced(db, orders.o8, { channel: 'none', branchPath: [] }, day(0));
  }, 120_000);
  afterAll(() => t?.close());

  describe('branch totals', () => {
    it('own + children subtrees == subtree for every branch, and the city total is the sum of its subtree', async () => {
      const view = await totals(cityAdmin.accessToken);
      expect(view).toMatchObject({ from: day(29), to: today, branchId: tree.city.id });
      // The whole current tree, the city first, depth first with children by code.
      expect(view.branches.map((b) => [b.code, b.depth])).toEqual([
        [tree.city.code, 0],
        [tree.districtA.code, 1],
        [tree.communeA1.code, 2],
        [tree.cellA1.code, 3],
        [tree.communeA2.code, 2],
        [oddCell.code, 3],
        [tree.districtB.code, 1],
        [tree.communeB1.code, 2],
        [tree.cellB1.code, 3],
        [tree.communeB2.code, 2],
      ]);
      const rows = byId(view);
      for (const branch of view.branches) {
        const children = view.branches.filter((b) => b.parentId === branch.id);
        for (const key of FIGURE_KEYS) {
          const sum = branch.own[key] + children.reduce((s, c) => s + c.subtree[key], 0);
          expect([branch.code, key, branch.subtree[key]]).toEqual([branch.code, key, sum]);
        }
      }
      expect(rows.get(tree.cellA1.id)!.own).toEqual(fig(1, 2, 200_000, 200_000));
      expect(rows.get(tree.communeA1.id)!.own).toEqual(fig(1, 2, 350_000));
      expect(rows.get(tree.communeA1.id)!.subtree).toEqual(fig(2, 4, 550_000, 200_000));
      expect(rows.get(tree.districtA.id)!.own).toEqual(ZERO);
      expect(rows.get(tree.communeB1.id)!.own).toEqual(fig(1, 3, 240_000));
      expect(rows.get(tree.cellB1.id)!.own).toEqual(ZERO); // o5 is outside the last 30 days
      // The sales credited to nobody (o6, o8) are in no branch's total.
      expect(rows.get(tree.city.id)!.subtree).toEqual(fig(3, 7, 790_000, 200_000));
      expect(rows.get(tree.city.id)!.parentId).toBeNull();
    });

    it('a cancellation is a reversal entry: the totals drop by what it reverses, on the day it happens', async () => {
      const o4 = await order(0, [[pA2, 1]], live.session.id);
      await recordPlaced(t.db, o4, inRoom(), day(0));
      const placed = byId(await totals(cityAdmin.accessToken));
      expect(placed.get(tree.cellA1.id)!.own).toEqual(fig(2, 3, 450_000, 200_000));
      expect(placed.get(tree.city.id)!.subtree).toEqual(fig(4, 8, 1_040_000, 200_000));

      await recordReversal(t.db, o4, day(0), 'cancelled');
      const after = byId(await totals(cityAdmin.accessToken));
      expect(after.get(tree.cellA1.id)!.own).toEqual(fig(1, 2, 200_000, 200_000));
      expect(after.get(tree.districtA.id)!.subtree).toEqual(fig(2, 4, 550_000, 200_000));
      expect(after.get(tree.city.id)!.subtree).toEqual(fig(3, 7, 790_000, 200_000));
      // Today alone: o4 and o7 each placed and reversed: nothing left for the cell.
      const todayOnly = byId(await totals(cityAdmin.accessToken, `?from=${today}&to=${today}`));
      expect(todayOnly.get(tree.cellA1.id)!.own).toEqual(ZERO);
      // History is intact: the original entries are still there beside their reversals.
      const entries = (await t.db.query(
        `SELECT count(*)::int AS n, sum(gmv_vnd)::bigint AS net FROM ledger_entries WHERE order_id = $1`,
        [o4],
      )) as { n: number; net: string }[];
      expect(entries[0]).toEqual({ n: 2, net: '0' });
    });

    it('a period counts the days it covers, both ends included', async () => {
      const yesterday = byId(await totals(cityAdmin.accessToken, `?from=${day(1)}&to=${day(1)}`));
      expect(yesterday.get(tree.communeB1.id)!.own).toEqual(fig(1, 3, 240_000));
      expect(yesterday.get(tree.cellA1.id)!.own).toEqual(fig(0, 0, 0, 200_000)); // o1 settled yesterday
      expect(yesterday.get(tree.city.id)!.subtree).toEqual(fig(1, 3, 240_000, 200_000));

      const longAgo = await totals(cityAdmin.accessToken, `?from=${day(45)}&to=${day(35)}`);
      expect(longAgo).toMatchObject({ from: day(45), to: day(35) });
      const rows = byId(longAgo);
      expect(rows.get(tree.cellB1.id)!.own).toEqual(fig(1, 1, 80_000));
      expect(rows.get(tree.districtB.id)!.subtree).toEqual(fig(1, 1, 80_000));
      expect(rows.get(tree.city.id)!.subtree).toEqual(fig(1, 1, 80_000));

      const wholeYear = byId(await totals(cityAdmin.accessToken, `?from=${day(365)}`));
      expect(wholeYear.get(tree.city.id)!.subtree).toEqual(fig(4, 8, 870_000, 200_000));
    });

    it('an admin sees their own subtree only: the parent and a sibling are 404, as if they did not exist', async () => {
      const own = await totals(districtAAdmin.accessToken);
      expect(own.branchId).toBe(tree.districtA.id);
      expect(own.branches.map((b) => b.id).sort()).toEqual(
        [tree.districtA.id, tree.communeA1.id, tree.cellA1.id, tree.communeA2.id, oddCell.id].sort(),
      );
      expect(byId(own).get(tree.districtA.id)!.subtree).toEqual(fig(2, 4, 550_000, 200_000));

      const inside = await totals(districtAAdmin.accessToken, `?branchId=${tree.communeA1.id}`);
      expect(inside.branches.map((b) => b.id)).toEqual([tree.communeA1.id, tree.cellA1.id]);

      const sub = await totals(communeA1Admin.accessToken);
      expect(sub.branches.map((b) => b.id)).toEqual([tree.communeA1.id, tree.cellA1.id]);
      for (const [admin, branch] of [
        [communeA1Admin, tree.districtA],
        [communeA1Admin, tree.communeA2],
        [communeA1Admin, tree.city],
        [districtAAdmin, tree.city],
        [districtAAdmin, tree.districtB],
        [districtAAdmin, tree.cellB1],
      ] as const) {
        const res = await get(`/api/admin/branch-totals?branchId=${branch.id}`, admin.accessToken);
        expect([branch.code, res.status, res.body.code]).toEqual([branch.code, 404, 'BRANCH_NOT_FOUND']);
      }
      const unknown = await get(`/api/admin/branch-totals?branchId=${farmerA.id}`, cityAdmin.accessToken);
      expect(unknown.status).toBe(404);
    });

    it('only admins: a farmer is 403 ROLE_REQUIRED, and an admin whose assignment ended is 403', async () => {
      const farmer = await get('/api/admin/branch-totals', farmerA.accessToken);
      expect(farmer.status).toBe(403);
      expect(farmer.body.code).toBe('ROLE_REQUIRED');
      const former = await makeAdmin(t, tree.communeB2.id);
      await t.db.query(`UPDATE admin_assignments SET valid_to = now() WHERE user_id = $1`, [former.id]);
      const res = await get('/api/admin/branch-totals', former.accessToken);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ADMIN_SCOPE_REQUIRED');
    });
  });

  describe('leaderboards', () => {
    type Board<B> = Extract<LeaderboardView, { by: B }>;
    const fetchBoard = async (token: string, query: string): Promise<LeaderboardView> => {
      const res = await get(`/api/admin/leaderboard${query}`, token);
      expect(res.status).toBe(200);
      return res.body as LeaderboardView;
    };
    const board = async (token: string, query: string) => (await fetchBoard(token, query)) as Board<'branch'>;
    const streamerBoard = async (token: string, query: string) =>
      (await fetchBoard(token, query)) as Board<'streamer'>;

    it('branches by what each sold itself, or the children of a parent with all below them', async () => {
      const own = await board(cityAdmin.accessToken, '');
      expect(own).toMatchObject({ by: 'branch', ranking: 'own', parentId: null, from: day(29), to: today });
      expect(own.items.slice(0, 3)).toEqual([
        {
          rank: 1,
          branchId: tree.communeA1.id,
          code: tree.communeA1.code,
          name: tree.communeA1.name,
          ...fig(1, 2, 350_000),
        },
        {
          rank: 2,
          branchId: tree.communeB1.id,
          code: tree.communeB1.code,
          name: tree.communeB1.name,
          ...fig(1, 3, 240_000),
        },
        {
          rank: 3,
          branchId: tree.cellA1.id,
          code: tree.cellA1.code,
          name: tree.cellA1.name,
          ...fig(1, 2, 200_000, 200_000),
        },
      ]);
      expect(own.items).toHaveLength(10);
      expect(own.items.slice(3).every((i) => i.placedGmvVnd === 0)).toBe(true);

      const children = await board(cityAdmin.accessToken, `?parentId=${tree.city.id}&limit=5`);
      expect(children).toMatchObject({ ranking: 'subtree', parentId: tree.city.id });
      expect(children.items.map((i) => [i.rank, i.code, i.placedGmvVnd])).toEqual([
        [1, tree.districtA.code, 550_000],
        [2, tree.districtB.code, 240_000],
      ]);
    });

    it('keeps to the subtree: a district admin ranks only their branches and streamers credited there', async () => {
      const branches = await board(districtAAdmin.accessToken, '?by=branch');
      expect(branches.items.map((i) => i.code).sort()).toEqual(
        [
          tree.districtA.code,
          tree.communeA1.code,
          tree.cellA1.code,
          tree.communeA2.code,
          oddCell.code,
        ].sort(),
      );
      const streamers = await streamerBoard(districtAAdmin.accessToken, '?by=streamer');
      expect(streamers).toMatchObject({ by: 'streamer', branchId: tree.districtA.id });
      expect(streamers.items).toEqual([
        { rank: 1, hostUserId: hostA1.id, displayName: 'Nguyễn Thùy Linh', ...fig(1, 2, 350_000) },
        { rank: 2, hostUserId: hostCell.id, displayName: 'Phạm Minh Anh', ...fig(1, 2, 200_000, 200_000) },
      ]);
      const city = await streamerBoard(cityAdmin.accessToken, '?by=streamer&limit=2');
      expect(city.items.map((i) => i.hostUserId)).toEqual([hostA1.id, hostB.id]);
      const year = await streamerBoard(cityAdmin.accessToken, `?by=streamer&from=${day(365)}`);
      expect(year.items.map((i) => i.hostUserId)).toContain(hostCellB.id);

      for (const query of [`?parentId=${tree.city.id}`, `?by=streamer&parentId=${tree.districtB.id}`]) {
        const res = await get(`/api/admin/leaderboard${query}`, districtAAdmin.accessToken);
        expect([query, res.status, res.body.code]).toEqual([query, 404, 'BRANCH_NOT_FOUND']);
      }
    });
  });

  describe("farmers' sales", () => {
    const sales = async (token: string, query = ''): Promise<FarmerSalesView> => {
      const res = await get(`/api/farmer/sales${query}`, token);
      expect(res.status).toBe(200);
      return res.body as FarmerSalesView;
    };

    it('per product, per session and per branch, net of refunds', async () => {
      const byProduct = await sales(farmerA.accessToken);
      expect(byProduct).toMatchObject({ groupBy: 'product', from: day(29), to: today });
      // o1, o2, o6 stand; o4 and o7 were reversed. Per product, an order counts for each product it holds.
      expect(byProduct.total).toEqual(fig(3, 5, 650_000, 200_000));
      expect(byProduct.rows).toEqual([
        { id: pA1.id, name: pA1.name, ...fig(3, 4, 400_000, 200_000) },
        { id: pA2.id, name: pA2.name, ...fig(1, 1, 250_000) },
      ]);

      const bySession = await sales(farmerA.accessToken, '?groupBy=session');
      expect(bySession.rows).toEqual([
        { id: null, name: null, ...fig(2, 3, 450_000) },
        { id: live.session.id, name: live.session.title, ...fig(1, 2, 200_000, 200_000) },
      ]);

      const byBranch = await sales(farmerA.accessToken, '?groupBy=branch');
      expect(byBranch.rows).toEqual([
        { id: tree.communeA1.id, name: tree.communeA1.name, ...fig(1, 2, 350_000) },
        { id: tree.cellA1.id, name: tree.cellA1.name, ...fig(1, 2, 200_000, 200_000) },
        { id: null, name: null, ...fig(1, 1, 100_000) },
      ]);
      const oneProduct = await sales(farmerA.accessToken, `?productId=${pA2.id}`);
      expect(oneProduct.rows.map((r) => r.id)).toEqual([pA2.id]);
    });

    it("a farmer never sees another farmer's sales, even by naming their product or session", async () => {
      const b = await sales(farmerB.accessToken);
      expect(b.rows.map((r) => r.id).sort()).toEqual([pB1.id, pB2.id].sort());
      expect(b.total).toEqual(fig(2, 4, 295_000));

      for (const [farmer, query] of [
        [farmerA, `?productId=${pB1.id}`],
        [farmerA, `?productId=${pB1.id}&groupBy=branch`],
        [farmerB, `?sessionId=${live.session.id}`],
        [farmerB, `?productId=${pA1.id}&groupBy=session`],
      ] as const) {
        const view = await sales(farmer.accessToken, query);
        expect([query, view.rows, view.total]).toEqual([query, [], ZERO]);
      }
      const admin = await get('/api/farmer/sales', cityAdmin.accessToken);
      expect(admin.status).toBe(403);
    });
  });

  describe('CSV export', () => {
    it('branch totals as an attachment: a header row, one row per branch, names quoted and neutralised', async () => {
      const res = await get(
        `/api/admin/branch-totals?format=csv&branchId=${tree.districtA.id}`,
        districtAAdmin.accessToken,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="branch-totals_${tree.districtA.code}_${day(29)}_${today}.csv"`,
      );
      const text = res.text;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe(
        'from,to,branch_id,code,name,parent_id,depth,own_orders,own_items,own_placed_gmv_vnd,own_settled_gmv_vnd,' +
          'subtree_orders,subtree_items,subtree_placed_gmv_vnd,subtree_settled_gmv_vnd',
      );
      expect(lines).toHaveLength(1 + 5 + 1);
      expect(lines[1]).toBe(
        `"${day(29)}","${today}","${tree.districtA.id}","${tree.districtA.code}","${tree.districtA.name}",,0,` +
          '0,0,0,0,2,4,550000,200000',
      );
      expect(lines).toContain(
        `"${day(29)}","${today}","${oddCell.id}","${oddCell.code}","'@Chi đoàn ""Hoa Sen"", số 1",` +
          `"${tree.communeA2.id}",2,0,0,0,0,0,0,0,0`,
      );
    });

    it("a farmer's sales: a product named like a formula stays text", async () => {
      const res = await get('/api/farmer/sales?format=csv&groupBy=product', farmerB.accessToken);
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="sales-by-product_${day(29)}_${today}.csv"`,
      );
      const lines = res.text.slice(1).split('\r\n');
      expect(lines[0]).toBe('from,to,product_id,name,orders,items,placed_gmv_vnd,settled_gmv_vnd');
      expect(lines.slice(1, -1)).toEqual([
        `"${day(29)}","${today}","${pB1.id}","${pB1.name}",1,3,240000,0`,
        `"${day(29)}","${today}","${pB2.id}","'=HYPERLINK(""http://evil.example"",""Mua"") Trà, loại 1",1,1,55000,0`,
      ]);
    });
  });

  describe('session summary', () => {
    it('GMV, orders, unique buyers (refunded orders excluded), viewers, conversion and per product', async () => {
      const presence = t.app.get(PresenceService);
      for (const key of ['u:v1', 'u:v2', 'u:v3', 'u:v4']) await presence.join(live.session.id, key);
      await presence.leave(live.session.id, 'u:v4');

      const res = await get(`/api/sessions/${live.session.id}/summary`, hostCell.accessToken);
      expect(res.status).toBe(200);
      const summary = res.body as SessionSummaryView;
      expect(summary).toMatchObject({
        sessionId: live.session.id,
        title: live.session.title,
        status: 'live',
        hostUserId: hostCell.id,
        branchId: tree.cellA1.id,
        // o1 stands; o4 (cancelled) and o7 (refunded) were placed here and reversed.
        ...fig(1, 2, 200_000, 200_000),
        uniqueBuyers: 1,
        uniqueViewers: 4,
        peakViewers: 4,
        viewersNow: 3,
        conversion: 0.25,
      });
      expect(summary.products).toEqual([
        { productId: pA1.id, name: pA1.name, ...fig(1, 2, 200_000, 200_000) },
        { productId: pA2.id, name: pA2.name, ...ZERO },
      ]);
    });

    it('for the host, a co-host and admins above the branch; 404 for everyone else', async () => {
      const cohost = await makeUser(t);
      const moderator = await makeUser(t);
      await addCohost(t, live, cohost);
      await addModerator(t, live, moderator);
      for (const who of [hostCell, cohost, cityAdmin, districtAAdmin, communeA1Admin]) {
        const res = await get(`/api/sessions/${live.session.id}/summary`, who.accessToken);
        expect(res.status).toBe(200);
      }
      for (const who of [moderator, districtBAdmin, farmerA, hostB]) {
        const res = await get(`/api/sessions/${live.session.id}/summary`, who.accessToken);
        expect([res.status, res.body.code]).toEqual([404, 'SESSION_NOT_FOUND']);
      }
      const unknown = await get(`/api/sessions/${farmerA.producer.id}/summary`, cityAdmin.accessToken);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'SESSION_NOT_FOUND']);
    });

    it('a session nobody watched has no conversion', async () => {
      const quiet = await makeLiveSession(t, { host: hostA1, products: [pA1] });
      const res = await get(`/api/sessions/${quiet.session.id}/summary`, hostA1.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        ...ZERO,
        uniqueBuyers: 0,
        uniqueViewers: 0,
        conversion: null,
        products: [],
      });
    });
  });

  describe('bad input', () => {
    it('is a 400 with a code, on every report', async () => {
      const cases: [string, string, string][] = [
        ['/api/admin/branch-totals?from=2025-02-30', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/branch-totals?from=20250101', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        [
          '/api/admin/branch-totals?from=2025-01-01&from=2025-01-02',
          cityAdmin.accessToken,
          'VALIDATION_FAILED',
        ],
        ['/api/admin/branch-totals?from=2025-03-02&to=2025-03-01', cityAdmin.accessToken, 'PERIOD_REVERSED'],
        ['/api/admin/branch-totals?from=2024-01-01&to=2025-01-01', cityAdmin.accessToken, 'PERIOD_TOO_LONG'],
        ['/api/admin/branch-totals?branchId=HN', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/branch-totals?format=xlsx', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/branch-totals?scope=all', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?by=farmer', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?limit=0', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?limit=101', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?limit=ten', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?format=csv', cityAdmin.accessToken, 'VALIDATION_FAILED'],
        ['/api/admin/leaderboard?to=2020-01-01&from=2021-01-01', cityAdmin.accessToken, 'PERIOD_REVERSED'],
        ['/api/farmer/sales?groupBy=day', farmerA.accessToken, 'VALIDATION_FAILED'],
        ['/api/farmer/sales?productId=1', farmerA.accessToken, 'VALIDATION_FAILED'],
        ['/api/farmer/sales?producerId=' + farmerB.producer.id, farmerA.accessToken, 'VALIDATION_FAILED'],
        ['/api/farmer/sales?from=2024-02-01&to=2025-02-02', farmerA.accessToken, 'PERIOD_TOO_LONG'],
        ['/api/sessions/not-a-uuid/summary', hostCell.accessToken, 'VALIDATION_FAILED'],
      ];
      for (const [path, token, code] of cases) {
        const res = await get(path, token);
        expect([path, res.status, res.body.code]).toEqual([path, 400, code]);
      }
      const noToken = await t.http().get('/api/admin/branch-totals');
      expect([noToken.status, noToken.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });
});
