import { DomainError } from '@ocop/kernel';
import { newOrderCode, normalizeOrderCode, ORDER_CODE_RE } from './order-code';
import { FREE_SHIPPING, shippingFee, validateShippingRate } from './shipping';

describe('shipping fee', () => {
  it('a producer who set nothing ships free', () => {
    expect(shippingFee(FREE_SHIPPING, 1_000)).toBe(0);
  });

  it('a flat fee applies to every order of the producer', () => {
    expect(shippingFee({ flatFeeVnd: 30_000, freeFromVnd: null }, 50_000)).toBe(30_000);
    expect(shippingFee({ flatFeeVnd: 30_000, freeFromVnd: null }, 5_000_000)).toBe(30_000);
  });

  it('free from an amount: the goods reaching the threshold (after deal prices) ship free, below pay the fee', () => {
    const rate = { flatFeeVnd: 25_000, freeFromVnd: 300_000 };
    expect(shippingFee(rate, 299_999)).toBe(25_000);
    expect(shippingFee(rate, 300_000)).toBe(0);
  });

  it('a farmer sends whole đồng in range; anything else is SHIPPING_RATE_INVALID naming the field', () => {
    expect(validateShippingRate({ flatFeeVnd: 30_000 })).toEqual({ flatFeeVnd: 30_000, freeFromVnd: null });
    expect(validateShippingRate({ flatFeeVnd: 0, freeFromVnd: null })).toEqual(FREE_SHIPPING);
    for (const [input, field] of [
      [{ flatFeeVnd: -1 }, 'flatFeeVnd'],
      [{ flatFeeVnd: 0.5 }, 'flatFeeVnd'],
      [{ flatFeeVnd: '1000' }, 'flatFeeVnd'],
      [{ flatFeeVnd: 1_000_001 }, 'flatFeeVnd'],
      [{ flatFeeVnd: 1000, freeFromVnd: 0 }, 'freeFromVnd'],
      [{ flatFeeVnd: 1000, freeFromVnd: 100_000_001 }, 'freeFromVnd'],
    ] as const) {
      let error: DomainError | undefined;
      try {
        validateShippingRate(input);
      } catch (caught) {
        error = caught as DomainError;
      }
      expect({ input, code: error?.code, field: error?.details?.['field'] }).toEqual({
        input,
        code: 'SHIPPING_RATE_INVALID',
        field,
      });
    }
  });
});

describe('order code', () => {
  it('is 8 characters without 0, O, 1 or I', () => {
    for (let i = 0; i < 500; i++) expect(newOrderCode()).toMatch(ORDER_CODE_RE);
    expect(newOrderCode(() => 0)).toBe('22222222');
    expect(newOrderCode(() => 31)).toBe('ZZZZZZZZ');
  });

  it('is read back as typed on the phone: spaces, dashes and case do not matter', () => {
    expect(normalizeOrderCode(' k7pq-4m2x ')).toBe('K7PQ4M2X');
  });
});
