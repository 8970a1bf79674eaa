import { bankAccountName, payoutAccount } from './payout-account';
import { payoutDescription, payoutOutcome, pollDelayMs } from './payos-payout';

describe('a payout account', () => {
  it('keeps the holder name as the bank holds it: capitals without diacritics, single spaces', () => {
    expect(bankAccountName('  Nguyễn   Thị Hoà ')).toBe('NGUYEN THI HOA');
    expect(bankAccountName('Đặng Văn Đức')).toBe('DANG VAN DUC');
    expect(bankAccountName('HTX Nông sản 3')).toBeUndefined();
    expect(bankAccountName('Lê-Văn')).toBeUndefined();
    expect(bankAccountName('A'.repeat(51))).toBeUndefined();
  });

  it('refuses a bank payouts cannot reach, or an account number that is not 6 to 19 digits', () => {
    const good = { bankBin: '970422', accountNumber: '0123456789', accountName: 'tran van binh' };
    expect(payoutAccount(good)).toEqual({ ...good, accountName: 'TRAN VAN BINH' });
    for (const bad of [
      { ...good, bankBin: '970000' },
      { ...good, accountNumber: '12345' },
      { ...good, accountNumber: '1'.repeat(20) },
      { ...good, accountName: '' },
    ]) {
      expect(() => payoutAccount(bad)).toThrow(expect.objectContaining({ code: 'PAYOUT_ACCOUNT_INVALID' }));
    }
  });
});

describe('a payout through payOS', () => {
  it('is paid on SUCCEEDED, failed (given back) on FAILED, CANCELLED or REVERSED, and asked again otherwise', () => {
    expect(payoutOutcome('SUCCEEDED')).toBe('paid');
    for (const state of ['FAILED', 'CANCELLED', 'REVERSED'] as const)
      expect(payoutOutcome(state)).toBe('failed');
    for (const state of ['RECEIVED', 'PROCESSING', 'ON_HOLD'] as const)
      expect(payoutOutcome(state)).toBe('pending');
  });

  it('is asked about again after waits that double, at most ten minutes', () => {
    expect([0, 1, 2, 3].map((n) => pollDelayMs(n, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(pollDelayMs(50, 5_000)).toBe(600_000);
  });

  it('carries a short ASCII memo with its id', () => {
    expect(payoutDescription('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('OCOP LIVE 0F8FAD5BD9');
  });
});
