import { buildReport, invariantResult, reportLines } from './report';

const outbox = { owed: 0, owedLong: 0, failing: 0, oldestOwedAt: null, oldestError: null };
const base = {
  startedAt: '2026-12-07T01:00:00.000Z',
  durationMs: 42,
  since: '2026-12-05T01:00:00.000Z',
  outbox,
};

describe('the reconciliation report', () => {
  it('a quiet night: every invariant holds', () => {
    const report = buildReport({
      ...base,
      repair: true,
      results: [invariantResult('stock-equals-ledger', [], 0), invariantResult('placement-credited', [], 0)],
    });
    expect(report.results.map((r) => r.invariant)).toEqual(['placement-credited', 'stock-equals-ledger']);
    expect([report.found, report.repaired]).toEqual([0, 0]);
    expect(reportLines(report).at(-1)).toBe('since 2026-12-05T01:00:00.000Z, 42 ms: every invariant holds');
  });

  it('after Redis lost a second of jobs: the orders found are counted, shown by a few examples, and repaired', () => {
    const orders = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    const report = buildReport({
      ...base,
      repair: true,
      results: [
        invariantResult('placement-credited', orders, 12),
        invariantResult('branch-roll-ups-equal-ledger', ['branch b own 2026-12-06'], 1),
      ],
    });
    expect([report.found, report.repaired]).toEqual([13, 13]);
    expect(report.results[0]?.examples).toHaveLength(10);
    const lines = reportLines(report);
    expect(lines[0]).toMatch(
      /^placement-credited +12 found, 12 repaired \(e\.g\. order-0; order-1; order-2\)$/,
    );
    expect(lines.at(-1)).toMatch(/13 broken, all repaired$/);
  });

  it('a check-only run says nothing was repaired; a repair that failed says so', () => {
    const checked = buildReport({
      ...base,
      since: null,
      repair: false,
      results: [invariantResult('stock-equals-ledger', ['product p: stock 7, ledger 8'], 0)],
    });
    expect(reportLines(checked).at(-1)).toMatch(
      /^all time, 42 ms: 1 broken \(checked only, nothing repaired\)$/,
    );
    const failed = buildReport({
      ...base,
      repair: true,
      results: [invariantResult('status-change-credited', ['o1', 'o2'], 1)],
      outbox: { ...outbox, owed: 3, owedLong: 1, failing: 1, oldestOwedAt: 'then', oldestError: 'boom' },
    });
    const lines = reportLines(failed);
    expect(lines).toContain(
      `${'outbox deliveries owed'.padEnd(32)} 3 (1 for long, 1 failing, oldest then: boom)`,
    );
    expect(lines.at(-1)).toMatch(/2 broken, 1 NOT repaired \(see the log\)$/);
  });
});
