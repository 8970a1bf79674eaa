/**
 * The reconciliation's report: for each invariant the product promises, what a run found broken and what it put
 * right. Pure: the service fills it; operators read it as log lines and as the command's output.
 */

/** The invariants, in the order a run checks them (each repair may feed the checks after it). */
export const INVARIANTS = [
  /** Every Stripe event stored has been applied to its payment. */
  'payment-follows-stripe',
  /** Every card order whose payment succeeded has moved (confirmed, or refund_due when it had ended unpaid). */
  'order-follows-payment',
  /** Every line of every placed order has its attribution record and its placed ledger entry. */
  'placement-credited',
  /** Every settlement, cancellation, expiry or refund of an order has its settled or reversal entries. */
  'status-change-credited',
  /** branch_day_totals equals the sums of the ledger (own branch and subtree, per Vietnam day). */
  'branch-roll-ups-equal-ledger',
  /** streamer_day_totals equals the sums of the ledger (per streamer, day and stored path). */
  'streamer-roll-ups-equal-ledger',
  /** Every product's stock equals the sum of its stock ledger. */
  'stock-equals-ledger',
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface InvariantResult {
  invariant: Invariant;
  /** Broken instances found (orders, roll-up rows, products). */
  found: number;
  /** Of those, put right by this run. */
  repaired: number;
  /** A few of the instances found, for the operator to look at. */
  examples: string[];
}

/** How the outbox's deliveries stand at the end of the run. */
export interface DeliveryBacklog {
  owed: number;
  owedLong: number;
  failing: number;
  oldestOwedAt: string | null;
  oldestError: string | null;
}

export interface ReconciliationReport {
  startedAt: string;
  durationMs: number;
  repair: boolean;
  /** The start of the window checked (orders placed, messages written, roll-up days), or null for all time. */
  since: string | null;
  results: InvariantResult[];
  found: number;
  repaired: number;
  outbox: DeliveryBacklog;
}

export const MAX_EXAMPLES = 10;

export function invariantResult(
  invariant: Invariant,
  instances: readonly string[],
  repaired: number,
): InvariantResult {
  return { invariant, found: instances.length, repaired, examples: instances.slice(0, MAX_EXAMPLES) };
}

/** Puts the results in INVARIANTS order and totals them. */
export function buildReport(
  input: Omit<ReconciliationReport, 'found' | 'repaired' | 'results'> & { results: InvariantResult[] },
): ReconciliationReport {
  const results = [...input.results].sort(
    (a, b) => INVARIANTS.indexOf(a.invariant) - INVARIANTS.indexOf(b.invariant),
  );
  return {
    ...input,
    results,
    found: results.reduce((n, r) => n + r.found, 0),
    repaired: results.reduce((n, r) => n + r.repaired, 0),
  };
}

/** The report as lines an operator reads: one per invariant, then the outbox, then the verdict. */
export function reportLines(report: ReconciliationReport): string[] {
  const lines = report.results.map((r) => {
    const state = r.found === 0 ? 'ok' : `${r.found} found, ${r.repaired} repaired`;
    const examples = r.found > 0 ? ` (e.g. ${r.examples.slice(0, 3).join('; ')})` : '';
    return `${r.invariant.padEnd(32)} ${state}${examples}`;
  });
  const o = report.outbox;
  lines.push(
    `${'outbox deliveries owed'.padEnd(32)} ${o.owed} (${o.owedLong} for long, ${o.failing} failing${
      o.oldestOwedAt ? `, oldest ${o.oldestOwedAt}` : ''
    }${o.oldestError ? `: ${o.oldestError}` : ''})`,
  );
  const unrepaired = report.found - report.repaired;
  const verdict =
    report.found === 0
      ? 'every invariant holds'
      : report.repair
        ? unrepaired === 0
          ? `${report.found} broken, all repaired`
          : `${report.found} broken, ${unrepaired} NOT repaired (see the log)`
        : `${report.found} broken (checked only, nothing repaired)`;
  lines.push(`${report.since ? `since ${report.since}` : 'all time'}, ${report.durationMs} ms: ${verdict}`);
  return lines;
}
