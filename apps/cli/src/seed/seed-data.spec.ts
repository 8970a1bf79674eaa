import { CITY_BRANCH_CODE, SEED_BRANCHES } from './hanoi-branches';
import { SEED_PRODUCERS, SEED_PRODUCT_GROUPS, SEED_PRODUCTS } from './hanoi-catalogue';
import { SEED_SESSIONS } from './hanoi-sessions';
import { farmerEmail, SEED_ADMINS, SEED_SHOPPERS, SEED_STREAMERS } from './hanoi-users';

const DECISION_NUMBER = /^\d{1,6}(?:\/\d{4})?\/[A-ZĐ]{1,10}(?:-[A-ZĐ&]{1,16}){0,4}$/u;
const VN_MOBILE = /^0[35789]\d{8}$/;
const branchCodes = new Set(SEED_BRANCHES.map((b) => b.code));

describe('the Hanoi demo seed data', () => {
  it('holds about a hundred OCOP products from about thirty producers', () => {
    expect(SEED_PRODUCTS.length).toBeGreaterThanOrEqual(90);
    expect(SEED_PRODUCTS.length).toBeLessThanOrEqual(110);
    expect(SEED_PRODUCERS.length).toBeGreaterThanOrEqual(25);
    expect(SEED_PRODUCERS.length).toBeLessThanOrEqual(35);
  });

  it('covers all six OCOP groups, mostly 3 and 4 stars with a few 5-star ones', () => {
    expect(new Set(SEED_PRODUCTS.map((p) => p.group))).toEqual(new Set(SEED_PRODUCT_GROUPS));
    for (const product of SEED_PRODUCTS) expect([3, 4, 5]).toContain(product.stars);
    const fiveStars = SEED_PRODUCTS.filter((p) => p.stars === 5).length;
    expect(fiveStars).toBeGreaterThan(0);
    expect(fiveStars).toBeLessThan(SEED_PRODUCTS.length / 10);
  });

  it('prices every product in whole đồng between 50.000 ₫ and 1.500.000 ₫, with stock', () => {
    for (const product of SEED_PRODUCTS) {
      expect(Number.isInteger(product.priceVnd)).toBe(true);
      expect(product.priceVnd).toBeGreaterThanOrEqual(50_000);
      expect(product.priceVnd).toBeLessThanOrEqual(1_500_000);
      expect(Number.isInteger(product.stock) && product.stock > 0).toBe(true);
    }
  });

  it('gives every certificate a well-formed decision number and an issuing body', () => {
    for (const product of SEED_PRODUCTS) {
      expect(product.decisionNumber).toMatch(DECISION_NUMBER);
      expect(product.issuingBody).toMatch(/^(UBND|Bộ) /);
    }
  });

  it('has a few certificates expiring within 30 days and one or two already expired, left as drafts', () => {
    const expiring = SEED_PRODUCTS.filter((p) => p.certificateState === 'expiring');
    const expired = SEED_PRODUCTS.filter((p) => p.certificateState === 'expired');
    expect(expiring.length).toBeGreaterThanOrEqual(2);
    for (const p of expiring) expect(p.expiresInDays > 0 && p.expiresInDays <= 30).toBe(true);
    expect(expired.length).toBeGreaterThanOrEqual(1);
    expect(expired.length).toBeLessThanOrEqual(2);
    for (const p of expired) {
      expect(p.expiresInDays).toBeLessThan(0);
      expect(p.listing).toBe('draft');
    }
    // Valid ones stay clear of the 30-day warning window: 36 months is at least 1,095 days.
    for (const p of SEED_PRODUCTS.filter((x) => x.certificateState === 'valid')) {
      expect(p.signedDaysAgo).toBeGreaterThanOrEqual(0);
      expect(p.signedDaysAgo).toBeLessThan(1_095 - 30);
    }
  });

  it('uses unique codes for branches, producers and products, and unique emails and phones for people', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    unique(SEED_BRANCHES.map((b) => b.code));
    unique(SEED_PRODUCERS.map((p) => p.code));
    unique(SEED_PRODUCTS.map((p) => p.code));
    unique(SEED_PRODUCTS.map((p) => p.name));
    const people = [
      ...SEED_ADMINS,
      ...SEED_STREAMERS,
      ...SEED_SHOPPERS,
      ...SEED_PRODUCERS.map((p) => ({ email: farmerEmail(p.code), phone: p.phone })),
    ];
    unique(people.map((p) => p.email));
    unique(people.map((p) => p.phone));
    for (const person of people) expect(person.phone).toMatch(VN_MOBILE);
  });

  it('forms one tree under Thành đoàn Hà Nội, parents listed before children, cells without children', () => {
    const seen = new Set<string>();
    for (const branch of SEED_BRANCHES) {
      expect(branch.code).toMatch(/^[A-Z0-9]{1,16}(?:-[A-Z0-9]{1,16}){0,7}$/);
      if (branch.code === CITY_BRANCH_CODE) {
        expect(branch.parentCode).toBeUndefined();
        expect(branch.name).toBe('Thành đoàn Hà Nội');
      } else {
        expect(seen.has(branch.parentCode as string)).toBe(true);
        const parent = SEED_BRANCHES.find((b) => b.code === branch.parentCode);
        expect(parent?.level).not.toBe('cell');
      }
      seen.add(branch.code);
    }
    // Some communes report straight to the city (the shape since July 2025).
    expect(SEED_BRANCHES.some((b) => b.level === 'grassroots' && b.parentCode === CITY_BRANCH_CODE)).toBe(
      true,
    );
  });

  it('attaches every producer, streamer and admin to a branch of the tree', () => {
    for (const producer of SEED_PRODUCERS) expect(branchCodes.has(producer.branchCode)).toBe(true);
    for (const streamer of SEED_STREAMERS) expect(branchCodes.has(streamer.branchCode)).toBe(true);
    for (const admin of SEED_ADMINS) expect(branchCodes.has(admin.branchCode)).toBe(true);
    expect(SEED_ADMINS[0]?.branchCode).toBe(CITY_BRANCH_CODE);
  });

  it('has one live session and two upcoming ones, each by a different streamer', () => {
    expect(SEED_SESSIONS.filter((s) => s.state === 'live')).toHaveLength(1);
    const upcoming = SEED_SESSIONS.filter((s) => s.state === 'scheduled');
    expect(upcoming.map((s) => s.startsInDays).sort()).toEqual([2, 5]);
    const hosts = SEED_SESSIONS.map((s) => s.hostEmail);
    expect(new Set(hosts).size).toBe(hosts.length);
    // The live one is the first streamer's: the demo's room opens on it.
    expect(SEED_SESSIONS.find((s) => s.state === 'live')?.hostEmail).toBe(SEED_STREAMERS[0]?.email);
  });

  it('builds lineups of active products with valid certificates, and pins only lineup products', () => {
    const streamers = new Set(SEED_STREAMERS.map((s) => s.email));
    const byCode = new Map(SEED_PRODUCTS.map((p) => [p.code, p]));
    for (const session of SEED_SESSIONS) {
      expect(streamers.has(session.hostEmail)).toBe(true);
      expect(session.title.length).toBeGreaterThan(0);
      expect(session.title.length).toBeLessThanOrEqual(120);
      expect(new Set(session.lineup).size).toBe(session.lineup.length);
      for (const code of session.lineup) {
        expect(byCode.get(code)).toMatchObject({ listing: 'active', certificateState: 'valid' });
      }
      expect(session.pinned.length).toBeLessThanOrEqual(3);
      for (const code of session.pinned) expect(session.lineup).toContain(code);
      for (const email of session.moderatorEmails) {
        expect(streamers.has(email)).toBe(true);
        expect(email).not.toBe(session.hostEmail);
      }
      if (session.state === 'scheduled') {
        expect(session.pinned).toEqual([]);
        expect(session.startsInDays).toBeGreaterThan(0);
      }
    }
  });

  it("shows handicrafts of the live host's own area, two of them pinned", () => {
    const live = SEED_SESSIONS.find((s) => s.state === 'live');
    const host = SEED_STREAMERS.find((s) => s.email === live?.hostEmail);
    const producers = new Map(SEED_PRODUCERS.flatMap((p) => p.products.map((x) => [x.code, p] as const)));
    expect(live?.lineup).toHaveLength(6);
    expect(live?.pinned).toHaveLength(2);
    for (const code of live?.lineup ?? []) {
      expect(producers.get(code)?.branchCode.startsWith(host?.branchCode ?? '?')).toBe(true);
      expect(SEED_PRODUCTS.find((p) => p.code === code)?.group).toBe('handicrafts_souvenirs_decoration');
    }
  });
});
