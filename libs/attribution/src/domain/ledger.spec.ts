import { DomainError } from '@ocop/kernel';
import { attribute, AttributionRecord } from './attribution';
import {
  AttributedLine,
  inPeriod,
  inSubtree,
  LedgerEntry,
  markOrderLines,
  placedEntry,
  reversalEntry,
  reversalsFor,
  rollup,
  rollupAll,
  settledEntry,
  sumEntries,
  unattributedTotals,
  ZERO_TOTALS,
} from './ledger';

const T0 = new Date('2025-11-20T12:00:00.000Z');
const later = (h: number) => new Date(T0.getTime() + h * 3600_000);

// City -> two wards; one ward has a cell.
const CITY = ['hn'];
const WARD_A = ['hn', 'hn-a'];
const CELL_A1 = ['hn', 'hn-a', 'hn-a-1'];
const WARD_B = ['hn', 'hn-b'];

function liveAt(path: string[], sessionId = 's1'): AttributionRecord {
  return attribute({
    liveRoom: {
      sessionId,
      hostUserId: `host-${path.at(-1)}`,
      branchId: path.at(-1)!,
      branchPath: path,
      status: 'live',
    },
    now: T0,
  });
}

let seq = 0;
function lines(
  orderId: string,
  attribution: AttributionRecord,
  ...items: [number, number][]
): AttributedLine[] {
  return markOrderLines(
    items.map(([quantity, amountVnd]) => ({
      orderId,
      lineId: `${orderId}-l${++seq}`,
      productId: `p${seq}`,
      producerId: 'farm',
      quantity,
      amountVnd,
      attribution,
    })),
  );
}

describe('ledger entries', () => {
  it('a placed line becomes a placed entry carrying its own branch path', () => {
    const [line] = lines('o1', liveAt(CELL_A1), [2, 300_000]);
    expect(placedEntry(line!, T0)).toMatchObject({
      entryId: `placed:${line!.lineId}`,
      kind: 'placed',
      gmvVnd: 300_000,
      items: 2,
      orders: 1,
      channel: 'live',
      sessionId: 's1',
      branchId: 'hn-a-1',
      branchPath: CELL_A1,
      occurredAt: T0,
    });
  });

  it('only the first line of an order counts the order', () => {
    const ls = lines('o1', liveAt(WARD_A), [1, 100_000], [3, 60_000], [1, 5_000]);
    expect(ls.map((l) => l.countsOrder)).toEqual([1, 0, 0]);
    expect(sumEntries(ls.map((l) => placedEntry(l, T0)))).toMatchObject({
      placedOrders: 1,
      placedItems: 5,
      placedGmvVnd: 165_000,
    });
  });

  it('a reversal has negative figures and references the original', () => {
    const [line] = lines('o1', liveAt(WARD_A), [2, 300_000]);
    const placed = placedEntry(line!, T0);
    const reversal = reversalEntry(placed, 'cancelled', later(1));
    expect(reversal).toMatchObject({
      entryId: `reversal:${placed.entryId}`,
      kind: 'placed',
      gmvVnd: -300_000,
      items: -2,
      orders: -1,
      reversalOf: placed.entryId,
      reason: 'cancelled',
      branchPath: WARD_A,
      occurredAt: later(1),
    });
    expect(placed.gmvVnd).toBe(300_000);
  });

  it('a reversal cannot be reversed (ENTRY_NOT_REVERSIBLE)', () => {
    const [line] = lines('o1', liveAt(WARD_A), [1, 1_000]);
    const reversal = reversalEntry(placedEntry(line!, T0), 'refunded', T0);
    expect(() => reversalEntry(reversal, 'refunded', T0)).toThrow(DomainError);
  });

  it('a line with a zero or fractional quantity or amount is refused', () => {
    const [line] = lines('o1', liveAt(WARD_A), [1, 1_000]);
    expect(() => placedEntry({ ...line!, quantity: 0 }, T0)).toThrow(DomainError);
    expect(() => placedEntry({ ...line!, amountVnd: 1.5 }, T0)).toThrow(DomainError);
  });
});

