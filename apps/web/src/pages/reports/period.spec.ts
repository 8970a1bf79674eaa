import { daysBetween, daysOf, includesDay, MAX_PERIOD_DAYS, periodRange } from './period';

describe('periodRange (Vietnam days)', () => {
  const today = '2026-03-01';

  it('today is one day', () => {
    expect(periodRange({ kind: 'today' }, today)).toEqual({ range: { from: today, to: today } });
  });

  it('7 and 30 days end today and include it, across a month end', () => {
    expect(periodRange({ kind: '7d' }, today)).toEqual({ range: { from: '2026-02-23', to: today } });
    expect(periodRange({ kind: '30d' }, today)).toEqual({ range: { from: '2026-01-31', to: today } });
  });

  it('a custom range is taken as given', () => {
    expect(periodRange({ kind: 'custom', from: '2025-11-01', to: '2025-11-30' }, today)).toEqual({
      range: { from: '2025-11-01', to: '2025-11-30' },
    });
  });

  it('refuses a custom range that is incomplete, reversed or too long', () => {
    expect(periodRange({ kind: 'custom', from: '2025-11-01' }, today)).toEqual({ problem: 'missing' });
    expect(periodRange({ kind: 'custom', from: '2025-11-02', to: '2025-11-01' }, today)).toEqual({
      problem: 'reversed',
    });
    expect(periodRange({ kind: 'custom', from: '2024-01-01', to: '2024-12-31' }, today)).toEqual({
      range: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(MAX_PERIOD_DAYS).toBe(366);
    expect(periodRange({ kind: 'custom', from: '2024-01-01', to: '2025-01-01' }, today)).toEqual({
      problem: 'tooLong',
    });
  });

  it('uses the Vietnamese calendar day for today by default', () => {
    // 17:30 UTC on 28 Feb is already 00:30 on 1 Mar in Vietnam.
    jest.useFakeTimers({ now: new Date('2026-02-28T17:30:00Z') });
    try {
      expect(periodRange({ kind: 'today' })).toEqual({ range: { from: '2026-03-01', to: '2026-03-01' } });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('days of a range', () => {
  it('lists every day oldest first', () => {
    const range = { from: '2026-02-27', to: '2026-03-02' };
    expect(daysBetween(range.from, range.to)).toBe(3);
    expect(daysOf(range)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(includesDay(range, '2026-03-01')).toBe(true);
    expect(includesDay(range, '2026-03-03')).toBe(false);
  });
});
