import { addDays, addMonths, daysBetween, isIsoDate, vnToday } from './vn-date';

describe('Vietnamese calendar dates', () => {
  it('takes the date in Vietnam (UTC+7), not in UTC', () => {
    expect(vnToday(new Date('2026-03-14T16:59:59Z'))).toBe('2026-03-14');
    expect(vnToday(new Date('2026-03-14T17:00:00Z'))).toBe('2026-03-15');
  });

  it('computes an OCOP certificate valid for 36 months from its signing date', () => {
    expect(addMonths('2023-05-20', 36)).toBe('2026-05-20');
    expect(addMonths('2024-02-29', 36)).toBe('2027-02-28'); // signed on a leap day
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
  });

  it('adds days and counts the days between two dates', () => {
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(daysBetween('2026-11-22', '2026-12-22')).toBe(30);
    expect(daysBetween('2026-12-22', '2026-11-22')).toBe(-30);
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
    expect(isIsoDate(20230101)).toBe(false);
  });
});
