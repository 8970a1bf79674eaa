import { formatVnd, multiplyVnd, sumVnd, isVnd } from './money';

describe('VND money', () => {
  it('formats whole đồng the Vietnamese way', () => {
    expect(formatVnd(150000)).toBe('150.000 ₫');
    expect(formatVnd(1_500_000)).toBe('1.500.000 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
    expect(formatVnd(999)).toBe('999 ₫');
  });

  it('accepts only whole, non-negative, bounded amounts', () => {
    expect(isVnd(50_000)).toBe(true);
    expect(isVnd(-1)).toBe(false);
    expect(isVnd(1.5)).toBe(false);
    expect(isVnd('50000')).toBe(false);
    expect(isVnd(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('adds and multiplies without leaving the safe integer range', () => {
    expect(sumVnd([150_000, 250_000])).toBe(400_000);
    expect(multiplyVnd(120_000, 3)).toBe(360_000);
    expect(() => multiplyVnd(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });
});
