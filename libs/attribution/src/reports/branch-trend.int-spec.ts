import { IdentityHttpModule } from '@ocop/identity';
import { addDays, FixedClock, IsoDate, vnToday } from '@ocop/kernel';
import {
  authHeader,
  BranchTree,
  createTestApp,
  MadeUser,
  makeAdmin,
  makeBranchTree,
  makeUser,
  TestApp,
} from '@ocop/testing';
import type { BranchTotalsView, BranchTrendView } from './application/views';
import { addFigures, type Figures, ZERO_FIGURES } from './domain';
import { ReportsHttpModule } from './reports.module';

const FIGURE_KEYS = ['orders', 'items', 'placedGmvVnd', 'settledGmvVnd'] as const;

describe('admin branch trend: own and subtree figures day by day', () => {
  const clock = new FixedClock(new Date());
  const today = vnToday(clock.now());
  const day = (n: number) => addDays(today, -n);

  let t: TestApp;
  let tree: BranchTree;
  let cityAdmin: MadeUser;
  let districtAAdmin: MadeUser;
  let districtBAdmin: MadeUser;

  const get = (path: string, token: string) => t.http().get(path).set(authHeader(token));
  const trend = async (token: string, query = ''): Promise<BranchTrendView> => {
    const res = await get(`/api/admin/branch-trend${query}`, token);
    expect(res.status).toBe(200);
    return res.body as BranchTrendView;
  };
  const totals = async (token: string, query = ''): Promise<BranchTotalsView> => {
    const res = await get(`/api/admin/branch-totals${query}`, token);
    expect(res.status).toBe(200);
    return res.body as BranchTotalsView;
  };
  const sum = (list: Figures[]): Figures => list.reduce((a, b) => addFigures(a, b), { ...ZERO_FIGURES });

  /**
   * What the attribution writer does to the roll-ups for a sale (or, with negative figures, a reversal) credited
   * along `path` (root first, the credited branch last) on `day`: the last branch's own row and the subtree row of
   * every branch on the path move by the same figures.
   */
  async function credit(path: string[], on: IsoDate, f: Figures): Promise<void> {
    await t.db.query(
      `INSERT INTO branch_day_totals AS t (branch_id, scope, day, placed_orders, placed_items, placed_gmv_vnd,
         settled_orders, settled_items, settled_gmv_vnd)
       SELECT b.id, b.scope, $2::date, $3::int, $4::int, $5::bigint,
              CASE WHEN $6::bigint <> 0 THEN $3::int ELSE 0 END, CASE WHEN $6::bigint <> 0 THEN $4::int ELSE 0 END,
              $6::bigint
         FROM (SELECT $1::uuid[] AS path) p,
              LATERAL (SELECT p.path[cardinality(p.path)] AS id, 'own' AS scope
                       UNION ALL SELECT id, 'subtree' FROM unnest(p.path) AS id) b
       ON CONFLICT (branch_id, scope, day) DO UPDATE SET
         placed_orders = t.placed_orders + EXCLUDED.placed_orders,
         placed_items = t.placed_items + EXCLUDED.placed_items,
         placed_gmv_vnd = t.placed_gmv_vnd + EXCLUDED.placed_gmv_vnd,
         settled_orders = t.settled_orders + EXCLUDED.settled_orders,
         settled_items = t.settled_items + EXCLUDED.settled_items,
         settled_gmv_vnd = t.settled_gmv_vnd + EXCLUDED.settled_gmv_vnd`,
      [path, on, f.orders, f.items, f.placedGmvVnd, f.settledGmvVnd],
    );
  }
  const fig = (orders: number, items: number, placedGmvVnd: number, settledGmvVnd = 0): Figures => ({
    orders,
    items,
    placedGmvVnd,
    settledGmvVnd,
  });

  beforeAll(async () => {
    t = await createTestApp({ imports: [ReportsHttpModule, IdentityHttpModule], clock });
    tree = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    districtAAdmin = await makeAdmin(t, tree.districtA.id);
    districtBAdmin = await makeAdmin(t, tree.districtB.id);

    // Two days ago: a sale in cell A1 (paid and delivered) and one credited to commune A1 itself.
    await credit(tree.cellA1.path, day(2), fig(1, 2, 200_000, 200_000));
    await credit(tree.communeA1.path, day(2), fig(1, 2, 350_000));
    // Yesterday: commune B1.
    await credit(tree.communeB1.path, day(1), fig(1, 3, 240_000));
    // Today: two sales in cell A1, one of them refunded today (its negative twin).
    await credit(tree.cellA1.path, day(0), fig(1, 1, 100_000));
    await credit(tree.cellA1.path, day(0), fig(1, 4, 400_000));
    await credit(tree.cellA1.path, day(0), fig(-1, -4, -400_000));
    // Forty days ago, outside the default period: cell B1.
    await credit(tree.cellB1.path, day(40), fig(2, 2, 80_000));
  }, 60_000);
  afterAll(() => t?.close());

  it('answers every day of the period in order, zeros for days without sales', async () => {
    const view = await trend(cityAdmin.accessToken);
    expect(view).toMatchObject({ branchId: tree.city.id, from: day(29), to: today });
    expect(view.days.map((d) => d.day)).toEqual(Array.from({ length: 30 }, (_, i) => day(29 - i)));
    const byDay = new Map(view.days.map((d) => [d.day, d]));
    expect(byDay.get(day(2))).toEqual({
      day: day(2),
      own: ZERO_FIGURES,
      subtree: fig(2, 4, 550_000, 200_000),
    });
    expect(byDay.get(day(1))!.subtree).toEqual(fig(1, 3, 240_000));
    expect(byDay.get(day(0))!.subtree).toEqual(fig(1, 1, 100_000));
    for (const quiet of [day(29), day(10), day(3)]) {
      expect(byDay.get(quiet)).toEqual({ day: quiet, own: ZERO_FIGURES, subtree: ZERO_FIGURES });
    }

    // A period with no sales at all still lists its days.
    const empty = await trend(cityAdmin.accessToken, `?from=${day(20)}&to=${day(14)}`);
    expect(empty.days).toEqual(
      Array.from({ length: 7 }, (_, i) => ({ day: day(20 - i), own: ZERO_FIGURES, subtree: ZERO_FIGURES })),
    );

    // The longest period (366 days) and a single day: both ends included.
    const year = await trend(cityAdmin.accessToken, `?from=${day(365)}`);
    expect(year.days).toHaveLength(366);
    expect(year.days.find((d) => d.day === day(40))!.subtree).toEqual(fig(2, 2, 80_000));
    const single = await trend(cityAdmin.accessToken, `?from=${day(2)}&to=${day(2)}`);
    expect(single.days.map((d) => d.day)).toEqual([day(2)]);
  });

  it('sums to the branch totals of the same period, for every branch and period', async () => {
    const periods = ['', `?from=${day(2)}&to=${day(1)}`, `?from=${day(365)}&to=${today}`];
    for (const period of periods) {
      const all = await totals(cityAdmin.accessToken, period);
      for (const branch of all.branches) {
        const sep = period ? '&' : '?';
        const series = await trend(cityAdmin.accessToken, `${period}${sep}branchId=${branch.id}`);
        expect(series).toMatchObject({ branchId: branch.id, from: all.from, to: all.to });
        expect([branch.code, period, sum(series.days.map((d) => d.own))]).toEqual([
          branch.code,
          period,
          branch.own,
        ]);
        expect([branch.code, period, sum(series.days.map((d) => d.subtree))]).toEqual([
          branch.code,
          period,
          branch.subtree,
        ]);
      }
    }
    // Commune A1 on its own and with the cell below it.
    const communeA1 = await trend(districtAAdmin.accessToken, `?branchId=${tree.communeA1.id}`);
    const twoDaysAgo = communeA1.days.find((d) => d.day === day(2))!;
    expect(twoDaysAgo.own).toEqual(fig(1, 2, 350_000));
    expect(twoDaysAgo.subtree).toEqual(fig(2, 4, 550_000, 200_000));
  });

  it('subtree figures are never below own figures, day by day', async () => {
    const all = await totals(cityAdmin.accessToken);
    for (const branch of all.branches) {
      const series = await trend(cityAdmin.accessToken, `?branchId=${branch.id}`);
      for (const d of series.days) {
        for (const key of FIGURE_KEYS) {
          expect([branch.code, d.day, key, d.subtree[key] >= d.own[key]]).toEqual([
            branch.code,
            d.day,
            key,
            true,
          ]);
        }
      }
    }
  });

  it("defaults to the admin's scope root; another admin's subtree is 404 BRANCH_NOT_FOUND", async () => {
    const own = await trend(districtAAdmin.accessToken);
    expect(own.branchId).toBe(tree.districtA.id);
    expect(sum(own.days.map((d) => d.subtree))).toEqual(fig(3, 5, 650_000, 200_000));

    for (const [who, branchId] of [
      [districtBAdmin, tree.districtA.id],
      [districtBAdmin, tree.cellA1.id],
      [districtAAdmin, tree.city.id],
      [districtAAdmin, tree.communeB1.id],
      [cityAdmin, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await get(`/api/admin/branch-trend?branchId=${branchId}`, who.accessToken);
      expect([res.status, res.body.code]).toEqual([404, 'BRANCH_NOT_FOUND']);
      const same = await get(`/api/admin/branch-totals?branchId=${branchId}`, who.accessToken);
      expect([same.status, same.body.code]).toEqual([404, 'BRANCH_NOT_FOUND']);
    }
  });

  it('only admins: 401 without a token, 403 for a shopper', async () => {
    const anonymous = await t.http().get('/api/admin/branch-trend');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const shopper = await makeUser(t);
    const res = await get('/api/admin/branch-trend', shopper.accessToken);
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('bad dates and unknown fields are a 400 with a code', async () => {
    const cases: [string, string][] = [
      ['?from=2025-02-30', 'VALIDATION_FAILED'],
      ['?to=20250101', 'VALIDATION_FAILED'],
      ['?from=yesterday', 'VALIDATION_FAILED'],
      ['?from=2025-01-01&from=2025-01-02', 'VALIDATION_FAILED'],
      ['?from=2025-03-02&to=2025-03-01', 'PERIOD_REVERSED'],
      ['?from=2024-01-01&to=2025-01-01', 'PERIOD_TOO_LONG'],
      ['?branchId=HN', 'VALIDATION_FAILED'],
      ['?format=csv', 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const res = await get(`/api/admin/branch-trend${query}`, cityAdmin.accessToken);
      expect([query, res.status, res.body.code]).toEqual([query, 400, code]);
    }
  });
});
