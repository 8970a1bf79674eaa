import { DomainError } from '@ocop/kernel';
import {
  DEFAULT_PAYMENT_WINDOW_MINUTES,
  ExpirableOrder,
  expiresAt,
  expiryDelayMs,
  isExpired,
} from './expiry';

const PLACED = new Date('2025-11-20T12:00:00.000Z');
const min = (m: number) => new Date(PLACED.getTime() + m * 60_000);

function cardOrder(overrides: Partial<ExpirableOrder> = {}): ExpirableOrder {
  return { status: 'pending_payment', paymentMethod: 'card', expiresAt: expiresAt(PLACED), ...overrides };
}

describe('unpaid card orders expire', () => {
  it('by default after 15 minutes, or after a configured window', () => {
    expect(DEFAULT_PAYMENT_WINDOW_MINUTES).toBe(15);
    expect(expiresAt(PLACED)).toEqual(min(15));
    expect(expiresAt(PLACED, 30)).toEqual(min(30));
  });

  it('a window of zero, a fraction or more than a day is refused', () => {
    for (const minutes of [0, -5, 1.5, 24 * 60 + 1]) {
      expect(() => expiresAt(PLACED, minutes)).toThrow(DomainError);
    }
  });

  it('an unpaid card order is still payable just before its deadline and expired from the deadline on', () => {
    expect(isExpired(cardOrder(), new Date(min(15).getTime() - 1))).toBe(false);
    expect(isExpired(cardOrder(), min(15))).toBe(true);
  });

  it('a worker that was down at the due time still expires the order when it restarts later', () => {
    expect(isExpired(cardOrder(), min(600))).toBe(true);
    expect(expiryDelayMs({ expiresAt: min(15) }, min(600))).toBe(0);
    expect(expiryDelayMs({ expiresAt: min(15) }, PLACED)).toBe(15 * 60_000);
  });

  it('a paid, cancelled or COD order never expires', () => {
    expect(isExpired(cardOrder({ status: 'confirmed' }), min(60))).toBe(false);
    expect(isExpired(cardOrder({ status: 'cancelled' }), min(60))).toBe(false);
    expect(isExpired(cardOrder({ paymentMethod: 'cod', expiresAt: null }), min(60))).toBe(false);
  });
});
