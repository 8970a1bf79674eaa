import { formatCountdown, formatDate, formatDateTime, formatVnd, vnDaysBefore, vnToday } from './format';

describe('formats shown to shoppers', () => {
  it('writes prices the Vietnamese way in both languages', () => {
    expect(formatVnd(150000).replace(/\s/g, ' ')).toBe('150.000 ₫');
    expect(formatVnd(0).replace(/\s/g, ' ')).toBe('0 ₫');
    expect(formatVnd(1234567).replace(/\s/g, ' ')).toBe('1.234.567 ₫');
  });

  it('shows times in Vietnam whatever the viewer’s clock says', () => {
    // 17:30 UTC is 00:30 the next day in Hanoi.
    expect(formatDateTime('2026-11-21T17:30:00Z', 'vi')).toContain('00:30');
    expect(formatDateTime('2026-11-21T17:30:00Z', 'vi')).toContain('22/11/2026');
    expect(formatDate('2026-11-22', 'en')).toBe('22/11/2026');
  });

  it('counts Vietnamese days for report periods', () => {
    expect(vnToday(new Date('2026-11-21T17:30:00Z'))).toBe('2026-11-22');
    expect(vnDaysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });

  it('shows a deal countdown as minutes and seconds', () => {
    expect(formatCountdown(125)).toBe('02:05');
    expect(formatCountdown(0)).toBe('00:00');
  });
});
