import { CsvValue, Figures, toCsv } from '../domain';
import { BranchTotalsView, ExportFile, FarmerSalesView } from './views';

/** The CSV exports of the reports: one row per branch or group, figures as plain whole numbers. */

const CSV_TYPE = 'text/csv; charset=utf-8';
const FIGURE_COLUMNS = ['orders', 'items', 'placed_gmv_vnd', 'settled_gmv_vnd'] as const;

const figureCells = (f: Figures): CsvValue[] => [f.orders, f.items, f.placedGmvVnd, f.settledGmvVnd];

export function branchTotalsCsv(view: BranchTotalsView): ExportFile {
  const root = view.branches[0];
  const header = [
    'from',
    'to',
    'branch_id',
    'code',
    'name',
    'parent_id',
    'depth',
    ...FIGURE_COLUMNS.map((c) => `own_${c}`),
    ...FIGURE_COLUMNS.map((c) => `subtree_${c}`),
  ];
  const rows = view.branches.map((b) => [
    view.from,
    view.to,
    b.id,
    b.code,
    b.name,
    b.parentId,
    b.depth,
    ...figureCells(b.own),
    ...figureCells(b.subtree),
  ]);
  return {
    filename: `branch-totals_${root?.code ?? view.branchId}_${view.from}_${view.to}.csv`,
    contentType: CSV_TYPE,
    body: toCsv(header, rows),
  };
}

export function farmerSalesCsv(view: FarmerSalesView): ExportFile {
  const header = ['from', 'to', `${view.groupBy}_id`, 'name', ...FIGURE_COLUMNS];
  const rows = view.rows.map((r) => [view.from, view.to, r.id, r.name, ...figureCells(r)]);
  return {
    filename: `sales-by-${view.groupBy}_${view.from}_${view.to}.csv`,
    contentType: CSV_TYPE,
    body: toCsv(header, rows),
  };
}
