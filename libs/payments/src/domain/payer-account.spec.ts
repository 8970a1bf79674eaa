import { payerAccountOf } from './vietqr';

describe("the payer's account of a VietQR transfer (payOS's counterAccount fields)", () => {
  it('a transfer from a bank that names the account: its BIN, number and holder, trimmed', () => {
    expect(
      payerAccountOf({ bankId: '970415', accountNumber: ' 9704000000000018 ', accountName: 'NGUYEN VAN A ' }),
    ).toEqual({ bankBin: '970415', accountNumber: '9704000000000018', accountName: 'NGUYEN VAN A' });
  });

  it('a bank that sends no holder name still gives an account to refund to', () => {
    expect(payerAccountOf({ bankId: '970436', accountNumber: '0011001234567', accountName: null })).toEqual({
      bankBin: '970436',
      accountNumber: '0011001234567',
      accountName: '',
    });
  });

  it('unknown when the bank sent no BIN, a bank name instead of a BIN, or no usable account number', () => {
    for (const sent of [
      { bankId: '', accountNumber: '9704000000000018', accountName: 'A' },
      { bankId: null, accountNumber: '9704000000000018', accountName: 'A' },
      { bankId: 'VTB', accountNumber: '9704000000000018', accountName: 'A' },
      { bankId: '970415', accountNumber: '', accountName: 'A' },
      { bankId: '970415', accountNumber: '12345', accountName: 'A' },
      { bankId: '970415', accountNumber: '0011-001234', accountName: 'A' },
      { bankId: 970415, accountNumber: 9704000000000018, accountName: 'A' },
      { bankId: undefined, accountNumber: undefined, accountName: undefined },
    ]) {
      expect(payerAccountOf(sent)).toBeNull();
    }
  });
});
