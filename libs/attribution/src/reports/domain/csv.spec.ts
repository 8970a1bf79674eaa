import { CSV_BOM, csvCell, toCsv } from './csv';

describe('CSV exports', () => {
  it('writes a header row, CRLF line ends, numbers plain and names quoted', () => {
    const csv = toCsv(
      ['code', 'name', 'placed_gmv_vnd'],
      [
        ['HN-GLA', 'Huyện đoàn Gia Lâm', 1_500_000],
        ['HN-GLA-BTR', 'Đoàn xã Bát Tràng', 0],
      ],
    );
    expect(csv).toBe(
      `${CSV_BOM}code,name,placed_gmv_vnd\r\n` +
        '"HN-GLA","Huyện đoàn Gia Lâm",1500000\r\n' +
        '"HN-GLA-BTR","Đoàn xã Bát Tràng",0\r\n',
    );
  });

  it('doubles quotes and keeps commas and line breaks inside the quoted field (RFC 4180)', () => {
    expect(csvCell('Mật ong "rừng", loại 1')).toBe('"Mật ong ""rừng"", loại 1"');
    expect(csvCell('dòng 1\r\ndòng 2')).toBe('"dòng 1\r\ndòng 2"');
  });

  it('a product named like a formula stays text in a spreadsheet', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Mua")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""Mua"")"',
    );
    expect(csvCell('+84 912 345 678')).toBe(`"'+84 912 345 678"`);
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
  });

  it('a negative figure (a period with more refunds than sales) is a plain number, not neutralised', () => {
    expect(csvCell(-250_000)).toBe('-250000');
    expect(csvCell(null)).toBe('');
  });

  it('refuses a column name that is not snake_case, and a number that is not finite', () => {
    expect(() => toCsv(['Name, with comma'], [])).toThrow(RangeError);
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });
});
