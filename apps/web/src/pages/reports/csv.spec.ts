import { fileNameOf, urlWithQuery } from './csv';

describe('CSV download helpers', () => {
  it('builds the query from defined values only', () => {
    expect(
      urlWithQuery('/api/farmer/sales', {
        from: '2026-01-01',
        to: undefined,
        groupBy: 'product',
        format: 'csv',
      }),
    ).toBe('/api/farmer/sales?from=2026-01-01&groupBy=product&format=csv');
    expect(urlWithQuery('/api/x', {})).toBe('/api/x');
  });

  it('takes the file name the api gives', () => {
    expect(fileNameOf('attachment; filename="branch-totals.csv"', 'x.csv')).toBe('branch-totals.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''doanh%20s%E1%BB%91.csv", 'x.csv')).toBe('doanh số.csv');
    expect(fileNameOf(null, 'x.csv')).toBe('x.csv');
  });
});
