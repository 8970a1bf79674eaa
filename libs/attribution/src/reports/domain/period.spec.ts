import { DomainError } from '@ocop/kernel';
import { MAX_PERIOD_DAYS, resolvePeriod } from './period';

// 2025-11-20 at 18:30 UTC is already 2025-11-21 in Hanoi (UTC+7).
const LATE_EVENING_UTC = new Date('2025-11-20T18:30:00.000Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? `${error.kind}:${error.code}` : 'other';
  }
  return undefined;
}

describe('report periods', () => {
  it('with no dates, an admin sees the last 30 days ending today in Vietnam', () => {
    expect(resolvePeriod({}, LATE_EVENING_UTC)).toEqual({ from: '2025-10-23', to: '2025-11-21' });
  });

  it('a month-end report names only its last day and gets the 30 days before it', () => {
    expect(resolvePeriod({ to: '2025-03-31' }, LATE_EVENING_UTC)).toEqual({
      from: '2025-03-02',
      to: '2025-03-31',
    });
  });

  it('a campaign report from its launch day runs to today', () => {
    expect(resolvePeriod({ from: '2025-11-01' }, LATE_EVENING_UTC)).toEqual({
      from: '2025-11-01',
      to: '2025-11-21',
    });
  });

  it('a single day is a period of one day', () => {
    expect(resolvePeriod({ from: '2025-11-09', to: '2025-11-09' }, LATE_EVENING_UTC)).toEqual({
      from: '2025-11-09',
      to: '2025-11-09',
    });
  });

  it('a whole leap year (366 days) is allowed; one day more is PERIOD_TOO_LONG', () => {
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, LATE_EVENING_UTC)).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(MAX_PERIOD_DAYS).toBe(366);
    expect(codeOf(() => resolvePeriod({ from: '2024-01-01', to: '2025-01-01' }, LATE_EVENING_UTC))).toBe(
      'invalid:PERIOD_TOO_LONG',
    );
  });

  it('a period that ends before it starts is PERIOD_REVERSED', () => {
    expect(codeOf(() => resolvePeriod({ from: '2025-11-10', to: '2025-11-09' }, LATE_EVENING_UTC))).toBe(
      'invalid:PERIOD_REVERSED',
    );
    // Only `from` given, in the future: it would end today, before it starts.
    expect(codeOf(() => resolvePeriod({ from: '2025-12-01' }, LATE_EVENING_UTC))).toBe(
      'invalid:PERIOD_REVERSED',
    );
  });
});
