import type { EntryKind } from './ledger';

/**
 * A producer's ledger as CSV (RFC 4180, CRLF, UTF-8 with a byte order mark so spreadsheets read Vietnamese): one row
 * per entry, oldest first, with the balance after it. Text is quoted, and text a spreadsheet would read as a formula
 * (= + - @, tab, carriage return) gets a leading apostrophe; amounts are plain whole đồng.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function text(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export interface CsvEntry {
  createdAt: Date;
  kind: EntryKind;
  orderCode: string | null;
  payoutReference: string | null;
  amountVnd: number;
}

export function ledgerCsv(entries: readonly CsvEntry[]): string {
  const header = 'date,kind,order_code,payout_reference,amount_vnd,balance_after_vnd';
  let balance = 0;
  const rows = entries.map((e) => {
    balance += e.amountVnd;
    return [
      text(e.createdAt.toISOString()),
      text(e.kind),
      text(e.orderCode),
      text(e.payoutReference),
      String(e.amountVnd),
      String(balance),
    ].join(',');
  });
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}