describe('branch totals', () => {
  function scenario(): LedgerEntry[] {
    const o1 = lines('o1', liveAt(CELL_A1), [2, 200_000], [1, 50_000]);
    const o2 = lines('o2', liveAt(WARD_A), [1, 120_000]);
    const o3 = lines('o3', liveAt(WARD_B), [4, 400_000]);
    const o4 = lines('o4', attribute({ now: T0 }), [1, 70_000]);
    const placed = [...o1, ...o2, ...o3, ...o4].map((l) => placedEntry(l, T0));
    const settled = [...o1, ...o3].map((l) => settledEntry(l, later(48)));
    return [...placed, ...settled];
  }

  it('placed and settled GMV, orders and items are counted separately per branch', () => {
    expect(rollup(scenario(), WARD_B)).toEqual({
      branchId: 'hn-b',
      own: {
        placedGmvVnd: 400_000,
        settledGmvVnd: 400_000,
        placedOrders: 1,
        settledOrders: 1,
        placedItems: 4,
        settledItems: 4,
      },
      subtree: {
        placedGmvVnd: 400_000,
        settledGmvVnd: 400_000,
        placedOrders: 1,
        settledOrders: 1,
        placedItems: 4,
        settledItems: 4,
      },
    });
    expect(rollup(scenario(), WARD_A)).toEqual({
      branchId: 'hn-a',
      own: {
        placedGmvVnd: 120_000,
        settledGmvVnd: 0,
        placedOrders: 1,
        settledOrders: 0,
        placedItems: 1,
        settledItems: 0,
      },
      subtree: {
        placedGmvVnd: 370_000,
        settledGmvVnd: 250_000,
        placedOrders: 2,
        settledOrders: 1,
        placedItems: 4,
        settledItems: 3,
      },
    });
  });

  it('a city total equals the sum of its subtree: its own figures plus each child subtree', () => {
    const all = rollupAll(scenario());
    const city = all.get('hn')!;
    expect(city.own).toEqual(ZERO_TOTALS);
    const sum = (key: keyof typeof ZERO_TOTALS) =>
      city.own[key] + all.get('hn-a')!.subtree[key] + all.get('hn-b')!.subtree[key];
    for (const key of Object.keys(ZERO_TOTALS) as (keyof typeof ZERO_TOTALS)[]) {
      expect(city.subtree[key]).toBe(sum(key));
    }
    expect(city.subtree.placedGmvVnd).toBe(770_000);
    expect(rollup(scenario(), CITY)).toEqual(city);
  });

  it('the sale credited to no branch counts in no branch total', () => {
    const entries = scenario();
    expect(unattributedTotals(entries)).toMatchObject({ placedGmvVnd: 70_000, placedOrders: 1 });
    expect([...rollupAll(entries).keys()].sort()).toEqual(['hn', 'hn-a', 'hn-a-1', 'hn-b']);
  });

  it('a cancellation after delivery writes a reversal and the branch total drops', () => {
    const entries = scenario();
    const before = rollupAll(entries);
    const reversals = reversalsFor(entries, 'o1', 'returned', later(72));
    expect(reversals).toHaveLength(4); // two lines, each placed and settled
    const after = rollupAll([...entries, ...reversals]);
    expect(after.get('hn-a-1')!.subtree).toEqual(ZERO_TOTALS);
    expect(after.get('hn-a')!.subtree.placedGmvVnd).toBe(before.get('hn-a')!.subtree.placedGmvVnd - 250_000);
    expect(after.get('hn')!.subtree.settledGmvVnd).toBe(before.get('hn')!.subtree.settledGmvVnd - 250_000);
    expect(after.get('hn')!.subtree.placedOrders).toBe(2);
    // History is intact: the originals are still there, unchanged.
    expect(entries.filter((e) => e.orderId === 'o1').every((e) => e.gmvVnd > 0)).toBe(true);
  });

  it('a refund of an order never settled reverses only its placed entry, and reversing twice adds nothing', () => {
    const entries = scenario();
    const first = reversalsFor(entries, 'o2', 'refunded', later(1));
    expect(first.map((e) => e.kind)).toEqual(['placed']);
    expect(reversalsFor([...entries, ...first], 'o2', 'refunded', later(2))).toEqual([]);
  });

  it("moving the streamer's branch afterwards changes no past total", () => {
    const entries = scenario();
    const before = rollupAll(entries);
    // The cell moves from ward A to ward B. New sales carry the new path; past entries keep theirs.
    const moved = ['hn', 'hn-b', 'hn-a-1'];
    const newSale = lines('o5', liveAt(moved, 's2'), [1, 90_000]).map((l) => placedEntry(l, later(100)));
    const pastPeriod = inPeriod([...entries, ...newSale], T0, later(99));
    expect(rollupAll(pastPeriod)).toEqual(before);
    const now = rollupAll([...entries, ...newSale]);
    expect(now.get('hn-a')!.subtree.placedGmvVnd).toBe(before.get('hn-a')!.subtree.placedGmvVnd);
    expect(now.get('hn-b')!.subtree.placedGmvVnd).toBe(before.get('hn-b')!.subtree.placedGmvVnd + 90_000);
  });

  it('an admin sees a stored path only inside their own subtree', () => {
    expect(inSubtree(CELL_A1, 'hn-a')).toBe(true);
    expect(inSubtree(CELL_A1, 'hn')).toBe(true);
    expect(inSubtree(CELL_A1, 'hn-b')).toBe(false);
    expect(inSubtree([], 'hn')).toBe(false);
  });

  it('a period is half-open: from included, to excluded', () => {
    const entries = scenario();
    expect(inPeriod(entries, T0, later(48)).every((e) => e.kind === 'placed')).toBe(true);
    expect(inPeriod(entries, later(48), later(49)).every((e) => e.kind === 'settled')).toBe(true);
  });

  it('a roll-up needs a branch', () => {
    expect(() => rollup([], [])).toThrow(DomainError);
    expect(rollup([], ['nowhere']).subtree).toEqual(ZERO_TOTALS);
  });
});
