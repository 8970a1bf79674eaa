import { hasSales, rankedOnly, visibleRows } from './totals';

const figures = (orders: number, placed: number, settled = 0) => ({
  orders,
  items: orders,
  placedGmvVnd: placed,
  settledGmvVnd: settled,
});
const row = (id: string, depth: number, subtree: ReturnType<typeof figures>) => ({ id, depth, subtree });

describe('reports on a phone: rows of zeros', () => {
  const rows = [
    row('city', 0, figures(0, 0)),
    row('district', 1, figures(2, 500_000)),
    row('commune-sold', 2, figures(2, 500_000)),
    row('commune-quiet', 2, figures(0, 0)),
    row('cell-quiet', 3, figures(0, 0)),
    row('commune-refunded', 2, figures(0, 0, -120_000)),
  ];

  it('hides branches without sales by default, keeping the root, the tree above sellers and a refund', () => {
    const { rows: shown, hidden } = visibleRows(rows, { showAll: false, focusId: 'city' });
    expect(shown.map((r) => r.id)).toEqual(['city', 'district', 'commune-sold', 'commune-refunded']);
    expect(hidden).toBe(2);
  });

  it('shows every branch when asked, and always the focused one', () => {
    expect(visibleRows(rows, { showAll: true, focusId: 'city' }).rows).toHaveLength(rows.length);
    const focused = visibleRows(rows, { showAll: false, focusId: 'cell-quiet' });
    expect(focused.rows.map((r) => r.id)).toContain('cell-quiet');
    expect(focused.hidden).toBe(1);
  });

  it('does not rank branches that sold nothing', () => {
    const items = [
      { rank: 1, ...figures(3, 900_000) },
      { rank: 2, ...figures(1, 100_000) },
      { rank: 3, ...figures(0, 0) },
      { rank: 4, ...figures(0, 0) },
    ];
    expect(rankedOnly(items).map((i) => i.rank)).toEqual([1, 2]);
    expect(hasSales(figures(0, 0))).toBe(false);
  });
});
