import { DomainError } from '@ocop/kernel';
import {
  buyerAllowance,
  dealEndDelayMs,
  dealEndJobId,
  dealOpenDelayMs,
  dealOpenJobId,
  dealRemaining,
  dealSold,
  dealState,
  dealTermErrors,
  DealTermsInput,
  planDeal,
  settleDeal,
} from './flash-deal';

const NOW = new Date('2025-11-20T12:00:00.000Z');
const at = (s: number) => new Date(NOW.getTime() + s * 1000);

const TERMS: DealTermsInput = {
  listPriceVnd: 150_000,
  stock: 100,
  priceVnd: 99_000,
  quantity: 50,
  perBuyerLimit: 2,
  durationSeconds: 300,
  countdownSeconds: 60,
};

describe('flash deal terms', () => {
  it('a host starts a 5-minute deal on 50 of 100 units, opening after a one-minute countdown', () => {
    expect(planDeal(TERMS, NOW)).toEqual({
      priceVnd: 99_000,
      listPriceVnd: 150_000,
      quantity: 50,
      perBuyerLimit: 2,
      opensAt: at(60),
      endsAt: at(360),
    });
  });

  it('the limits are inclusive: 10 s and 20 min, no countdown or 10 min, all the stock, limit = quantity, 1,000 đ', () => {
    for (const t of [
      { durationSeconds: 10 },
      { durationSeconds: 1200 },
      { countdownSeconds: 0 },
      { countdownSeconds: 600 },
      { countdownSeconds: undefined },
      { quantity: 100, perBuyerLimit: 100 },
      { priceVnd: 1_000 },
      { priceVnd: 149_999 },
    ]) {
      expect(dealTermErrors({ ...TERMS, ...t })).toEqual({});
    }
  });

  it('each broken rule is named by its field', () => {
    expect(Object.keys(dealTermErrors({ ...TERMS, durationSeconds: 9 }))).toEqual(['durationSeconds']);
    expect(Object.keys(dealTermErrors({ ...TERMS, durationSeconds: 1201 }))).toEqual(['durationSeconds']);
    expect(Object.keys(dealTermErrors({ ...TERMS, countdownSeconds: 601 }))).toEqual(['countdownSeconds']);
    expect(Object.keys(dealTermErrors({ ...TERMS, countdownSeconds: -1 }))).toEqual(['countdownSeconds']);
    expect(Object.keys(dealTermErrors({ ...TERMS, quantity: 101 }))).toEqual(['quantity']);
    expect(Object.keys(dealTermErrors({ ...TERMS, quantity: 0 }))).toEqual(['quantity', 'perBuyerLimit']);
    expect(Object.keys(dealTermErrors({ ...TERMS, perBuyerLimit: 0 }))).toEqual(['perBuyerLimit']);
    expect(Object.keys(dealTermErrors({ ...TERMS, perBuyerLimit: 51 }))).toEqual(['perBuyerLimit']);
    expect(Object.keys(dealTermErrors({ ...TERMS, priceVnd: 150_000 }))).toEqual(['priceVnd']);
    expect(Object.keys(dealTermErrors({ ...TERMS, priceVnd: 999 }))).toEqual(['priceVnd']);
    expect(Object.keys(dealTermErrors({ ...TERMS, priceVnd: 99_000.5 }))).toEqual(['priceVnd']);
  });

  it('a deal with broken terms is refused with DEAL_INVALID and its fields', () => {
    expect.assertions(3);
    try {
      planDeal({ ...TERMS, priceVnd: 200_000, durationSeconds: 5 }, NOW);
    } catch (error) {
      expect((error as DomainError).code).toBe('DEAL_INVALID');
      expect((error as DomainError).kind).toBe('invalid');
      expect(Object.keys((error as DomainError).details?.['fields'] as object)).toEqual([
        'priceVnd',
        'durationSeconds',
      ]);
    }
  });
});

describe('deal state over time', () => {
  const deal = planDeal(TERMS, NOW);

  it('the room sees the countdown, then the deal open, then ended exactly on time', () => {
    expect(dealState(deal, at(0))).toBe('upcoming');
    expect(dealState(deal, at(59.999))).toBe('upcoming');
    expect(dealState(deal, at(60))).toBe('open');
    expect(dealState(deal, at(359.999))).toBe('open');
    expect(dealState(deal, at(360))).toBe('ended');
  });

  it('a host who ends the deal early ends it at once', () => {
    expect(dealState({ ...deal, endedAt: at(120) }, at(120))).toBe('ended');
    expect(dealState({ ...deal, endedAt: at(120) }, at(100))).toBe('open');
  });

  it('the end job is delayed until the end, and runs at once when overdue', () => {
    expect(dealEndDelayMs(deal, NOW)).toBe(360_000);
    expect(dealEndDelayMs(deal, at(400))).toBe(0);
  });

  it('the open job fires when the countdown runs out, and at once for a deal without one', () => {
    expect(dealOpenDelayMs(deal, NOW)).toBe(60_000);
    expect(dealOpenDelayMs(planDeal({ ...TERMS, countdownSeconds: 0 }, NOW), NOW)).toBe(0);
  });

  it('job ids are one per deal and never contain a colon (BullMQ refuses them)', () => {
    const id = '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b';
    expect(dealEndJobId(id)).toBe(`deal-end-${id}`);
    expect(dealOpenJobId(id)).toBe(`deal-open-${id}`);
    expect(dealEndJobId(id)).not.toContain(':');
    expect(dealOpenJobId(id)).not.toContain(':');
  });
});

describe('deal stock accounting', () => {
  it('a deal ends with 32 of 50 sold: the other 18 return to the product', () => {
    expect(dealRemaining({ quantity: 50, sold: 32 })).toBe(18);
    expect(settleDeal({ quantity: 50, sold: 32 })).toEqual({ sold: 32, returnedToProduct: 18 });
  });

  it('sold counts what buyers hold: 50 carved out, 12 still on offer, then 12 back to the product at the end', () => {
    expect(dealSold({ quantity: 50, remaining: 12, returnedQuantity: null })).toBe(38);
    expect(dealSold({ quantity: 50, remaining: 0, returnedQuantity: 12 })).toBe(38);
    expect(dealSold({ quantity: 50, remaining: 50, returnedQuantity: null })).toBe(0);
  });

  it('a buyer with a limit of 2 who holds 1 may take 1 more; one who holds 3 after a lowered limit, none', () => {
    expect(buyerAllowance(2, 1)).toBe(1);
    expect(buyerAllowance(2, 0)).toBe(2);
    expect(buyerAllowance(2, 3)).toBe(0);
  });

  it('a sold-out deal returns nothing, and never a negative amount', () => {
    expect(settleDeal({ quantity: 50, sold: 50 })).toEqual({ sold: 50, returnedToProduct: 0 });
    expect(settleDeal({ quantity: 50, sold: 51 })).toEqual({ sold: 50, returnedToProduct: 0 });
    expect(dealRemaining({ quantity: 50, sold: 51 })).toBe(0);
  });
});
