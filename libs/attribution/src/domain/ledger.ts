import { sumVnd, Vnd } from '@ocop/kernel';
import { AttributionError } from './attribution.errors';
import { AttributionChannel, AttributionRecord } from './attribution';

/** An order line as the ledger sees it: what was sold, for how much, and its immutable attribution. */
export interface AttributedLine {
  orderId: string;
  lineId: string;
  productId: string;
  producerId: string;
  quantity: number;
  /** What the buyer pays for this line, whole đồng. */
  amountVnd: Vnd;
  /**
   * 1 on exactly one line of each order (its first), 0 on the others, so that order counts add up across
   * entries and branches like every other figure.
   */
  countsOrder: 0 | 1;
  attribution: AttributionRecord;
}

/** placed: written when the order is placed. settled: written when it is paid and delivered. */
export type EntryKind = 'placed' | 'settled';
export type ReversalReason = 'cancelled' | 'expired' | 'refunded' | 'returned';

/**
 * One row of the append-only attribution ledger. Totals are sums of entries; a cancellation or refund is a new
 * entry with negative figures that references the one it reverses. Nothing is ever edited.
 */
export interface LedgerEntry {
  /** Deterministic, so writing the same entry twice is caught by a unique key. */
  entryId: string;
  kind: EntryKind;
  orderId: string;
  lineId: string;
  productId: string;
  producerId: string;
  gmvVnd: number;
  items: number;
  orders: number;
  channel: AttributionChannel;
  sessionId?: string;
  hostUserId?: string;
  branchId?: string;
  /** Copied from the attribution record: the path at the time of sale, never the current one. */
  branchPath: readonly string[];
  occurredAt: Date;
  reversalOf?: string;
  reason?: ReversalReason;
}

function assertLine(line: AttributedLine): void {
  const ok =
    Number.isSafeInteger(line.quantity) &&
    line.quantity >= 1 &&
    Number.isSafeInteger(line.amountVnd) &&
    line.amountVnd >= 0 &&
    (line.countsOrder === 0 || line.countsOrder === 1);
  if (!ok) {
    throw new AttributionError(
      'ATTRIBUTED_LINE_INVALID',
      'A ledger line needs a positive quantity and whole đồng',
      {
        lineId: line.lineId,
      },
    );
  }
}

function entry(kind: EntryKind, line: AttributedLine, at: Date, idPrefix = ''): LedgerEntry {
  assertLine(line);
  const a = line.attribution;
  const out: LedgerEntry = {
    entryId: `${idPrefix}${kind}:${line.lineId}`,
    kind,
    orderId: line.orderId,
    lineId: line.lineId,
    productId: line.productId,
    producerId: line.producerId,
    gmvVnd: line.amountVnd,
    items: line.quantity,
    orders: line.countsOrder,
    channel: a.channel,
    branchPath: Object.freeze([...a.branchPath]),
    occurredAt: new Date(at.getTime()),
  };
  if (a.sessionId !== undefined) out.sessionId = a.sessionId;
  if (a.hostUserId !== undefined) out.hostUserId = a.hostUserId;
  if (a.branchId !== undefined) out.branchId = a.branchId;
  return Object.freeze(out);
}

export function placedEntry(line: AttributedLine, at: Date): LedgerEntry {
  return entry('placed', line, at);
}

export function settledEntry(line: AttributedLine, at: Date): LedgerEntry {
  return entry('settled', line, at);
}

/**
 * The line placed again: an expired order whose late transfer an admin accepted (`reinstate`) counts once more, with
 * the credit its line was attributed at the time of sale. Its own id, so the expiry's reversal stays and a later
 * cancellation reverses this entry.
 */
export function reinstatedEntry(line: AttributedLine, at: Date): LedgerEntry {
  return entry('placed', line, at, REINSTATED);
}

const REINSTATED = 'reinstated:';

/** An entry that placed a line again after its order was reinstated. */
export function isReinstatement(e: LedgerEntry): boolean {
  return e.entryId.startsWith(REINSTATED);
}

/** Marks the first line of an order as the one that counts the order. */
export function markOrderLines<L extends Omit<AttributedLine, 'countsOrder'>>(
  lines: readonly L[],
): (L & { countsOrder: 0 | 1 })[] {
  return lines.map((line, i) => ({ ...line, countsOrder: i === 0 ? 1 : 0 }));
}

/** The negative twin of an entry, referencing it. A reversal is itself never reversed. */
export function reversalEntry(original: LedgerEntry, reason: ReversalReason, at: Date): LedgerEntry {
  if (original.reversalOf !== undefined) {
    throw new AttributionError('ENTRY_NOT_REVERSIBLE', 'A reversal entry cannot be reversed', {
      entryId: original.entryId,
    });
  }
  return Object.freeze({
    ...original,
    entryId: `reversal:${original.entryId}`,
    gmvVnd: -original.gmvVnd,
    items: -original.items,
    orders: -original.orders,
    branchPath: original.branchPath,
    occurredAt: new Date(at.getTime()),
    reversalOf: original.entryId,
    reason,
  });
}

