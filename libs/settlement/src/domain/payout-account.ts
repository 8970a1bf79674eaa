import { SettlementError } from './ledger';

/**
 * The banks a producer can be paid at: the main members of NAPAS 247 (the network VietQR and payOS payouts use), by
 * their six-digit BIN, as NAPAS publishes them. A short list on purpose: the banks nearly every farmer and cooperative
 * holds an account at; a bank missing here is one line to add.
 */
export const PAYOUT_BANKS = [
  { bin: '970436', code: 'VCB', name: 'Vietcombank' },
  { bin: '970415', code: 'ICB', name: 'VietinBank' },
  { bin: '970418', code: 'BIDV', name: 'BIDV' },
  { bin: '970405', code: 'VBA', name: 'Agribank' },
  { bin: '970407', code: 'TCB', name: 'Techcombank' },
  { bin: '970422', code: 'MB', name: 'MB Bank' },
  { bin: '970416', code: 'ACB', name: 'ACB' },
  { bin: '970432', code: 'VPB', name: 'VPBank' },
  { bin: '970423', code: 'TPB', name: 'TPBank' },
  { bin: '970403', code: 'STB', name: 'Sacombank' },
  { bin: '970437', code: 'HDB', name: 'HDBank' },
  { bin: '970441', code: 'VIB', name: 'VIB' },
  { bin: '970443', code: 'SHB', name: 'SHB' },
  { bin: '970431', code: 'EIB', name: 'Eximbank' },
  { bin: '970426', code: 'MSB', name: 'MSB' },
  { bin: '970440', code: 'SEAB', name: 'SeABank' },
  { bin: '970448', code: 'OCB', name: 'OCB' },
  { bin: '970449', code: 'LPB', name: 'LPBank' },
  { bin: '970428', code: 'NAB', name: 'Nam A Bank' },
  { bin: '970409', code: 'BAB', name: 'Bac A Bank' },
  { bin: '970425', code: 'ABB', name: 'ABBANK' },
  { bin: '970452', code: 'KLB', name: 'KienlongBank' },
  { bin: '970412', code: 'PVCB', name: 'PVcomBank' },
  { bin: '970427', code: 'VAB', name: 'VietABank' },
  { bin: '970438', code: 'BVB', name: 'BaoViet Bank' },
] as const;

export const PAYOUT_BANK_BINS: readonly string[] = PAYOUT_BANKS.map((b) => b.bin);

export interface PayoutAccount {
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

/**
 * The account holder's name as Vietnamese banks hold it: capitals without diacritics, single spaces ("Nguyễn Thị
 * Hoà" → "NGUYEN THI HOA"). Undefined when anything but letters and spaces is left.
 */
export function bankAccountName(name: string): string | undefined {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .trim()
    .replace(/ +/g, ' ');
  return /^[A-Z]+( [A-Z]+)*$/.test(plain) && plain.length <= 50 ? plain : undefined;
}

/** The account a producer gives, checked strictly and with the name put as the bank holds it. */
export function payoutAccount(input: PayoutAccount): PayoutAccount {
  const problems: Record<string, string> = {};
  if (!PAYOUT_BANK_BINS.includes(input.bankBin)) problems['bankBin'] = 'not a bank payouts can reach';
  if (!/^[0-9]{6,19}$/.test(input.accountNumber)) problems['accountNumber'] = 'must be 6 to 19 digits';
  const accountName = bankAccountName(input.accountName);
  if (!accountName) problems['accountName'] = 'must be letters and spaces, at most 50';
  if (Object.keys(problems).length > 0 || !accountName) {
    throw new SettlementError('PAYOUT_ACCOUNT_INVALID', 'The payout account is not valid', { problems });
  }
  return { bankBin: input.bankBin, accountNumber: input.accountNumber, accountName };
}
