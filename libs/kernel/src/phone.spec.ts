import { formatVnMobile, isVnMobile, normalizeVnMobile } from './phone';

describe('Vietnamese mobile numbers', () => {
  it('accepts the ways people write them and stores E.164', () => {
    expect(normalizeVnMobile('0912345678')).toBe('+84912345678');
    expect(normalizeVnMobile('+84 912 345 678')).toBe('+84912345678');
    expect(normalizeVnMobile('0912.345.678')).toBe('+84912345678');
    expect(normalizeVnMobile('84912345678')).toBe('+84912345678');
    expect(normalizeVnMobile('0387-123-456')).toBe('+84387123456');
  });

  it('rejects landlines, wrong lengths and other countries', () => {
    expect(normalizeVnMobile('02438251234')).toBeNull(); // Hanoi landline
    expect(normalizeVnMobile('091234567')).toBeNull();
    expect(normalizeVnMobile('09123456789')).toBeNull();
    expect(normalizeVnMobile('+14155550123')).toBeNull();
    expect(normalizeVnMobile('0112345678')).toBeNull();
    expect(isVnMobile(912345678)).toBe(false);
  });

  it('formats for display the Vietnamese way', () => {
    expect(formatVnMobile('+84912345678')).toBe('0912 345 678');
  });
});
