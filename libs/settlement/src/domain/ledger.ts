import { defineErrors } from '@ocop/kernel';

/**
 * The settlement ledger of a producer: what the platform owes them. Every entry is signed whole VND: a sale collected
 * adds its order's total, a platform fee and a refund take away, a payout takes away what was paid to the producer.
 * balance = Σ sales − Σ refunds − Σ fees − Σ payouts, always (the balance row moves with the entries it sums). A payout
 * through payOS that payOS could not make is answered by a `payout_reversal` that gives its amount back: payouts count
 * net of their reversals.
 */
export const ENTRY_KINDS = ['sale', 'fee', 'refund', 'payout', 'payout_reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const SettlementErrorCode = {
  PayoutExceedsBalance: 'PAYOUT_EXCEEDS_BALANCE',
  PayoutAlreadyRecorded: 'PAYOUT_ALREADY_RECORDED',
  PayoutInvalid: 'PAYOUT_INVALID',
  ProducerNotFound: 'PRODUCER_NOT_FOUND',
  PayoutsDisabled: 'PAYOUTS_DISABLED',
  PayoutAccountMissing: 'PAYOUT_ACCOUNT_MISSING',
  PayoutAccountInvalid: 'PAYOUT_ACCOUNT_INVALID',
  PayoutRefused: 'PAYOUT_REFUSED',
  PayoutNotFound: 'PAYOUT_NOT_FOUND',
  RefundAccountUnknown: 'REFUND_ACCOUNT_UNKNOWN',
  RefundPayoutUnsupported: 'REFUND_PAYOUT_UNSUPPORTED',
} as const;
export type SettlementErrorCode = (typeof SettlementErrorCode)[keyof typeof SettlementErrorCode];

export const SettlementError = defineErrors<SettlementErrorCode>({
  PAYOUT_EXCEEDS_BALANCE: 'unprocessable',
  PAYOUT_ALREADY_RECORDED: 'conflict',
  PAYOUT_INVALID: 'invalid',
  PRODUCER_NOT_FOUND: 'not_found',
  // Payouts through payOS are switched off on this server (no payout keys): 503, as card and VietQR payments answer.
  PAYOUTS_DISABLED: 'unavailable',
  PAYOUT_ACCOUNT_MISSING: 'unprocessable',
  PAYOUT_ACCOUNT_INVALID: 'invalid',
  PAYOUT_REFUSED: 'unprocessable',
  PAYOUT_NOT_FOUND: 'not_found',
  // The transfer that paid the order did not say which account it came from: the refund is sent and recorded by hand.
  REFUND_ACCOUNT_UNKNOWN: 'unprocessable',
  // Only a VietQR transfer is refunded through payOS (a card goes back through Stripe, cash by hand).
  REFUND_PAYOUT_UNSUPPORTED: 'unprocessable',
});
export type SettlementError = InstanceType<typeof SettlementError>;

/** What the ledger needs of an order's status change (the orders.status-changed message). */
export interface OrderChange {
  orderId: string;
  producerId: string;
  paymentMethod: string;
  totalVnd: number;
  event: string;
  to: string;
}

export interface PlannedEntry {
  kind: Exclude<EntryKind, 'payout' | 'payout_reversal'>;
  /** Signed: positive adds to what the producer is owed. */
  amountVnd: number;
}

/** The platform's fee on a sale: `feeBps` hundredths of a percent of the order's total, rounded down. */
export function platformFee(totalVnd: number, feeBps: number): number {
  return Math.floor((totalVnd * feeBps) / 10_000);
}

/**
 * The entries a status change writes (each at most once per order and kind):
 * - a sale is collected: cash on delivery when the farmer records delivery with the cash; any online method when it
 *   is paid (`pay`, also on an order that had expired or been cancelled: the money came in and is refunded after),
 *   or when an admin accepts a late transfer as its payment (`reinstate`: an expired order confirmed again);
 *   with it, the platform fee where one is configured;
 * - a refund: the order became refunded (its money went back in whole), whatever the method.
 * Other changes move no money.
 */
export function entriesFor(change: OrderChange, feeBps: number): PlannedEntry[] {
  const cod = change.paymentMethod === 'cod';
  const collected = cod
    ? change.event === 'deliver' && change.to === 'delivered'
    : change.event === 'pay' || change.event === 'reinstate';
  if (collected) {
    const fee = platformFee(change.totalVnd, feeBps);
    return [
      { kind: 'sale', amountVnd: change.totalVnd },
      ...(fee > 0 ? [{ kind: 'fee' as const, amountVnd: -fee }] : []),
    ];
  }
  if (change.to === 'refunded') return [{ kind: 'refund', amountVnd: -change.totalVnd }];
  return [];
}

/** A payout is a positive whole amount no larger than the balance. */
export function assertPayout(amountVnd: number, balanceVnd: number): void {
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) {
    throw new SettlementError('PAYOUT_INVALID', 'A payout is a positive whole number of đồng', { amountVnd });
  }
  if (amountVnd > balanceVnd) {
    throw new SettlementError('PAYOUT_EXCEEDS_BALANCE', 'A payout cannot be larger than the balance', {
      amountVnd,
      balanceVnd,
    });
  }
}
