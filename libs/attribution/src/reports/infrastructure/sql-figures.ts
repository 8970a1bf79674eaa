import type { Figures } from '../domain';

/**
 * SQL pieces shared by the report queries, and the parsing of their rows. Sums of bigint columns come back from pg
 * as strings; every figure must be a safe integer.
 */

/** Sums of roll-up rows (branch_day_totals, streamer_day_totals) into the four figures, aliased with `prefix`. */
export function rollupSums(table: string, prefix = '', filter = ''): string {
  const f = filter ? ` FILTER (WHERE ${filter})` : '';
  return [
    `COALESCE(sum(${table}.placed_orders)${f}, 0)::bigint AS ${prefix}orders`,
    `COALESCE(sum(${table}.placed_items)${f}, 0)::bigint AS ${prefix}items`,
    `COALESCE(sum(${table}.placed_gmv_vnd)${f}, 0)::bigint AS ${prefix}placed_gmv_vnd`,
    `COALESCE(sum(${table}.settled_gmv_vnd)${f}, 0)::bigint AS ${prefix}settled_gmv_vnd`,
  ].join(',\n');
}

/**
 * Sums of ledger entries into the four figures, aliased with `prefix`. `orders` counts orders by the ledger's own
 * rule (1 on the first line of an order); `line_orders` counts each placed line once, which is how many orders
 * contain a product (an order holds at most one line per product).
 */
export function ledgerSums(alias: string, options: { filter?: string; prefix?: string } = {}): string {
  const and = options.filter ? ` AND ${options.filter}` : '';
  const p = options.prefix ?? '';
  const placed = `FILTER (WHERE ${alias}.kind = 'placed'${and})`;
  const settled = `FILTER (WHERE ${alias}.kind = 'settled'${and})`;
  return [
    `COALESCE(sum(${alias}.orders) ${placed}, 0)::bigint AS ${p}orders`,
    `COALESCE(sum(sign(${alias}.items)) ${placed}, 0)::bigint AS ${p}line_orders`,
    `COALESCE(sum(${alias}.items) ${placed}, 0)::bigint AS ${p}items`,
    `COALESCE(sum(${alias}.gmv_vnd) ${placed}, 0)::bigint AS ${p}placed_gmv_vnd`,
    `COALESCE(sum(${alias}.gmv_vnd) ${settled}, 0)::bigint AS ${p}settled_gmv_vnd`,
  ].join(',\n');
}

export function int(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const parsed = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`Not a whole number: ${String(value)}`);
  return parsed;
}

/** The four figures of a row whose columns are `<prefix>orders`, `<prefix>items`, ... */
export function figuresOf(row: Record<string, unknown>, prefix = ''): Figures {
  return {
    orders: int(row[`${prefix}orders`]),
    items: int(row[`${prefix}items`]),
    placedGmvVnd: int(row[`${prefix}placed_gmv_vnd`]),
    settledGmvVnd: int(row[`${prefix}settled_gmv_vnd`]),
  };
}
