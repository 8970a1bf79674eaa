import { DomainError } from '@ocop/kernel';
import {
  assertPaymentMethodAvailable,
  DealSnapshot,
  lineOutcome,
  MAX_CHECKOUT_LINES,
  normalizeReferralCode,
  orderTotals,
  priceLine,
  splitByProducer,
  validateCheckoutRequest,
  validateLines,
} from './checkout';
import { OrderError } from './order.errors';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

const ADDRESS = {
  recipientName: 'Nguyễn Thị Lan',
  phone: '0912 345 678',
  province: 'ha noi',
  ward: 'Phường Ba Đình',
  street: '12 Phan Đình Phùng',
};

function deal(overrides: Partial<DealSnapshot> = {}): DealSnapshot {
  return {
    dealId: 'd1',
    state: 'open',
    priceVnd: 99_000,
    perBuyerLimit: 2,
    remaining: 10,
    boughtByBuyer: 0,
    ...overrides,
  };
}

describe('checkout lines', () => {
  it('a viewer buys two products, one unit and three units', () => {
    expect(
      validateLines([
        { productId: 'p1', quantity: 1 },
        { productId: 'p2', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'p1', quantity: 1 },
      { productId: 'p2', quantity: 3 },
    ]);
  });

  it('an empty cart or more than 20 lines is refused (LINES_INVALID)', () => {
    expect(caught(() => validateLines([])).code).toBe('LINES_INVALID');
    expect(caught(() => validateLines('nope')).code).toBe('LINES_INVALID');
    const many = Array.from({ length: MAX_CHECKOUT_LINES + 1 }, (_, i) => ({
      productId: `p${i}`,
      quantity: 1,
    }));
    expect(caught(() => validateLines(many)).code).toBe('LINES_INVALID');
    expect(() => validateLines(many.slice(0, MAX_CHECKOUT_LINES))).not.toThrow();
  });

  it('negative, zero, fractional, huge or textual quantities are refused (QUANTITY_INVALID, 400)', () => {
    for (const quantity of [0, -1, 1.5, 100, 1e12, '2', null, Number.NaN]) {
      const error = caught(() => validateLines([{ productId: 'p1', quantity }]));
      expect(error.code).toBe('QUANTITY_INVALID');
      expect(error.kind).toBe('invalid');
    }
    expect(() => validateLines([{ productId: 'p1', quantity: 99 }])).not.toThrow();
  });

  it('the same product on two lines is refused (DUPLICATE_LINE)', () => {
    expect(
      caught(() =>
        validateLines([
          { productId: 'p1', quantity: 1 },
          { productId: 'p1', quantity: 2 },
        ]),
      ).code,
    ).toBe('DUPLICATE_LINE');
  });

  it('a line without a product id is refused', () => {
    expect(caught(() => validateLines([{ quantity: 1 }])).code).toBe('LINES_INVALID');
    expect(caught(() => validateLines([null])).code).toBe('LINES_INVALID');
  });
});

describe('the checkout request', () => {
  it('a COD checkout with a referral code is normalized', () => {
    const request = validateCheckoutRequest({
      lines: [{ productId: 'p1', quantity: 2 }],
      address: ADDRESS,
      paymentMethod: 'cod',
      referralCode: ' lan2025 ',
      sessionId: 's1',
    });
    expect(request).toEqual({
      lines: [{ productId: 'p1', quantity: 2 }],
      address: {
        recipientName: 'Nguyễn Thị Lan',
        phone: '+84912345678',
        provinceCode: 'ha-noi',
        provinceName: 'Hà Nội',
        ward: 'Phường Ba Đình',
        street: '12 Phan Đình Phùng',
      },
      paymentMethod: 'cod',
      referralCode: 'LAN2025',
      sessionId: 's1',
    });
  });

  it('an unknown payment method, a malformed referral code or a bad address is refused', () => {
    const base = { lines: [{ productId: 'p1', quantity: 1 }], address: ADDRESS, paymentMethod: 'cod' };
    expect(caught(() => validateCheckoutRequest({ ...base, paymentMethod: 'bitcoin' })).code).toBe(
      'PAYMENT_METHOD_INVALID',
    );
    expect(caught(() => validateCheckoutRequest({ ...base, referralCode: 'a b' })).code).toBe(
      'REFERRAL_CODE_INVALID',
    );
    expect(
      caught(() => validateCheckoutRequest({ ...base, address: { ...ADDRESS, phone: '123' } })).code,
    ).toBe('ADDRESS_INVALID');
    expect(caught(() => validateCheckoutRequest({ ...base, sessionId: 42 })).code).toBe('LINES_INVALID');
  });

  it('an empty referral code means none', () => {
    expect(normalizeReferralCode('  ')).toBeUndefined();
    expect(normalizeReferralCode(undefined)).toBeUndefined();
    expect(caught(() => normalizeReferralCode(7)).code).toBe('REFERRAL_CODE_INVALID');
  });

  it('without Stripe keys card payment is switched off with a clear message and COD works', () => {
    const error = caught(() => assertPaymentMethodAvailable('card', false));
    expect(error.code).toBe('CARD_PAYMENT_UNAVAILABLE');
    expect(error.kind).toBe('unavailable');
    expect(() => assertPaymentMethodAvailable('cod', false)).not.toThrow();
    expect(() => assertPaymentMethodAvailable('card', true)).not.toThrow();
  });
});

describe('one order per producer', () => {
  it('a cart with products of two farms becomes two orders, in the order farms first appear', () => {
    const groups = splitByProducer([
      { productId: 'honey', producerId: 'farm-b' },
      { productId: 'tea', producerId: 'farm-a' },
      { productId: 'wax', producerId: 'farm-b' },
    ]);
    expect(groups).toEqual([
      {
        producerId: 'farm-b',
        lines: [
          { productId: 'honey', producerId: 'farm-b' },
          { productId: 'wax', producerId: 'farm-b' },
        ],
      },
      { producerId: 'farm-a', lines: [{ productId: 'tea', producerId: 'farm-a' }] },
    ]);
    expect(splitByProducer([])).toEqual([]);
  });
});

describe('pricing with snapshot prices', () => {
  it('a line without a deal is charged the snapshotted list price in whole đồng', () => {
    expect(priceLine({ unitPriceVnd: 150_000, quantity: 3 })).toEqual({
      listUnitPriceVnd: 150_000,
      unitPriceVnd: 150_000,
      quantity: 3,
      lineTotalVnd: 450_000,
      discountVnd: 0,
    });
  });

  it('a buyer within the flash deal limit gets the deal price', () => {
    expect(priceLine({ unitPriceVnd: 150_000, quantity: 2, deal: deal() })).toEqual({
      listUnitPriceVnd: 150_000,
      unitPriceVnd: 99_000,
      quantity: 2,
      lineTotalVnd: 198_000,
      discountVnd: 102_000,
      dealId: 'd1',
    });
  });

  it('a buyer asking past the per-buyer limit is refused, not charged list price for the excess', () => {
    const error = caught(() =>
      priceLine({ unitPriceVnd: 150_000, quantity: 2, deal: deal({ boughtByBuyer: 1 }) }),
    );
    expect(error.code).toBe('BUYER_LIMIT_REACHED');
    expect(error.details).toMatchObject({ perBuyerLimit: 2, boughtByBuyer: 1, allowed: 1 });
    expect(
      priceLine({ unitPriceVnd: 150_000, quantity: 1, deal: deal({ boughtByBuyer: 1 }) }).lineTotalVnd,
    ).toBe(99_000);
  });

  it('a buyer who already took the limit gets BUYER_LIMIT_REACHED even when units remain', () => {
    expect(
      caught(() => priceLine({ unitPriceVnd: 150_000, quantity: 1, deal: deal({ boughtByBuyer: 2 }) })).code,
    ).toBe('BUYER_LIMIT_REACHED');
  });

  it('never more units than the deal holds: asking for more than remain is SOLD_OUT', () => {
    const error = caught(() =>
      priceLine({ unitPriceVnd: 150_000, quantity: 2, deal: deal({ remaining: 1 }) }),
    );
    expect(error.code).toBe('SOLD_OUT');
    expect(error.details).toMatchObject({ remaining: 1 });
    expect(
      caught(() => priceLine({ unitPriceVnd: 150_000, quantity: 1, deal: deal({ remaining: 0 }) })).message,
    ).toBe('The deal is sold out');
  });

  it('a deal that has ended answers DEAL_ENDED; one not yet open leaves the list price', () => {
    expect(
      caught(() => priceLine({ unitPriceVnd: 150_000, quantity: 1, deal: deal({ state: 'ended' }) })).code,
    ).toBe('DEAL_ENDED');
    expect(
      priceLine({ unitPriceVnd: 150_000, quantity: 1, deal: deal({ state: 'upcoming' }) }).unitPriceVnd,
    ).toBe(150_000);
  });

  it('order totals add whole đồng: subtotal at list price, discount, total paid, items', () => {
    const lines = [
      priceLine({ unitPriceVnd: 150_000, quantity: 2, deal: deal() }),
      priceLine({ unitPriceVnd: 85_500, quantity: 3 }),
    ];
    expect(orderTotals(lines)).toEqual({
      items: 5,
      subtotalVnd: 556_500,
      discountVnd: 102_000,
      totalVnd: 454_500,
    });
    expect(orderTotals([])).toEqual({ items: 0, subtotalVnd: 0, discountVnd: 0, totalVnd: 0 });
  });

  it('an amount beyond the safe integer range is refused rather than rounded', () => {
    expect(() => priceLine({ unitPriceVnd: Number.MAX_SAFE_INTEGER, quantity: 2 })).toThrow(RangeError);
  });
});

describe('line outcomes', () => {
  it('each line gets a clear answer: confirmed, or the refusal code and message', () => {
    expect(lineOutcome('p1', () => 7)).toEqual({ productId: 'p1', status: 'confirmed', value: 7 });
    const soldOut = lineOutcome('p2', () =>
      priceLine({ unitPriceVnd: 1_000, quantity: 1, deal: deal({ remaining: 0 }) }),
    );
    expect(soldOut).toMatchObject({ productId: 'p2', status: 'rejected', code: 'SOLD_OUT' });
    for (const code of ['PRODUCT_NOT_SELLABLE', 'SESSION_NOT_OPEN'] as const) {
      expect(
        lineOutcome('p3', () => {
          throw new OrderError(code, 'no');
        }),
      ).toMatchObject({ status: 'rejected', code });
    }
  });

  it('a request-level error is not a line outcome and propagates', () => {
    expect(() =>
      lineOutcome('p1', () => {
        throw new OrderError('ADDRESS_INVALID', 'bad');
      }),
    ).toThrow('bad');
    expect(() =>
      lineOutcome('p1', () => {
        throw new Error('db down');
      }),
    ).toThrow('db down');
  });
});
