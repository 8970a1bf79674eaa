import { CampaignError } from './campaign.errors';
import {
  assertPeriod,
  assertTargets,
  atRiskFrom,
  daysOf,
  isAtRiskState,
  isAtRiskWindow,
  productState,
  targetLine,
} from './coverage';

describe('campaign rules', () => {
  it('a period that ends before it starts is refused; one day is a period', () => {
    expect(() => assertPeriod({ startsOn: '2026-05-10', endsOn: '2026-05-09' })).toThrow(CampaignError);
    expect(assertPeriod({ startsOn: '2026-05-10', endsOn: '2026-05-10' })).toEqual({
      startsOn: '2026-05-10',
      endsOn: '2026-05-10',
    });
    expect(() => assertPeriod({ startsOn: '2026-01-01', endsOn: '2028-06-01' })).toThrow(/at most/);
  });

  it('a target below zero (or not whole) is refused with its field named', () => {
    const ok = { products: 0, sessions: 3, gmvVnd: 1_000_000, volunteers: 2 };
    expect(assertTargets(ok)).toBe(ok);
    try {
      assertTargets({ ...ok, sessions: -1 });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toMatchObject({ code: 'CAMPAIGN_TARGET_BELOW_ZERO', details: { field: 'sessions' } });
    }
    expect(() => assertTargets({ ...ok, gmvVnd: 1.5 })).toThrow(CampaignError);
  });

  it('a product is as far as it got: a sale beats a stream beats a schedule beats an assignment', () => {
    const none = { assigned: false, scheduled: false, streamed: false, soldUnits: 0 };
    expect(productState(none)).toBe('not_assigned');
    expect(productState({ ...none, assigned: true })).toBe('assigned');
    expect(productState({ ...none, scheduled: true })).toBe('scheduled');
    expect(productState({ ...none, scheduled: true, streamed: true })).toBe('streamed');
    expect(productState({ ...none, streamed: true, soldUnits: 2 })).toBe('sold');
    // a sale wholly cancelled leaves the product streamed, not sold
    expect(productState({ ...none, streamed: true, soldUnits: 0 })).toBe('streamed');
    expect(isAtRiskState('assigned')).toBe(true);
    expect(isAtRiskState('scheduled')).toBe(false);
  });

  it('products not scheduled are at risk from N days before the period ends until its last day', () => {
    const campaign = { endsOn: '2026-06-30', atRiskDays: 7 };
    expect(atRiskFrom('2026-06-30', 7)).toBe('2026-06-23');
    expect(isAtRiskWindow('2026-06-22', campaign)).toBe(false);
    expect(isAtRiskWindow('2026-06-23', campaign)).toBe(true);
    expect(isAtRiskWindow('2026-06-30', campaign)).toBe(true);
    expect(isAtRiskWindow('2026-07-01', campaign)).toBe(false);
  });

  it('the line to the target goes evenly from nothing to everything over the period', () => {
    const period = { startsOn: '2026-06-01', endsOn: '2026-06-10' };
    expect(targetLine(period, 100, '2026-05-31')).toBe(0);
    expect(targetLine(period, 100, '2026-06-01')).toBe(10);
    expect(targetLine(period, 100, '2026-06-05')).toBe(50);
    expect(targetLine(period, 100, '2026-06-10')).toBe(100);
    expect(targetLine(period, 100, '2026-07-10')).toBe(100);
    expect(daysOf(period)).toHaveLength(10);
  });
});
