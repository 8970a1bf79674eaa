import type { Schema } from '../../api/client';

type Row = Schema<'BranchFiguresResponse'>;

export const SORT_KEYS = ['tree', 'name', 'ownGmv', 'subtreeGmv', 'subtreeOrders'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

/** The totals rows in tree order (as the api gives them) or sorted by a column; ties keep tree order. */
export function sortRows(rows: readonly Row[], key: SortKey, direction: SortDirection): Row[] {
  if (key === 'tree') return [...rows];
  const value = (row: Row): number | string => {
    switch (key) {
      case 'name':
        return row.name;
      case 'ownGmv':
        return row.own.placedGmvVnd;
      case 'subtreeGmv':
        return row.subtree.placedGmvVnd;
      case 'subtreeOrders':
        return row.subtree.orders;
    }
  };
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = value(a.row);
      const y = value(b.row);
      const order =
        typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'vi') : Number(x) - Number(y);
      return order !== 0 ? sign * order : a.index - b.index;
    })
    .map(({ row }) => row);
}

/** Clicking a column header: a new column sorts descending for figures (biggest first) and ascending for names. */
export function nextSort(current: { key: SortKey; direction: SortDirection }, key: SortKey) {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } as const;
  return { key, direction: key === 'name' || key === 'tree' ? 'asc' : 'desc' } as const;
}

type FiguresLike = { orders: number; placedGmvVnd: number; settledGmvVnd: number };

/** Anything happened: an order, or GMV placed or settled (a reversal counts too: it is news). */
export function hasSales(figures: FiguresLike): boolean {
  return figures.orders !== 0 || figures.placedGmvVnd !== 0 || figures.settledGmvVnd !== 0;
}

/**
 * The rows the totals table shows: by default the branches whose subtree sold something (so the tree still reads:
 * a parent of a selling branch stays), plus the scope's root and the focused branch; every row when asked.
 */
export function visibleRows<R extends { id: string; depth: number; subtree: FiguresLike }>(
  rows: readonly R[],
  options: { showAll: boolean; focusId: string },
): { rows: R[]; hidden: number } {
  if (options.showAll) return { rows: [...rows], hidden: 0 };
  const shown = rows.filter((row) => row.depth === 0 || row.id === options.focusId || hasSales(row.subtree));
  return { rows: shown, hidden: rows.length - shown.length };
}

/** A leaderboard ranks only those who sold: the api's tail of zeros is not a ranking. */
export function rankedOnly<I extends FiguresLike>(items: readonly I[]): I[] {
  return items.filter(hasSales);
}
