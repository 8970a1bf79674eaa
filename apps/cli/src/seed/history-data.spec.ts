import { SEED_BRANCHES } from './hanoi-branches';
import { SEED_PRODUCT_GROUPS, SEED_PRODUCTS } from './hanoi-catalogue';
import { GROWTH_PRODUCERS, PLEDGE_PRODUCTS } from './hanoi-growth';
import {
  historyWanted,
  HISTORY_SHOPPERS,
  HISTORY_STREAMERS,
  HISTORY_WEEKS,
  planHistory,
} from './hanoi-history';
import { SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';

const DECISION_NUMBER = /^\d{1,6}(?:\/\d{4})?\/[A-ZĐ]{1,10}(?:-[A-ZĐ&]{1,16}){0,4}$/u;
const VN_MOBILE = /^0[35789]\d{8}$/;
const DAY_MS = 86_400_000;
const branchCodes = new Set(SEED_BRANCHES.map((b) => b.code));
const grown = GROWTH_PRODUCERS.flatMap((p) => p.products);

describe("the demo's grown catalogue", () => {
  it('makes the pledge: 579 products on sale (drafts and those awaiting verification besides), names unique', () => {
    const onSale = SEED_PRODUCTS.filter((p) => p.listing === 'active').length;
    expect(onSale + grown.length).toBe(PLEDGE_PRODUCTS);
    expect(SEED_PRODUCTS.length + grown.length).toBeGreaterThan(PLEDGE_PRODUCTS);
    const names = [...SEED_PRODUCTS, ...grown].map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('spreads them over fifty producers in the branch tree, new ones with their own farmer and phone', () => {
    expect(GROWTH_PRODUCERS).toHaveLength(50);
    for (const producer of GROWTH_PRODUCERS) {
      expect(branchCodes.has(producer.branchCode)).toBe(true);
      expect(producer.phone).toMatch(VN_MOBILE);
      expect(producer.products.length).toBeGreaterThan(0);
    }
    const fresh = GROWTH_PRODUCERS.filter((p) => !p.existing);
    expect(fresh).toHaveLength(20);
    expect(new Set(GROWTH_PRODUCERS.map((p) => p.code)).size).toBe(50);
    expect(new Set(GROWTH_PRODUCERS.map((p) => p.phone)).size).toBe(50);
  });

  it('covers the six groups with 3 to 5 stars, mostly 3 and 4, priced in round đồng', () => {
    expect(new Set(grown.map((p) => p.group))).toEqual(new Set(SEED_PRODUCT_GROUPS));
    const stars = { 3: 0, 4: 0, 5: 0 };
    for (const product of grown) {
      stars[product.stars]++;
      expect(product.priceVnd % 5_000).toBe(0);
      expect(product.priceVnd).toBeGreaterThanOrEqual(10_000);
      expect(product.priceVnd).toBeLessThanOrEqual(10_000_000);
      expect(product.stock).toBeGreaterThan(0);
      expect(product.decisionNumber).toMatch(DECISION_NUMBER);
      expect(product.signedDaysAgo).toBeGreaterThanOrEqual(30);
      expect(product.signedDaysAgo).toBeLessThan(900);
    }
    expect(stars[5]).toBeGreaterThan(0);
    expect(stars[5]).toBeLessThan(stars[4]);
    expect(stars[4]).toBeLessThan(stars[3]);
  });
});

describe("the demo's eight weeks", () => {
  const now = new Date('2026-12-07T05:00:00Z');
  const plan = planHistory({ now });

  it('is the same plan for the same moment, and keeps its titles on another day', () => {
    expect(planHistory({ now })).toEqual(plan);
    const tomorrow = planHistory({ now: new Date(now.getTime() + DAY_MS) });
    const titles = (p: typeof plan) => new Set(p.map((s) => `${s.hostEmail} ${s.title}`));
    const before = titles(plan);
    // Titles do not depend on the day: the seed recognises a past made on an earlier day.
    expect([...titles(tomorrow)].filter((t) => before.has(t)).length).toBeGreaterThan(plan.length - 15);
  });

  it('holds about a hundred sessions over eight weeks, every streamer hosting, all over before now', () => {
    expect(plan.length).toBeGreaterThan(80);
    expect(plan.length).toBeLessThan(160);
    const hosts = new Set(plan.map((s) => s.hostEmail));
    expect(hosts).toEqual(new Set([...SEED_STREAMERS, ...HISTORY_STREAMERS].map((s) => s.email)));
    const first = Math.min(...plan.map((s) => s.startAt.getTime()));
    expect(now.getTime() - first).toBeGreaterThan((HISTORY_WEEKS * 7 - 7) * DAY_MS);
    expect(now.getTime() - first).toBeLessThanOrEqual(HISTORY_WEEKS * 7 * DAY_MS);
    for (const session of plan) {
      expect(session.scheduledAt.getTime()).toBeLessThan(session.startAt.getTime());
      expect(session.endAt.getTime()).toBeLessThan(now.getTime());
      expect(session.lineup.length).toBeGreaterThanOrEqual(4);
      expect(new Set(session.lineup).size).toBe(session.lineup.length);
    }
    expect(new Set(plan.map((s) => `${s.hostEmail} ${s.title}`)).size).toBe(plan.length);
  });

  it('plays every order inside its session, each step after the one before and before now', () => {
    const buyers = new Set([...SEED_SHOPPERS, ...HISTORY_SHOPPERS].map((s) => s.email));
    const fates: Record<string, number> = {};
    const keys = new Set<string>();
    for (const session of plan) {
      for (const order of session.orders) {
        fates[order.fate] = (fates[order.fate] ?? 0) + 1;
        keys.add(order.key);
        expect(buyers.has(order.buyerEmail)).toBe(true);
        expect(order.placedAt.getTime()).toBeGreaterThan(session.startAt.getTime());
        expect(order.placedAt.getTime()).toBeLessThan(session.endAt.getTime());
        for (const line of order.lines) expect(session.lineup).toContain(line.name);
        const steps = [order.placedAt, order.cancelAt, order.shipAt, order.deliverAt, order.returnAt]
          .filter((d): d is Date => d !== undefined)
          .map((d) => d.getTime());
        expect([...steps].sort((a, b) => a - b)).toEqual(steps);
        expect(Math.max(...steps)).toBeLessThan(now.getTime());
        expect(order.key).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
      }
    }
    const orders = plan.reduce((n, s) => n + s.orders.length, 0);
    expect(keys.size).toBe(orders);
    expect(orders).toBeGreaterThan(300);
    // Mostly delivered (settled), some cancelled and returned, the last days' still on their way.
    expect(fates['delivered']).toBeGreaterThan(orders * 0.6);
    expect(fates['cancelled']).toBeGreaterThan(0);
    expect(fates['returned']).toBeGreaterThan(0);
    expect((fates['shipped'] ?? 0) + (fates['confirmed'] ?? 0)).toBeGreaterThan(0);
  });
});

describe('DEMO_HISTORY', () => {
  it('is on unless 0, and refuses anything else', () => {
    expect(historyWanted(undefined)).toBe(true);
    expect(historyWanted('1')).toBe(true);
    expect(historyWanted('0')).toBe(false);
    expect(() => historyWanted('no')).toThrow(/DEMO_HISTORY must be 0 or 1/);
  });
});
