/**
 * CSV as RFC 4180 writes it (comma separated, CRLF line ends, a field with a comma, quote or line break quoted and
 * its quotes doubled), made safe to open in a spreadsheet: every text field is quoted, and one that starts with a
 * character a spreadsheet reads as a formula (= + - @, or a tab or carriage return) gets a leading apostrophe, so a
 * product called "=HYPERLINK(...)" stays text. Numbers are written plain. The file starts with a UTF-8 byte order
 * mark so that spreadsheet programs read Vietnamese names correctly.
 */
export type CsvValue = string | number | null;

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('A CSV number must be finite');
    return String(value);
  }
  return csvText(value);
}

const HEADER_NAME = /^[a-z][a-z0-9_]*$/;

/** A whole CSV document: the header row (snake_case column names), then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const name of header) {
    if (!HEADER_NAME.test(name)) throw new RangeError(`A CSV column name is snake_case: ${name}`);
  }
  const lines = [header.join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
