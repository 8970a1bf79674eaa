/**
 * A payout made through payOS, as the ledger follows it. payOS answers a transfer's state; the ledger only knows
 * pending (the amount is held against the balance), paid, or failed (the amount is given back by a reversal).
 */
export type PayosPayoutStatus = 'pending' | 'paid' | 'failed';
export const PAYOS_PAYOUT_STATUSES: readonly PayosPayoutStatus[] = ['pending', 'paid', 'failed'];

export type PayosTransferState =
  | 'RECEIVED'
  | 'PROCESSING'
  | 'CANCELLED'
  | 'SUCCEEDED'
  | 'ON_HOLD'
  | 'REVERSED'
  | 'FAILED';

/** What a payOS transfer state means for the ledger: final (paid or failed), or still to be asked again. */
export function payoutOutcome(state: PayosTransferState): PayosPayoutStatus {
  switch (state) {
    case 'SUCCEEDED':
      return 'paid';
    case 'FAILED':
    case 'CANCELLED':
    case 'REVERSED':
      return 'failed';
    case 'RECEIVED':
    case 'PROCESSING':
    case 'ON_HOLD':
      return 'pending';
  }
}

/**
 * How long to wait before asking payOS (again) after `polls` answers that were not final: the first wait
 * (`firstMs`) doubling each time, at most ten minutes.
 */
export function pollDelayMs(polls: number, firstMs: number): number {
  return Math.min(firstMs * 2 ** Math.max(0, Math.min(polls, 10)), 600_000);
}

/** The transfer's memo at the producer's bank: short ASCII, with the payout's id to find it again. */
export function payoutDescription(entryId: string): string {
  return `OCOP LIVE ${entryId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

/** The ledger reference of a payout made through payOS (manual payouts carry the bank's reference). */
export const payosPayoutReference = (entryId: string): string => `payOS ${entryId}`;

/** The memo of a refund sent back through payOS: short ASCII, with the refund payout's id to find it again. */
export function refundPayoutDescription(payoutId: string): string {
  return `OCOP HOAN TIEN ${payoutId.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}