/**
 * The reversals an order's cancellation or refund writes: one per entry not yet reversed (placed, and settled
 * if it was settled). Idempotent: entries already reversed are skipped.
 */
export function reversalsFor(
  entries: readonly LedgerEntry[],
  orderId: string,
  reason: ReversalReason,
  at: Date,
): LedgerEntry[] {
  const reversed = new Set(entries.filter((e) => e.reversalOf).map((e) => e.reversalOf));
  return entries
    .filter((e) => e.orderId === orderId && !e.reversalOf && !reversed.has(e.entryId))
    .map((e) => reversalEntry(e, reason, at));
}

export interface BranchTotals {
  placedGmvVnd: number;
  settledGmvVnd: number;
  placedOrders: number;
  settledOrders: number;
  placedItems: number;
  settledItems: number;
}

export const ZERO_TOTALS: Readonly<BranchTotals> = Object.freeze({
  placedGmvVnd: 0,
  settledGmvVnd: 0,
  placedOrders: 0,
  settledOrders: 0,
  placedItems: 0,
  settledItems: 0,
});

/** Sums entries into totals; placed and settled are counted separately, reversals subtract. */
export function sumEntries(entries: readonly LedgerEntry[]): BranchTotals {
  const placed = entries.filter((e) => e.kind === 'placed');
  const settled = entries.filter((e) => e.kind === 'settled');
  const sum = (list: LedgerEntry[], f: (e: LedgerEntry) => number) => sumSigned(list.map(f));
  return {
    placedGmvVnd: sum(placed, (e) => e.gmvVnd),
    settledGmvVnd: sum(settled, (e) => e.gmvVnd),
    placedOrders: sum(placed, (e) => e.orders),
    settledOrders: sum(settled, (e) => e.orders),
    placedItems: sum(placed, (e) => e.items),
    settledItems: sum(settled, (e) => e.items),
  };
}

/** sumVnd is for non-negative amounts; ledger figures may be negative, so sum both sides with it. */
function sumSigned(values: readonly number[]): number {
  return sumVnd(values.filter((v) => v > 0)) - sumVnd(values.filter((v) => v < 0).map((v) => -v));
}

export interface BranchRollup {
  branchId: string;
  /** Entries credited to this branch itself. */
  own: BranchTotals;
  /** This branch and every branch below it, along the stored paths. */
  subtree: BranchTotals;
}

/** The entries that fall inside a period [from, to). */
export function inPeriod(entries: readonly LedgerEntry[], from: Date, to: Date): LedgerEntry[] {
  return entries.filter((e) => e.occurredAt >= from && e.occurredAt < to);
}

/** True when `path` (a stored path) lies in the subtree of `branchId`: what an admin of that branch may see. */
export function inSubtree(path: readonly string[], branchId: string): boolean {
  return path.includes(branchId);
}

/**
 * The totals of the branch at the end of `branchPath`: its own entries, and its subtree's, which are all the
 * entries whose stored path passes through it. The reference model for the SQL roll-up.
 */
export function rollup(entries: readonly LedgerEntry[], branchPath: readonly string[]): BranchRollup {
  const branchId = branchPath[branchPath.length - 1];
  if (branchId === undefined) {
    throw new AttributionError('BRANCH_PATH_INVALID', 'A roll-up needs a branch path');
  }
  return {
    branchId,
    own: sumEntries(entries.filter((e) => e.branchId === branchId)),
    subtree: sumEntries(entries.filter((e) => inSubtree(e.branchPath, branchId))),
  };
}

/** Roll-ups of every branch that appears on any stored path, keyed by branch id. */
export function rollupAll(entries: readonly LedgerEntry[]): Map<string, BranchRollup> {
  const own = new Map<string, LedgerEntry[]>();
  const subtree = new Map<string, LedgerEntry[]>();
  const push = (m: Map<string, LedgerEntry[]>, k: string, e: LedgerEntry) => {
    const list = m.get(k);
    if (list) list.push(e);
    else m.set(k, [e]);
  };
  for (const e of entries) {
    if (e.branchId !== undefined) push(own, e.branchId, e);
    for (const id of new Set(e.branchPath)) push(subtree, id, e);
  }
  const out = new Map<string, BranchRollup>();
  for (const [branchId, list] of subtree) {
    out.set(branchId, { branchId, own: sumEntries(own.get(branchId) ?? []), subtree: sumEntries(list) });
  }
  return out;
}

/** Entries credited to no branch (channel none): part of the platform total, of no branch's. */
export function unattributedTotals(entries: readonly LedgerEntry[]): BranchTotals {
  return sumEntries(entries.filter((e) => e.branchPath.length === 0));
}
