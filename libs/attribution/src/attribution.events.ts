/**
 * In-process event of the attribution context (EventEmitter2), emitted after the transaction that appended ledger
 * entries has committed: the dashboards that show these figures refresh (throttled).
 */
export const TOTALS_CHANGED = 'attribution.totals-changed';

export interface TotalsChanged {
  /** Every branch whose own or subtree figures moved: the stored path of each entry written. */
  branchIds: string[];
  /** Producers whose sales moved. */
  producerIds: string[];
  /** Credited streamers whose figures moved. */
  hostUserIds: string[];
  /** Sessions whose summary moved. */
  sessionIds: string[];
}
