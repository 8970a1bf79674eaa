import {
  canSubmit,
  certificateExpiresOn,
  displayStatus,
  expiryLevel,
  parseStockDelta,
  parseVnd,
} from './certificate';

describe('certificate expiry warning', () => {
  it('warns within 30 days and flags expiry once the last valid day has passed', () => {
    expect(expiryLevel(31)).toBe('ok');
    expect(expiryLevel(30)).toBe('soon');
    expect(expiryLevel(1)).toBe('soon');
    expect(expiryLevel(0)).toBe('soon');
    expect(expiryLevel(-1)).toBe('expired');
  });

  it('follows the api when it is stricter', () => {
    expect(expiryLevel(45, 'expiring_soon')).toBe('soon');
    expect(expiryLevel(5, 'expired')).toBe('expired');
  });

  it('is valid 36 months from signing, the end of month clamped', () => {
    expect(certificateExpiresOn('2024-03-15')).toBe('2027-03-15');
    expect(certificateExpiresOn('2024-02-29')).toBe('2027-02-28');
    expect(certificateExpiresOn('15/03/2024')).toBeUndefined();
  });
});

describe('product state as the farmer sees it', () => {
  it('reads a draft sent back with a reason as rejected', () => {
    expect(displayStatus({ status: 'draft', statusReason: null })).toBe('draft');
    expect(displayStatus({ status: 'draft', statusReason: 'Số quyết định sai' })).toBe('rejected');
    expect(displayStatus({ status: 'pending_verification', statusReason: null })).toBe('pending');
    expect(displayStatus({ status: 'suspended', statusReason: 'x' })).toBe('suspended');
  });

  it('lets drafts and suspended products be sent for review', () => {
    expect(canSubmit({ status: 'draft' })).toBe(true);
    expect(canSubmit({ status: 'suspended' })).toBe(true);
    expect(canSubmit({ status: 'active' })).toBe(false);
    expect(canSubmit({ status: 'pending_verification' })).toBe(false);
  });
});

describe('typed numbers', () => {
  it('takes a signed, non-zero whole stock change', () => {
    expect(parseStockDelta('20')).toBe(20);
    expect(parseStockDelta('+5')).toBe(5);
    expect(parseStockDelta(' -3 ')).toBe(-3);
    expect(parseStockDelta('0')).toBeUndefined();
    expect(parseStockDelta('1.5')).toBeUndefined();
    expect(parseStockDelta('2000000')).toBeUndefined();
    expect(parseStockDelta('abc')).toBeUndefined();
  });

  it('reads prices written the Vietnamese way', () => {
    expect(parseVnd('150000')).toBe(150000);
    expect(parseVnd('150.000')).toBe(150000);
    expect(parseVnd('150.000 ₫')).toBe(150000);
    expect(parseVnd('1 500 000')).toBe(1500000);
    expect(parseVnd('-5')).toBeUndefined();
    expect(parseVnd('')).toBeUndefined();
  });
});
