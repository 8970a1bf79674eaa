import {
  checkDeal,
  currentlyBanned,
  groupSessions,
  isoToVnLocal,
  isDealRunning,
  parseWhole,
  startError,
  throttle,
  vnLocalToIso,
  type DealDraft,
} from './studio-logic';

describe('Vietnam time in the schedule form', () => {
  it('reads a datetime-local value as Vietnam time, whatever the browser zone', () => {
    expect(vnLocalToIso('2026-11-22T19:30')).toBe('2026-11-22T19:30:00+07:00');
    expect(new Date(vnLocalToIso('2026-11-22T19:30') ?? '').toISOString()).toBe('2026-11-22T12:30:00.000Z');
    // 06:00 in Hanoi is still the previous day in UTC.
    expect(new Date(vnLocalToIso('2026-01-01T06:00') ?? '').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('shows an instant back in Vietnam time, round-tripping', () => {
    expect(isoToVnLocal('2026-11-22T12:30:00.000Z')).toBe('2026-11-22T19:30');
    expect(isoToVnLocal('2025-12-31T23:00:00Z')).toBe('2026-01-01T06:00');
    expect(isoToVnLocal(vnLocalToIso('2026-03-08T23:59') ?? '')).toBe('2026-03-08T23:59');
  });

  it('refuses malformed and impossible dates', () => {
    expect(vnLocalToIso('')).toBeNull();
    expect(vnLocalToIso('22/11/2026 19:30')).toBeNull();
    expect(vnLocalToIso('2026-02-30T10:00')).toBeNull();
    expect(vnLocalToIso('2026-11-22T25:00')).toBeNull();
  });

  it('says why a start time cannot be used', () => {
    const now = new Date('2026-11-22T12:00:00Z'); // 19:00 in Hanoi
    expect(startError('', now)).toBe('required');
    expect(startError('nope', now)).toBe('invalid');
    expect(startError('2026-11-22T18:59', now)).toBe('past');
    expect(startError('2026-11-22T19:00', now)).toBe('past');
    expect(startError('2026-11-22T19:01', now)).toBeNull();
    expect(startError('2027-03-01T19:00', now)).toBe('tooFar');
  });
});

describe('flash-deal form checks', () => {
  const product = { priceVnd: 150_000, stock: 40 };
  const draft = (overrides: Partial<DealDraft> = {}): DealDraft => ({
    productId: 'p1',
    price: '99000',
    quantity: '30',
    perBuyerLimit: '2',
    durationSeconds: '300',
    countdownSeconds: '',
    ...overrides,
  });

  it('accepts valid terms and leaves out an empty countdown', () => {
    expect(checkDeal(draft(), product)).toEqual({
      errors: {},
      terms: { productId: 'p1', priceVnd: 99_000, quantity: 30, perBuyerLimit: 2, durationSeconds: 300 },
    });
    expect(checkDeal(draft({ countdownSeconds: '60', price: '99.000' }), product).terms).toMatchObject({
      priceVnd: 99_000,
      countdownSeconds: 60,
    });
  });

  it('wants the price below the list price and at least 1.000 ₫', () => {
    expect(checkDeal(draft({ price: '150000' }), product).errors.price).toBe('priceNotBelowList');
    expect(checkDeal(draft({ price: '200000' }), product).errors.price).toBe('priceNotBelowList');
    expect(checkDeal(draft({ price: '999' }), product).errors.price).toBe('priceTooLow');
    expect(checkDeal(draft({ price: '99,5' }), product).errors.price).toBe('priceTooLow');
    expect(checkDeal(draft({ price: 'abc' }), product).errors.price).toBe('priceRequired');
    expect(checkDeal(draft({ price: '149999' }), product).terms?.priceVnd).toBe(149_999);
  });

  it('bounds the duration to 10 s – 20 min and the countdown to 10 min', () => {
    expect(checkDeal(draft({ durationSeconds: '9' }), product).errors.durationSeconds).toBe('durationRange');
    expect(checkDeal(draft({ durationSeconds: '10' }), product).terms).toBeDefined();
    expect(checkDeal(draft({ durationSeconds: '1200' }), product).terms).toBeDefined();
    expect(checkDeal(draft({ durationSeconds: '1201' }), product).errors.durationSeconds).toBe(
      'durationRange',
    );
    expect(checkDeal(draft({ countdownSeconds: '601' }), product).errors.countdownSeconds).toBe(
      'countdownRange',
    );
  });

  it('keeps the quantity within stock and the per-buyer limit within the quantity', () => {
    expect(checkDeal(draft({ quantity: '41' }), product).errors.quantity).toBe('quantityOverStock');
    expect(checkDeal(draft({ quantity: '0' }), product).errors.quantity).toBe('quantityRequired');
    expect(checkDeal(draft({ quantity: '3', perBuyerLimit: '4' }), product).errors.perBuyerLimit).toBe(
      'limitOverQuantity',
    );
    expect(checkDeal(draft({ perBuyerLimit: '0' }), product).errors.perBuyerLimit).toBe('limitRequired');
  });

  it('needs a product of the lineup', () => {
    const result = checkDeal(draft({ productId: '' }), undefined);
    expect(result.terms).toBeUndefined();
    expect(result.errors.productId).toBe('productRequired');
  });

  it('reads whole amounts written the Vietnamese way', () => {
    expect(parseWhole('150.000')).toBe(150_000);
    expect(parseWhole('150 000 ₫')).toBe(150_000);
    expect(Number.isNaN(parseWhole('1e5'))).toBe(true);
  });
});

describe('studio lists', () => {
  it('groups my sessions into live, upcoming (soonest first) and ended (newest first)', () => {
    const groups = groupSessions([
      { id: 'a', status: 'ended', scheduledStartAt: '2026-01-01T10:00:00Z' },
      { id: 'b', status: 'scheduled', scheduledStartAt: '2026-03-01T10:00:00Z' },
      { id: 'c', status: 'live', scheduledStartAt: '2026-02-01T10:00:00Z' },
      { id: 'd', status: 'scheduled', scheduledStartAt: '2026-02-15T10:00:00Z' },
      { id: 'e', status: 'cancelled', scheduledStartAt: '2026-01-05T10:00:00Z' },
    ]);
    expect(groups.live.map((s) => s.id)).toEqual(['c']);
    expect(groups.upcoming.map((s) => s.id)).toEqual(['d', 'b']);
    expect(groups.ended.map((s) => s.id)).toEqual(['e', 'a']);
  });

  it('tells running deals from finished ones', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    expect(isDealRunning({ state: 'open', endedAt: null, endsAt: '2026-01-01T10:05:00Z' }, now)).toBe(true);
    expect(isDealRunning({ state: 'open', endedAt: null, endsAt: '2026-01-01T09:59:59Z' }, now)).toBe(false);
    expect(
      isDealRunning({ state: 'open', endedAt: '2026-01-01T09:59:00Z', endsAt: '2026-01-01T10:05:00Z' }, now),
    ).toBe(false);
  });

  it('lists who is banned now from the moderation log (the latest ban or unban wins)', () => {
    const log = [
      { action: 'ban', targetUserId: 'u1', createdAt: '2026-01-01T10:00:00Z', details: { reason: 'spam' } },
      { action: 'unban', targetUserId: 'u1', createdAt: '2026-01-01T10:05:00Z', details: {} },
      { action: 'ban', targetUserId: 'u2', createdAt: '2026-01-01T10:06:00Z', details: {} },
      { action: 'mute', targetUserId: 'u3', createdAt: '2026-01-01T10:07:00Z', details: {} },
      { action: 'ban', targetUserId: 'u1', createdAt: '2026-01-01T09:00:00Z', details: {} },
    ];
    expect(currentlyBanned(log)).toEqual([{ userId: 'u2', at: '2026-01-01T10:06:00Z', reason: null }]);
  });
});

describe('throttle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then at most once per interval, trailing calls folded into one', () => {
    const fn = jest.fn();
    const throttled = throttle(fn, 2000);
    throttled.call();
    expect(fn).toHaveBeenCalledTimes(1);
    throttled.call();
    throttled.call();
    expect(fn).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1999);
    expect(fn).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    throttled.call();
    expect(fn).toHaveBeenCalledTimes(3);
    throttled.call();
    throttled.cancel();
    jest.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
