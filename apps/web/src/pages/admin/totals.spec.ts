import type { Schema } from '../../api/client';
import { nextSort, sortRows } from './totals';

type Row = Schema<'BranchFiguresResponse'>;
const figures = (gmv: number, orders = 1) => ({ orders, items: orders, placedGmvVnd: gmv, settledGmvVnd: 0 });
const row = (id: string, name: string, own: number, subtree: number, depth: number): Row => ({
  id,
  code: id,
  name,
  type: 'grassroots_union',
  status: 'active',
  parentId: null,
  depth,
  own: figures(own),
  subtree: figures(subtree, subtree / 1000),
});

const rows = [
  row('a', 'Thành đoàn', 0, 900_000, 0),
  row('b', 'Ánh Tuyết', 500_000, 500_000, 1),
  row('c', 'Bát Tràng', 400_000, 400_000, 1),
];

describe('totals table sorting', () => {
  it('keeps tree order by default', () => {
    expect(sortRows(rows, 'tree', 'asc').map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('sorts by figures and by Vietnamese names', () => {
    expect(sortRows(rows, 'ownGmv', 'desc').map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, 'subtreeGmv', 'asc').map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(sortRows(rows, 'name', 'asc').map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('flips direction on the same column, starts figures biggest first', () => {
    expect(nextSort({ key: 'tree', direction: 'asc' }, 'ownGmv')).toEqual({
      key: 'ownGmv',
      direction: 'desc',
    });
    expect(nextSort({ key: 'ownGmv', direction: 'desc' }, 'ownGmv')).toEqual({
      key: 'ownGmv',
      direction: 'asc',
    });
    expect(nextSort({ key: 'ownGmv', direction: 'desc' }, 'name')).toEqual({ key: 'name', direction: 'asc' });
  });
});
