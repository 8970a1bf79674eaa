import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributionHttpModule, ReportsHttpModule } from '@ocop/attribution';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxMessage, OutboxSubscribers, OutboxTopic } from '@ocop/db';
import { BranchTreeService, IdentityHttpModule } from '@ocop/identity';
import { addDays, FixedClock, vnToday } from '@ocop/kernel';
import { LiveHttpModule } from '@ocop/live';
import { CheckoutService, OrderActionsService, OrdersHttpModule, OrderView } from '@ocop/orders';
import {
  authHeader,
  BranchTree,
  collectSocketEvents,
  connectSocket,
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
  makeStreamer,
  makeUser,
  socketAck,
  TestApp,
  waitFor,
} from '@ocop/testing';
import { chromium } from 'playwright-core';
import { DataSource, EntityManager } from 'typeorm';
import {
  AtRiskService,
  CampaignProductView,
  CoverageService,
  CampaignReportView,
  CampaignsHttpModule,
  CampaignView,
  CoverageView,
  FarmerCampaignProductView,
  productState,
  ProgressView,
} from '@ocop/campaigns';

const DAY = 24 * 3600 * 1000;
const ATTRIBUTION_SUBSCRIBER = 'attribution.recorder';

describe('campaigns: the pledge planned and proven', () => {
  const clock = new FixedClock(new Date());
  const today = vnToday(clock.now());
  let t: TestApp;
  let tree: BranchTree;
  let other: BranchTree;
  let cityAdmin: MadeUser;
  let districtAAdmin: MadeUser;
  let districtBAdmin: MadeUser;
  let outsiderAdmin: MadeUser;
  let farmerA: Farmer;
  let farmerB: Farmer;
  let outsiderFarmer: Farmer;
  let sA1: MadeUser;
  let sA2: MadeUser;
  let sB1: MadeUser;
  let outsiderStreamer: MadeUser;
  let a: ProductView[];
  let b: ProductView[];
  let x: ProductView;
  let campaign: CampaignView;
  let s1: MadeSession;
  let s2: MadeSession;
  let s3: MadeSession;
  const handled = new Set<string>();

  const http = () => t.http();
  const as = (user: { accessToken: string }) => authHeader(user.accessToken);

  /**
   * Hands every new order message of the outbox to attribution's writer, and every session change to the campaigns
   * subscriber (the dashboards' roll-up), in order, as the worker does.
   */
  async function pump(): Promise<void> {
    const rows = (await t.db.query(
      `SELECT id, topic, key, payload, created_at AS "createdAt" FROM outbox
        WHERE topic IN ('orders.placed', 'orders.status-changed', 'live.session-changed') ORDER BY created_at, id`,
    )) as OutboxMessage<OutboxTopic>[];
    for (const message of rows) {
      if (handled.has(message.id)) continue;
      const name =
        message.topic === 'live.session-changed' ? 'campaigns.session-changed' : ATTRIBUTION_SUBSCRIBER;
      const subscriber = t.app
        .get(OutboxSubscribers)
        .of(message.topic)
        .find((s) => s.name === name);
      if (!subscriber) throw new Error(`no ${name} subscriber for ${message.topic}`);
      await subscriber.handle(message);
      handled.add(message.id);
    }
  }

  /**
   * Waits until campaign_sales agrees with the ledger for these sessions, and the dashboards' roll-up with
   * campaign_sales (the publisher refreshes both after commit).
   */
  async function salesInStep(sessionIds: string[]): Promise<void> {
    await waitFor(async () => {
      const [row] = (await t.db.query(
        `SELECT (SELECT COALESCE(sum(gmv_vnd), 0) FROM ledger_entries WHERE session_id = ANY($1) AND kind = 'placed')::bigint AS ledger,
                (SELECT COALESCE(sum(items), 0) FROM ledger_entries WHERE session_id = ANY($1) AND kind = 'settled')::bigint AS ledger_settled,
                (SELECT COALESCE(sum(placed_gmv_vnd), 0) FROM campaign_sales WHERE session_id = ANY($1))::bigint AS campaign,
                (SELECT COALESCE(sum(settled_units), 0) FROM campaign_sales WHERE session_id = ANY($1))::bigint AS campaign_settled`,
        [sessionIds],
      )) as Record<string, string>[];
      const [rolled] = (await t.db.query(
        `SELECT (SELECT COALESCE(sum(placed_gmv_vnd), 0) FROM campaign_sales cs
                  WHERE session_id = ANY($1) AND EXISTS (SELECT 1 FROM campaign_products cp WHERE cp.product_id = cs.product_id))::bigint AS campaign,
                (SELECT COALESCE(sum(gmv_vnd), 0) FROM campaign_lineup_sales WHERE session_id = ANY($1))::bigint AS rolled`,
        [sessionIds],
      )) as Record<string, string>[];
      return (
        row!['ledger'] === row!['campaign'] &&
        row!['ledger_settled'] === row!['campaign_settled'] &&
        rolled!['campaign'] === rolled!['rolled']
      );
    }, 10_000);
  }

  async function buy(
    session: MadeSession,
    product: ProductView,
    quantity: number,
  ): Promise<OrderView & { buyerUserId: string }> {
    const buyer = await makeUser(t);
    const result = await t.app.get(CheckoutService).checkout(buyer.id, `camp-${randomUUID()}`, {
      lines: [{ productId: product.id, quantity }],
      address: {
        recipientName: 'Nguyễn Thị Lan',
        phone: '0912345678',
        province: 'ha-noi',
        ward: 'Phường Hoàn Kiếm',
        street: 'Số 12 Hàng Bạc',
      },
      paymentMethod: 'cod',
      sessionId: session.session.id,
    });
    return { ...(result.orders[0] as OrderView), buyerUserId: buyer.id };
  }

  /** For the city and each branch below it: the dashboard from the roll-up equals the one from sessions and sales. */
  async function expectRollupEqualsLive(): Promise<void> {
    const service = t.app.get(CoverageService);
    const scopes = [tree.city, tree.districtA, tree.districtB, tree.communeA1, tree.communeB1, tree.cellA1];
    for (const branch of scopes) {
      const rolled = await service.dashboard(cityAdmin.id, campaign.id, { branchId: branch.id });
      const live = await service.dashboard(cityAdmin.id, campaign.id, { branchId: branch.id }, 'live');
      expect({ branch: branch.id, ...rolled, at: null }).toEqual({ branch: branch.id, ...live, at: null });
    }
  }

  async function deliverOrder(farmer: Farmer, order: OrderView): Promise<void> {
    const actions = t.app.get(OrderActionsService);
    await actions.byFarmer(farmer.id, order.id, 'ship');
    await actions.deliver(farmer.id, order.id, Number(order.totalVnd));
  }

  const live = (host: MadeUser, products: ProductView[]) =>
    makeLiveSession(t, {
      host,
      products,
      overrides: { scheduledStartAt: new Date(clock.now().getTime() + 3600_000).toISOString() },
    });

  const coverage = async (user: MadeUser, query = ''): Promise<CoverageView> =>
    (await http().get(`/api/campaigns/${campaign.id}/coverage${query}`).set(as(user)).expect(200))
      .body as CoverageView;

  const targetProducts = async (user: MadeUser, query = ''): Promise<CampaignProductView[]> =>
    (
      (
        await http()
          .get(`/api/campaigns/${campaign.id}/target-products?pageSize=100${query}`)
          .set(as(user))
          .expect(200)
      ).body as { items: CampaignProductView[] }
    ).items;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [
        CampaignsHttpModule,
        AttributionHttpModule,
        ReportsHttpModule,
        OrdersHttpModule,
        LiveHttpModule,
        CatalogueHttpModule,
        IdentityHttpModule,
      ],
      config: { DATABASE_POOL_SIZE: 20 },
      clock,
      websockets: true,
    });
    tree = await makeBranchTree(t);
    other = await makeBranchTree(t);
    cityAdmin = await makeAdmin(t, tree.city.id);
    districtAAdmin = await makeAdmin(t, tree.districtA.id);
    districtBAdmin = await makeAdmin(t, tree.districtB.id);
    outsiderAdmin = await makeAdmin(t, other.city.id);
    farmerA = await makeFarmer(t, { branchId: tree.communeA1.id });
    farmerB = await makeFarmer(t, { branchId: tree.communeB1.id });
    outsiderFarmer = await makeFarmer(t, { branchId: other.communeA1.id });
    a = [];
    for (const price of [120_000, 250_000, 90_000, 60_000, 75_000])
      a.push(await makeActiveProduct(t, { farmer: farmerA, admin: cityAdmin, priceVnd: price, stock: 500 }));
    b = [];
    for (const [price, group] of [
      [180_000, 'beverages'],
      [300_000, 'herbs'],
      [45_000, 'beverages'],
    ] as const)
      b.push(
        await makeActiveProduct(t, { farmer: farmerB, admin: cityAdmin, priceVnd: price, stock: 500, group }),
      );
    x = await makeActiveProduct(t, {
      farmer: outsiderFarmer,
      admin: outsiderAdmin,
      priceVnd: 99_000,
      stock: 50,
    });
    sA1 = await makeStreamer(t, tree.communeA1.id);
    sA2 = await makeStreamer(t, tree.cellA1.id);
    sB1 = await makeStreamer(t, tree.communeB1.id);
    outsiderStreamer = await makeStreamer(t, other.communeA1.id);

    const created = await http()
      .post('/api/campaigns')
      .set(as(cityAdmin))
      .send({
        name: `579 sản phẩm OCOP ${randomUUID().slice(0, 6)}`,
        startsOn: addDays(today, -1),
        endsOn: addDays(today, 20),
        filters: { producerIds: [farmerA.producer.id] },
        productIds: b.map((p) => p.id),
      })
      .expect(201);
    campaign = created.body as CampaignView;
  }, 120_000);
  afterAll(() => t?.close());

  it('targets chosen by filters and by hand; a district admin assigns within their subtree', async () => {
    expect(campaign).toMatchObject({ branchId: tree.city.id, products: 8, role: 'manager' });
    await http()
      .post(`/api/campaigns/${campaign.id}/assignments`)
      .set(as(districtAAdmin))
      .send({ productIds: [a[0]!.id, a[1]!.id], branchId: tree.communeA1.id })
      .expect(200);
    await http()
      .post(`/api/campaigns/${campaign.id}/assignments`)
      .set(as(districtAAdmin))
      .send({ productIds: [a[2]!.id], branchId: tree.communeA1.id, streamerUserId: sA1.id })
      .expect(200);
    const seen = (await http().get(`/api/campaigns/${campaign.id}`).set(as(districtAAdmin)).expect(200))
      .body as CampaignView;
    expect(seen.role).toBe('branch_admin');
    const pool = (await http().get(`/api/campaigns/${campaign.id}/pool`).set(as(sA1)).expect(200))
      .body as CampaignProductView[];
    // communeA1's pool: its own two, the one assigned to sA1, and everything nobody holds (a[3], a[4], b[*])
    expect(pool.map((p) => p.productId).sort()).toEqual(
      [a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, ...b].map((p) => p.id).sort(),
    );
    const poolB = (await http().get(`/api/campaigns/${campaign.id}/pool`).set(as(sB1)).expect(200))
      .body as CampaignProductView[];
    expect(poolB.map((p) => p.productId)).not.toContain(a[0]!.id);
  });

  it('coverage equals a reference model computed from sessions and orders', async () => {
    s1 = await live(sA1, [a[0]!, a[1]!]);
    s2 = await live(sB1, [b[0]!]);
    s3 = await makeSession(t, { host: sA2, products: [a[3]!] });
    const o1 = await buy(s1, a[0]!, 2);
    await buy(s1, a[1]!, 1);
    const o3 = await buy(s1, a[0]!, 1);
    await buy(s2, b[0]!, 3);
    await pump();
    await t.app.get(OrderActionsService).cancelByShopper(o3.buyerUserId, o3.id);
    await deliverOrder(farmerA, o1);
    await pump();
    await salesInStep([s1.session.id, s2.session.id]);

    // The reference: straight from sessions, lineups and orders.
    const targets = [...a, ...b];
    const reference = new Map<string, { state: string; units: number; gmv: number; settled: number }>();
    for (const p of targets) {
      const sessions = (await t.db.query(
        `SELECT s.id, s.status FROM live_sessions s JOIN live_session_products lp ON lp.session_id = s.id
          WHERE lp.product_id = $1 AND s.status <> 'cancelled' AND s.branch_path @> ARRAY[$2::uuid]`,
        [p.id, tree.city.id],
      )) as { id: string; status: string }[];
      const [sold] = (await t.db.query(
        `SELECT COALESCE(sum(l.quantity) FILTER (WHERE o.status NOT IN ('cancelled', 'expired', 'refund_due', 'refunded')), 0)::int AS units,
                COALESCE(sum(l.line_total_vnd) FILTER (WHERE o.status NOT IN ('cancelled', 'expired', 'refund_due', 'refunded')), 0)::bigint AS gmv,
                COALESCE(sum(l.line_total_vnd) FILTER (WHERE o.status = 'delivered'), 0)::bigint AS settled
           FROM order_lines l JOIN orders o ON o.id = l.order_id
          WHERE l.product_id = $1 AND l.session_id = ANY($2::uuid[])`,
        [p.id, sessions.map((s) => s.id)],
      )) as { units: number; gmv: string; settled: string }[];
      const [assignment] = (await t.db.query(
        `SELECT branch_id FROM campaign_products WHERE campaign_id = $1 AND product_id = $2`,
        [campaign.id, p.id],
      )) as { branch_id: string | null }[];
      reference.set(p.id, {
        state: productState({
          assigned: assignment?.branch_id != null,
          scheduled: sessions.some((s) => s.status === 'scheduled'),
          streamed: sessions.some((s) => s.status === 'live' || s.status === 'ended'),
          soldUnits: sold!.units,
        }),
        units: sold!.units,
        gmv: Number(sold!.gmv),
        settled: Number(sold!.settled),
      });
    }
    const listed = await targetProducts(cityAdmin);
    expect(
      new Map(
        listed.map((p) => [
          p.productId,
          { state: p.state, units: p.units, gmv: p.gmvVnd, settled: p.settledGmvVnd },
        ]),
      ),
    ).toEqual(reference);
    // the scenario covers every state
    expect(new Set([...reference.values()].map((r) => r.state))).toEqual(
      new Set(['sold', 'scheduled', 'assigned', 'not_assigned']),
    );
    expect(reference.get(a[0]!.id)).toEqual({ state: 'sold', units: 2, gmv: 240_000, settled: 240_000 });

    const city = await coverage(cityAdmin);
    const sum = (f: (r: { state: string; units: number; gmv: number }) => number) =>
      [...reference.values()].reduce((acc, r) => acc + f(r), 0);
    expect(city.totals).toMatchObject({
      products: 8,
      sold: sum((r) => (r.state === 'sold' ? 1 : 0)),
      scheduled: sum((r) => (r.state === 'scheduled' ? 1 : 0)),
      assigned: sum((r) => (r.state === 'assigned' ? 1 : 0)),
      notAssigned: sum((r) => (r.state === 'not_assigned' ? 1 : 0)),
      units: sum((r) => r.units),
      gmvVnd: sum((r) => r.gmv),
    });
    expect(city.farmersReached).toBe(2);
    const byBranch = new Map(city.byBranch.map((r) => [r.branchId, r]));
    expect(byBranch.get(tree.city.id)).toMatchObject({
      isScope: true,
      sessionsHeld: 2,
      soldProducts: 3,
      volunteers: 2,
    });
    expect(byBranch.get(tree.districtA.id)).toMatchObject({
      sessionsHeld: 1,
      streamedProducts: 2,
      soldProducts: 2,
      gmvVnd: 490_000,
      sessionsScheduled: 1,
      assignedProducts: 3,
    });
    expect(byBranch.get(tree.districtB.id)).toMatchObject({
      sessionsHeld: 1,
      soldProducts: 1,
      gmvVnd: 540_000,
    });
    expect(city.byGroup.find((g) => g.key === 'beverages')).toMatchObject({ products: 2, sold: 1 });
    // The dashboard read the roll-up (built for the campaign's period), and it equals the live statements for every
    // scope, row by row.
    expect(
      await t.db.query(
        `SELECT starts_on::text, ends_on::text FROM campaign_coverage_state WHERE campaign_id = $1`,
        [campaign.id],
      ),
    ).toEqual([{ starts_on: campaign.startsOn, ends_on: campaign.endsOn }]);
    await expectRollupEqualsLive();
    // a district admin sees their own part only
    const district = await coverage(districtAAdmin);
    expect(district.totals.gmvVnd).toBe(490_000);
    expect(district.byBranch.map((r) => r.branchId)).toEqual(
      expect.arrayContaining([tree.districtA.id, tree.communeA1.id, tree.communeA2.id]),
    );
    const progressRes = await http()
      .get(`/api/campaigns/${campaign.id}/progress?by=group`)
      .set(as(cityAdmin));
    expect([progressRes.status, progressRes.status === 200 ? null : progressRes.body]).toEqual([200, null]);
    const progress = progressRes.body as ProgressView;
    const food = progress.series.find((s) => s.key === 'food')!;
    expect(food.points.find((p) => p.day === today)).toMatchObject({ streamed: 2, sold: 2, gmvVnd: 490_000 });
    expect(food.points.at(-1)!.targetProducts).toBe(food.targetProducts);
    const perBranch = (
      await http().get(`/api/campaigns/${campaign.id}/progress?by=branch`).set(as(cityAdmin)).expect(200)
    ).body as ProgressView;
    expect(perBranch.series.find((s) => s.key === tree.districtB.id)!.points.at(-1)).toMatchObject({
      streamed: 1,
      sold: 1,
      gmvVnd: 540_000,
    });
  });

  it("the report's figures equal the existing reports' totals for the same period and branch", async () => {
    for (const branchId of [tree.districtA.id, tree.districtB.id, tree.city.id]) {
      const report = (
        await http()
          .get(`/api/campaigns/${campaign.id}/report?branchId=${branchId}&from=${today}&to=${today}`)
          .set(as(cityAdmin))
          .expect(200)
      ).body as CampaignReportView;
      const totals = (
        await http()
          .get(`/api/admin/branch-totals?branchId=${branchId}&from=${today}&to=${today}`)
          .set(as(cityAdmin))
          .expect(200)
      ).body as {
        branches: { id: string; subtree: { items: number; placedGmvVnd: number; settledGmvVnd: number } }[];
      };
      const subtree = totals.branches.find((r) => r.id === branchId)!.subtree;
      expect([branchId, report.placedGmvVnd, report.settledGmvVnd, report.unitsSold]).toEqual([
        branchId,
        subtree.placedGmvVnd,
        subtree.settledGmvVnd,
        subtree.items,
      ]);
    }
    const csv = await http()
      .get(`/api/campaigns/${campaign.id}/report?format=csv`)
      .set(as(cityAdmin))
      .expect(200)
      .expect('content-type', /text\/csv/);
    expect(csv.text.split('\r\n')[1]).toContain(',1030000,');
  });

  it('the report prints to an A4 PDF in Vietnamese with Chromium', async () => {
    const page = await http()
      .get(`/api/campaigns/${campaign.id}/report?format=html`)
      .set(as(cityAdmin))
      .expect(200);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const tab = await browser.newPage();
      await tab.setContent(page.text);
      const pdf = await tab.pdf({ format: 'A4', printBackground: true });
      const dir = mkdtempSync(join(tmpdir(), 'campaign-report-'));
      writeFileSync(join(dir, 'report.pdf'), pdf);
      const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')]).toString();
      expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
      execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), join(dir, 'report.txt')]);
      const text = readFileSync(join(dir, 'report.txt'), 'utf8');
      expect(text).toContain('BÁO CÁO KẾT QUẢ CHIẾN DỊCH');
      expect(text).toMatch(/Doanh thu đặt hàng \(GMV\)\s+1\.030\.000 ₫/);
      if (process.env['CAMPAIGN_REPORT_PDF']) writeFileSync(process.env['CAMPAIGN_REPORT_PDF'], pdf);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('a branch moved after its session keeps the past credit where it was earned', async () => {
    const before = await coverage(cityAdmin);
    await t.app.get(BranchTreeService).move('system', tree.communeA1.id, tree.districtB.id);
    try {
      const after = await coverage(cityAdmin);
      const row = (c: CoverageView, id: string) => c.byBranch.find((r) => r.branchId === id)!;
      for (const id of [tree.districtA.id, tree.districtB.id]) {
        expect({ id, ...row(after, id), assignedProducts: 0 }).toEqual({
          id,
          ...row(before, id),
          assignedProducts: 0,
        });
      }
      // the assignment follows the current tree; the credit does not
      expect(row(after, tree.districtB.id).assignedProducts).toBe(3);
      expect((await coverage(districtBAdmin)).totals.gmvVnd).toBe(540_000);
      // the roll-up keeps the stored paths: a moved commune's rows still equal the live statements everywhere
      await expectRollupEqualsLive();
    } finally {
      await t.app.get(BranchTreeService).move('system', tree.communeA1.id, tree.districtA.id);
    }
  });

  it('the city dashboard hears a sale live (throttled), then reads the new coverage', async () => {
    const socket = await connectSocket(t, cityAdmin.accessToken);
    const join = await socketAck(socket, 'campaign:join', { campaignId: campaign.id });
    expect(join.ok).toBe(true);
    const denied = await socketAck(await connectSocket(t, outsiderAdmin.accessToken), 'campaign:join', {
      campaignId: campaign.id,
    });
    expect(denied).toMatchObject({ ok: false, code: 'CAMPAIGN_NOT_FOUND' });
    const heard = collectSocketEvents<{ campaignId: string }>(socket, 'campaign:changed');
    const before = (await coverage(cityAdmin)).totals.gmvVnd;
    await buy(s2, b[0]!, 1);
    await pump();
    await waitFor(() => Promise.resolve(heard.items.length > 0), 10_000);
    expect(heard.items[0]).toMatchObject({ campaignId: campaign.id });
    expect((await coverage(cityAdmin)).totals.gmvVnd).toBe(before + 180_000);
  });

  it('the city dashboard hears a session scheduled with a target product, and again when it is cancelled', async () => {
    await pump();
    const socket = await connectSocket(t, cityAdmin.accessToken);
    expect(await socketAck(socket, 'campaign:join', { campaignId: campaign.id })).toMatchObject({ ok: true });
    const heard = collectSocketEvents<{ campaignId: string }>(socket, 'campaign:changed');
    const before = (await coverage(cityAdmin)).totals;

    const made = await makeSession(t, { host: sB1, products: [b[2]!] });
    await pump();
    await waitFor(() => Promise.resolve(heard.items.length > 0), 10_000);
    expect(heard.items.at(-1)).toMatchObject({ campaignId: campaign.id });
    const scheduled = (await coverage(cityAdmin)).totals;
    expect(scheduled.scheduled).toBe(before.scheduled + 1);

    const heardBefore = heard.items.length;
    await http().post(`/api/sessions/${made.session.id}/cancel`).set(as(sB1)).expect(200);
    await pump();
    await waitFor(() => Promise.resolve(heard.items.length > heardBefore), 10_000);
    expect((await coverage(cityAdmin)).totals).toEqual(before);
    socket.disconnect();
    await expectRollupEqualsLive();
  });

  it("a campaign's new period rebuilds its roll-up; a shorter period asked for reads sessions and sales", async () => {
    await http()
      .patch(`/api/campaigns/${campaign.id}`)
      .set(as(cityAdmin))
      .send({ endsOn: addDays(today, 30) })
      .expect(200);
    expect(
      await t.db.query(`SELECT ends_on::text FROM campaign_coverage_state WHERE campaign_id = $1`, [
        campaign.id,
      ]),
    ).toEqual([{ ends_on: addDays(today, 30) }]);
    campaign = { ...campaign, endsOn: addDays(today, 30) };
    await expectRollupEqualsLive();
    const sameDay = await coverage(cityAdmin, `?from=${today}&to=${today}`);
    expect(sameDay.totals.gmvVnd).toBe((await coverage(cityAdmin)).totals.gmvVnd);
  });

  it('two branches adopting the same product at once: exactly one wins, the other changes nothing', async () => {
    const target = b[2]!;
    const mine = await makeSession(t, { host: sA1, products: [a[2]!] });
    const theirs = await makeSession(t, { host: sB1, products: [b[1]!] });
    const results = await Promise.all([
      http()
        .post(`/api/campaigns/${campaign.id}/products/${target.id}/adopt`)
        .set(as(sA1))
        .send({ sessionId: mine.session.id }),
      http()
        .post(`/api/campaigns/${campaign.id}/products/${target.id}/adopt`)
        .set(as(sB1))
        .send({ sessionId: theirs.session.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect((loser.body as { code: string }).code).toBe('CAMPAIGN_PRODUCT_TAKEN');
    const winnerSession = results[0]!.status === 200 ? mine : theirs;
    const loserSession = results[0]!.status === 200 ? theirs : mine;
    const lineup = async (id: string) =>
      (
        (await t.db.query(`SELECT product_id FROM live_session_products WHERE session_id = $1`, [id])) as {
          product_id: string;
        }[]
      ).map((r) => r.product_id);
    expect(await lineup(winnerSession.session.id)).toContain(target.id);
    expect(await lineup(loserSession.session.id)).not.toContain(target.id);
    const [held] = (await t.db.query(
      `SELECT branch_id, streamer_user_id FROM campaign_products WHERE campaign_id = $1 AND product_id = $2`,
      [campaign.id, target.id],
    )) as { branch_id: string; streamer_user_id: string }[];
    expect(held!.streamer_user_id).toBe(winnerSession.host.id);
    expect((await targetProducts(cityAdmin)).find((p) => p.productId === target.id)!.state).toBe('scheduled');
  });

  it('bad input: a 4xx with a stable code, and nothing changed', async () => {
    const snapshot = async () =>
      (await t.db.query(
        `SELECT (SELECT count(*) FROM campaigns)::int AS campaigns,
                (SELECT count(*) FROM campaign_products)::int AS products,
                (SELECT count(*) FROM campaign_branch_targets)::int AS targets,
                (SELECT string_agg(product_id::text || COALESCE(branch_id::text, '-'), ',' ORDER BY product_id)
                   FROM campaign_products WHERE campaign_id = $1) AS assignments`,
        [campaign.id],
      )) as unknown[];
    const before = await snapshot();
    const cases: [string, () => Promise<{ status: number; body: { code?: string } }>, number, string][] = [
      [
        'period ends before it starts',
        () =>
          http()
            .post('/api/campaigns')
            .set(as(cityAdmin))
            .send({
              name: 'Ngược',
              startsOn: addDays(today, 5),
              endsOn: today,
              productIds: [a[0]!.id],
            }),
        400,
        'CAMPAIGN_PERIOD_REVERSED',
      ],
      [
        'a target product outside the running branch area',
        () =>
          http()
            .post('/api/campaigns')
            .set(as(cityAdmin))
            .send({
              name: 'Ngoài vùng',
              startsOn: today,
              endsOn: addDays(today, 5),
              productIds: [a[0]!.id, x.id],
            }),
        422,
        'CAMPAIGN_PRODUCT_OUTSIDE_AREA',
      ],
      [
        'a product outside the area added later',
        () =>
          http()
            .post(`/api/campaigns/${campaign.id}/products`)
            .set(as(cityAdmin))
            .send({ productIds: [x.id] }),
        422,
        'CAMPAIGN_PRODUCT_OUTSIDE_AREA',
      ],
      [
        'an assignment outside the subtree',
        () =>
          http()
            .post(`/api/campaigns/${campaign.id}/assignments`)
            .set(as(districtAAdmin))
            .send({ productIds: [b[1]!.id], branchId: tree.communeB2.id }),
        422,
        'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
      ],
      [
        'an assignment to another tree',
        () =>
          http()
            .post(`/api/campaigns/${campaign.id}/assignments`)
            .set(as(cityAdmin))
            .send({ productIds: [b[1]!.id], branchId: other.communeA1.id }),
        422,
        'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
      ],
      [
        'a target below zero',
        () =>
          http()
            .put(`/api/campaigns/${campaign.id}/targets/${tree.districtA.id}`)
            .set(as(cityAdmin))
            .send({ products: 10, sessions: -1, gmvVnd: 0, volunteers: 2 }),
        400,
        'CAMPAIGN_TARGET_BELOW_ZERO',
      ],
      [
        'a period reversed on update',
        () =>
          http()
            .patch(`/api/campaigns/${campaign.id}`)
            .set(as(cityAdmin))
            .send({ endsOn: addDays(today, -5) }),
        400,
        'CAMPAIGN_PERIOD_REVERSED',
      ],
      [
        'a streamer of another branch',
        () =>
          http()
            .post(`/api/campaigns/${campaign.id}/assignments`)
            .set(as(districtAAdmin))
            .send({ productIds: [a[4]!.id], branchId: tree.communeA1.id, streamerUserId: sB1.id }),
        422,
        'CAMPAIGN_STREAMER_NOT_IN_BRANCH',
      ],
      [
        'a product another district holds',
        () =>
          http()
            .post(`/api/campaigns/${campaign.id}/assignments`)
            .set(as(districtBAdmin))
            .send({ productIds: [b[1]!.id, a[0]!.id], branchId: tree.communeB1.id }),
        409,
        'CAMPAIGN_PRODUCT_TAKEN',
      ],
    ];
    for (const [what, send, status, code] of cases) {
      const res = await send();
      expect([what, res.status, res.body.code]).toEqual([what, status, code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('access across subtrees: every operation answers 404 to those outside', async () => {
    const id = campaign.id;
    const p = a[4]!.id;
    const adminOps: [string, string, object?][] = [
      ['get', `/api/campaigns/${id}`],
      ['patch', `/api/campaigns/${id}`, { name: 'Đổi tên' }],
      ['post', `/api/campaigns/${id}/products`, { productIds: [p] }],
      ['delete', `/api/campaigns/${id}/products/${p}`],
      [
        'put',
        `/api/campaigns/${id}/targets/${tree.districtA.id}`,
        { products: 1, sessions: 1, gmvVnd: 1, volunteers: 1 },
      ],
      ['post', `/api/campaigns/${id}/assignments`, { productIds: [p], branchId: tree.communeA1.id }],
      ['delete', `/api/campaigns/${id}/assignments/${a[0]!.id}`],
      ['get', `/api/campaigns/${id}/coverage`],
      ['get', `/api/campaigns/${id}/target-products`],
      ['get', `/api/campaigns/${id}/progress`],
      ['get', `/api/campaigns/${id}/volunteers`],
      ['get', `/api/campaigns/${id}/report`],
    ];
    type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
    const call = (user: MadeUser, [method, path, body]: [string, string, object?]) => {
      const req = http()[method as Method](path).set(as(user));
      return body ? req.send(body) : req;
    };
    for (const op of adminOps) {
      const res = await call(outsiderAdmin, op);
      expect([op[0], op[1], res.status, (res.body as { code: string }).code]).toEqual([
        op[0],
        op[1],
        404,
        'CAMPAIGN_NOT_FOUND',
      ]);
    }
    // a district admin inside the campaign: not the manager's operations, nor another district's part
    for (const op of adminOps.slice(1, 4)) {
      const res = await call(districtBAdmin, op);
      expect([op[1], res.status]).toEqual([op[1], 404]);
    }
    for (const path of [
      `/api/campaigns/${id}/coverage?branchId=${tree.districtA.id}`,
      `/api/campaigns/${id}/report?branchId=${tree.communeA1.id}`,
      `/api/campaigns/${id}/target-products?branchId=${tree.districtA.id}`,
    ]) {
      const res = await http().get(path).set(as(districtBAdmin));
      expect([path, res.status]).toEqual([path, 404]);
    }
    const unassign = await http()
      .delete(`/api/campaigns/${id}/assignments/${a[0]!.id}`)
      .set(as(districtBAdmin));
    expect(unassign.status).toBe(404);
    // streamers outside the campaign's subtree: no pool, no adoption
    const foreign = await makeSession(t, { host: outsiderStreamer, products: [x] });
    expect((await http().get(`/api/campaigns/${id}/pool`).set(as(outsiderStreamer))).status).toBe(404);
    expect(
      (
        await http()
          .post(`/api/campaigns/${id}/products/${p}/adopt`)
          .set(as(outsiderStreamer))
          .send({ sessionId: foreign.session.id })
      ).status,
    ).toBe(404);
    // a streamer adopting into someone else's session
    expect(
      (
        await http()
          .post(`/api/campaigns/${id}/products/${p}/adopt`)
          .set(as(sB1))
          .send({ sessionId: s3.session.id })
      ).body,
    ).toMatchObject({ code: 'CAMPAIGN_SESSION_NOT_ADOPTABLE' });
    // a lineup is fixed once on air: no adoption into a live session, and nothing changes
    expect(
      (
        await http()
          .post(`/api/campaigns/${id}/products/${p}/adopt`)
          .set(as(sA1))
          .send({ sessionId: s1.session.id })
      ).body,
    ).toMatchObject({ code: 'CAMPAIGN_SESSION_NOT_ADOPTABLE' });
    // campaigns listed: only those one takes part in
    const listed = (await http().get('/api/campaigns').set(as(outsiderAdmin)).expect(200))
      .body as CampaignView[];
    expect(listed.map((c) => c.id)).not.toContain(id);
    // farmers: only their own products' participation
    const mine = (await http().get('/api/me/campaign-products').set(as(farmerB)).expect(200))
      .body as FarmerCampaignProductView[];
    expect(new Set(mine.map((m) => m.productId))).toEqual(new Set(b.map((p) => p.id)));
    const theirs = (await http().get('/api/me/campaign-products').set(as(outsiderFarmer)).expect(200))
      .body as FarmerCampaignProductView[];
    expect(theirs).toEqual([]);
    const scheduled = (await http().get('/api/me/campaign-products').set(as(farmerA)).expect(200))
      .body as FarmerCampaignProductView[];
    expect(scheduled.find((m) => m.productId === a[3]!.id)!.upcoming.map((u) => u.sessionId)).toEqual([
      s3.session.id,
    ]);
  });

  it('assigns many products in one call; one bad product among them refuses the lot', async () => {
    const farmer = await makeFarmer(t, { branchId: tree.communeA1.id });
    const many: ProductView[] = [];
    for (let i = 0; i < 24; i++)
      many.push(
        await makeActiveProduct(t, { farmer, admin: cityAdmin, priceVnd: 50_000 + i * 5_000, stock: 20 }),
      );
    const lot = (
      await http()
        .post('/api/campaigns')
        .set(as(cityAdmin))
        .send({
          name: `Lô sản phẩm ${randomUUID().slice(0, 6)}`,
          startsOn: today,
          endsOn: addDays(today, 30),
          filters: { producerIds: [farmer.producer.id] },
        })
        .expect(201)
    ).body as CampaignView;
    expect(lot.products).toBe(24);
    const assign = (user: MadeUser, body: object) =>
      http().post(`/api/campaigns/${lot.id}/assignments`).set(as(user)).send(body);
    const holders = async () =>
      (await t.db.query(
        `SELECT product_id, branch_id, streamer_user_id, assigned_by FROM campaign_products
          WHERE campaign_id = $1 ORDER BY product_id`,
        [lot.id],
      )) as { product_id: string; branch_id: string | null; streamer_user_id: string | null }[];

    // the city gives one product to a commune of district B
    await assign(cityAdmin, { productIds: [many[0]!.id], branchId: tree.communeB1.id }).expect(200);
    const before = await holders();
    const rest = many.slice(1).map((p) => p.id);
    const refused: [string, object, number, string][] = [
      [
        'one product held by another district',
        { productIds: [...rest, many[0]!.id], branchId: tree.communeA1.id },
        409,
        'CAMPAIGN_PRODUCT_TAKEN',
      ],
      [
        'one product that is not a target of this campaign',
        { productIds: [...rest, a[0]!.id], branchId: tree.communeA1.id },
        404,
        'CAMPAIGN_PRODUCT_NOT_FOUND',
      ],
      [
        'a branch outside the subtree',
        { productIds: rest, branchId: tree.communeB2.id },
        422,
        'CAMPAIGN_ASSIGNMENT_OUTSIDE_SUBTREE',
      ],
      [
        'a streamer of another branch',
        { productIds: rest, branchId: tree.communeA1.id, streamerUserId: sB1.id },
        422,
        'CAMPAIGN_STREAMER_NOT_IN_BRANCH',
      ],
    ];
    for (const [what, body, status, code] of refused) {
      const res = await assign(districtAAdmin, body);
      expect([what, res.status, (res.body as { code?: string }).code]).toEqual([what, status, code]);
    }
    expect(await holders()).toEqual(before);

    // Statements per call, whatever the number of products: one product, then the other 23 (one named twice) to a
    // commune and its streamer, take the same number of queries.
    const queries = [jest.spyOn(EntityManager.prototype, 'query'), jest.spyOn(DataSource.prototype, 'query')];
    const counted = async (body: object) => {
      const before = queries.reduce((n, q) => n + q.mock.calls.length, 0);
      const answer = await assign(districtAAdmin, body).expect(200);
      return { answer, statements: queries.reduce((n, q) => n + q.mock.calls.length, 0) - before };
    };
    const one = await counted({
      productIds: [rest[0]!],
      branchId: tree.communeA1.id,
      streamerUserId: sA1.id,
    });
    const all = await counted({
      productIds: [...rest, rest[0]!],
      branchId: tree.communeA1.id,
      streamerUserId: sA1.id,
    });
    for (const q of queries) q.mockRestore();
    expect(one.answer.body).toEqual({ assigned: 1 });
    expect(all.answer.body).toEqual({ assigned: 23 });
    expect(one.statements).toBeGreaterThan(1);
    expect(all.statements).toBe(one.statements);
    const after = await holders();
    expect(
      after.filter((h) => h.branch_id === tree.communeA1.id && h.streamer_user_id === sA1.id),
    ).toHaveLength(23);
    expect(after.find((h) => h.product_id === many[0]!.id)).toMatchObject({
      branch_id: tree.communeB1.id,
      streamer_user_id: null,
    });
    const seen = (await http().get(`/api/campaigns/${lot.id}/coverage`).set(as(districtAAdmin)).expect(200))
      .body as CoverageView;
    expect(seen.totals.assigned).toBe(23);
  });

  it('the at-risk notice fires once, at the right time (the Clock)', async () => {
    const soon = (
      await http()
        .post('/api/campaigns')
        .set(as(districtAAdmin))
        .send({
          name: `Tuần lễ OCOP ${randomUUID().slice(0, 6)}`,
          startsOn: today,
          endsOn: addDays(today, 10),
          atRiskDays: 7,
          productIds: [a[4]!.id],
        })
        .expect(201)
    ).body as CampaignView;
    const scan = t.app.get(AtRiskService);
    const notices = async () =>
      (
        (await t.db.query(
          `SELECT user_id FROM notifications WHERE kind = 'campaign_at_risk' AND dedupe_key LIKE $1`,
          [`campaign-at-risk:${soon.id}:%`],
        )) as { user_id: string }[]
      ).map((r) => r.user_id);

    await scan.scan();
    expect(await notices()).toEqual([]);
    clock.advance(2 * DAY);
    await scan.scan();
    expect(await notices()).toEqual([]);
    clock.advance(1 * DAY); // ten days before the end, less seven: the window opens
    expect(await scan.scan()).toEqual({ flagged: 1, notified: 1 });
    expect(await notices()).toEqual([districtAAdmin.id]);
    await scan.scan();
    clock.advance(DAY);
    await scan.scan();
    expect(await notices()).toEqual([districtAAdmin.id]);
    const inbox = (await http().get('/api/me/notifications').set(as(districtAAdmin)).expect(200)).body as {
      items: { kind: string; title: string }[];
    };
    expect(inbox.items.filter((i) => i.kind === 'campaign_at_risk')).toHaveLength(1);
  });
});
