import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { describeScan, scanPage } from './support/axe';
import { Actor, eventually, signIn, SMALL_PHONE } from './support/browser';
import { signInByApi } from './support/chat-history';
import { queryDemo, startDemo, type Demo } from './support/demo';

// The demo with a past (DEMO_HISTORY=1; the other web specs start theirs without it): the catalogue grown to the
// 579-product pledge, eight weeks of sessions and orders made through the platform's own services, and the reports
// that attribution builds from them. Every figure the reports' api answers is checked against a reference computed
// here from the orders tables alone; then the admin's dashboard and a farmer's sales page are looked at on a 390x844
// phone in Vietnamese and English (test-artifacts/web/history-*.png), axe at 0 critical and 0 serious.

jest.setTimeout(900_000);

const PASSWORD = 'OcopLive@2025';
const LANGUAGES = ['vi', 'en'] as const;

interface Reference {
  orders: number;
  placedGmvVnd: number;
  settledGmvVnd: number;
}

/** Vietnam's calendar day of an instant, shifted by `days`. */
function vnDay(at: Date, days = 0): string {
  return new Date(at.getTime() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function getJson<T>(demo: Demo, token: string, path: string): Promise<T> {
  const res = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('the demo with a past', () => {
  let demo: Demo;
  let browser: Browser | undefined;
  const axeProblems: string[] = [];

  beforeAll(async () => {
    demo = await startDemo(600_000, { env: { DEMO_HISTORY: '1' } });
    // Attribution records the past from the outbox in the worker: wait until nothing is owed.
    await eventually(
      'the worker to deliver every outbox message of the past',
      async () =>
        Number(
          (
            await queryDemo<{ n: string }>(
              demo,
              `SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL`,
            )
          )[0]?.n,
        ),
      (owed) => owed === 0,
      240_000,
    );
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('made the pledge, eight weeks of sessions and orders, once', async () => {
    const [counts] = await queryDemo<{ products: string; active: string; past: string; orders: string }>(
      demo,
      `SELECT (SELECT count(*) FROM products) AS products,
              (SELECT count(*) FROM products WHERE status = 'active') AS active,
              (SELECT count(*) FROM live_sessions WHERE status = 'ended' AND scheduled_start_at < now() - interval '1 day') AS past,
              (SELECT count(*) FROM orders) AS orders`,
    );
    // The pledge is 579 products on sale; the base seed's drafts and products awaiting verification come on top.
    expect(Number(counts?.active)).toBe(579);
    expect(Number(counts?.products)).toBeGreaterThan(579);
    expect(Number(counts?.past)).toBeGreaterThan(60);
    expect(Number(counts?.orders)).toBeGreaterThan(250);
    // Every status a demo needs is there: settled, cancelled, returned, still on the way.
    const statuses = await queryDemo<{ status: string }>(demo, `SELECT DISTINCT status FROM orders`);
    expect(statuses.map((s) => s.status)).toEqual(
      expect.arrayContaining(['delivered', 'cancelled', 'shipped']),
    );
    const [returned] = await queryDemo<{ n: string }>(
      demo,
      `SELECT count(*) AS n FROM order_status_changes WHERE event = 'return'`,
    );
    expect(Number(returned?.n)).toBeGreaterThan(0);
    // The past is spread over eight weeks, and its timeline reads as it happened.
    const [span] = await queryDemo<{ weeks: string; backwards: string }>(
      demo,
      `SELECT (SELECT count(DISTINCT date_trunc('week', placed_at)) FROM orders) AS weeks,
              (SELECT count(*) FROM order_status_changes c JOIN orders o ON o.id = c.order_id
                WHERE c.created_at < o.placed_at) AS backwards`,
    );
    expect(Number(span?.weeks)).toBeGreaterThanOrEqual(8);
    expect(Number(span?.backwards)).toBe(0);
  });

  it("the reports' api answers what the orders say, for the city and every branch", async () => {
    const token = await signInByApi(demo.url, 'admin@ocop.example', PASSWORD);
    const now = new Date();
    const from = vnDay(now, -70);
    const to = vnDay(now);
    const [city] = await queryDemo<{ id: string }>(demo, `SELECT id FROM branches WHERE code = 'HN'`);
    const totals = await getJson<{
      branches: { id: string; code: string; subtree: Reference & { items: number } }[];
    }>(demo, token, `/api/admin/branch-totals?branchId=${city!.id}&from=${from}&to=${to}`);

    // The reference: an order counts while it is not reversed (cancelled, returned, refunded); it is settled once
    // delivered; a branch's subtree holds the orders whose stored path (the host's branch then) passes through it.
    const reference = await queryDemo<{ branch_id: string; orders: string; placed: string; settled: string }>(
      demo,
      `WITH o AS (
         SELECT o.id, o.status, (SELECT l.branch_path FROM order_lines l WHERE l.order_id = o.id LIMIT 1) AS path,
                (SELECT sum(l.line_total_vnd) FROM order_lines l WHERE l.order_id = o.id) AS gmv
           FROM orders o
          WHERE o.status NOT IN ('cancelled', 'expired', 'refund_due', 'refunded')
       )
       SELECT b.id AS branch_id, count(o.id) AS orders, coalesce(sum(o.gmv), 0) AS placed,
              coalesce(sum(o.gmv) FILTER (WHERE o.status = 'delivered'), 0) AS settled
         FROM branches b LEFT JOIN o ON b.id = ANY(o.path)
        GROUP BY b.id`,
    );
    const expected = new Map(reference.map((r) => [r.branch_id, r]));
    expect(totals.branches.length).toBe(reference.length);
    for (const branch of totals.branches) {
      const want = expected.get(branch.id);
      expect({ code: branch.code, ...pick(branch.subtree) }).toEqual({
        code: branch.code,
        orders: Number(want?.orders),
        placedGmvVnd: Number(want?.placed),
        settledGmvVnd: Number(want?.settled),
      });
    }
    const cityRow = totals.branches.find((b) => b.id === city!.id);
    expect(cityRow?.subtree.orders).toBeGreaterThan(250);

    // No row of zeros where streamers are: every branch with a member streamer sold in the period.
    const withStreamers = await queryDemo<{ code: string }>(
      demo,
      `SELECT DISTINCT b.code FROM memberships m JOIN branches b ON b.id = m.branch_id
        JOIN live_sessions s ON s.host_user_id = m.user_id WHERE m.valid_to IS NULL`,
    );
    expect(withStreamers.length).toBeGreaterThanOrEqual(10);
    for (const { code } of withStreamers) {
      const row = totals.branches.find((b) => b.code === code);
      expect({ code, sold: (row?.subtree.orders ?? 0) > 0 }).toEqual({ code, sold: true });
    }

    // The trend has a point for every day and sales in each of the eight weeks.
    const trend = await getJson<{ days: { day: string; subtree: Reference }[] }>(
      demo,
      token,
      `/api/admin/branch-trend?branchId=${city!.id}&from=${vnDay(now, -55)}&to=${to}`,
    );
    expect(trend.days).toHaveLength(56);
    for (let week = 0; week < 8; week++) {
      const days = trend.days.slice(week * 7, week * 7 + 7);
      expect(days.some((d) => d.subtree.placedGmvVnd > 0)).toBe(true);
    }

    // A farmer's own sales: the total equals their orders.
    const farmerToken = await signInByApi(demo.url, 'farmer01@ocop.example', PASSWORD);
    const sales = await getJson<{ total: Reference }>(
      demo,
      farmerToken,
      `/api/farmer/sales?from=${from}&to=${to}&groupBy=product`,
    );
    const [farmer] = await queryDemo<{ orders: string; placed: string; settled: string }>(
      demo,
      `SELECT count(*) AS orders, coalesce(sum(l.gmv), 0) AS placed,
              coalesce(sum(l.gmv) FILTER (WHERE o.status = 'delivered'), 0) AS settled
         FROM orders o JOIN producers p ON p.id = o.producer_id JOIN users u ON u.id = p.owner_user_id
         JOIN LATERAL (SELECT sum(line_total_vnd) AS gmv FROM order_lines WHERE order_id = o.id) l ON true
        WHERE u.email = 'farmer01@ocop.example'
          AND o.status NOT IN ('cancelled', 'expired', 'refund_due', 'refunded')`,
    );
    expect(pick(sales.total)).toEqual({
      orders: Number(farmer?.orders),
      placedGmvVnd: Number(farmer?.placed),
      settledGmvVnd: Number(farmer?.settled),
    });
    expect(sales.total.orders).toBeGreaterThan(0);
  });

  it("the admin's dashboard and a farmer's sales over 30 days on a 390x844 phone (vi, en)", async () => {
    browser = await launchChromium();
    for (const language of LANGUAGES) {
      for (const [who, email, home, testId] of [
        ['admin', 'admin@ocop.example', '/admin', 'totals-scroll'],
        ['farmer', 'farmer01@ocop.example', '/farmer/sales', 'sales-gmv'],
      ] as const) {
        const actor = await Actor.open(browser, `${who}-${language}`, demo.url, SMALL_PHONE);
        try {
          await actor.context.addInitScript((lang) => {
            (
              globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
            ).localStorage.setItem('ocop.language', lang);
          }, language);
          await signIn(actor, email, PASSWORD, home, `history-${language}`);
          await actor.page.getByTestId('period').selectOption('30d');
          await actor.page.getByTestId(testId).first().waitFor();
          await actor.page.locator('.recharts-surface').first().waitFor();
          expect(
            await actor.page.evaluate(() => {
              const d = (
                globalThis as unknown as {
                  document: { documentElement: { scrollWidth: number; clientWidth: number } };
                }
              ).document.documentElement;
              return d.scrollWidth > d.clientWidth + 1;
            }),
          ).toBe(false);
          await actor.shot(`history-${language}`, who);
          axeProblems.push(...describeScan(await scanPage(actor.page, `${who} (${language})`)));
        } finally {
          await actor.close();
        }
      }
    }
    expect(axeProblems).toEqual([]);
  });
});

function pick(f: Reference): Reference {
  return { orders: f.orders, placedGmvVnd: f.placedGmvVnd, settledGmvVnd: f.settledGmvVnd };
}
