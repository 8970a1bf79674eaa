import { buildSearchText, buildTsQuery } from './search';

describe('product search', () => {
  it('indexes names without diacritics so that shoppers can type without them', () => {
    expect(buildSearchText(['Gốm Bát Tràng', 'HTX Gốm sứ', null, 'Hà Nội'])).toBe(
      'gom bat trang htx gom su ha noi',
    );
    expect(buildSearchText(['Trà Thái Nguyên – đặc sản'])).toBe('tra thai nguyen dac san');
  });

  it('matches every typed word, the last one as a prefix while typing', () => {
    expect(buildTsQuery('gom bat trang')).toBe('gom & bat & trang:*');
    expect(buildTsQuery('Trà Thái Ng')).toBe('tra & thai & ng:*');
  });

  it('cannot be tricked into tsquery syntax, and an empty search means no filter', () => {
    expect(buildTsQuery("a' | !b & (c:*)")).toBe('a & b & c:*');
    expect(buildTsQuery('  !!& ')).toBeNull();
  });
});
