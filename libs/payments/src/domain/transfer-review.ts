import { nextPaymentStatus, type PaymentStatus } from './payment-status';
import { PaymentError } from './payments.errors';

/**
 * Deciding a VietQR transfer held for review, as a pure function: what the decision does to the transfer's payment.
 * A transfer whose outcome held the payment (amount_mismatch, after_expiry, payment_canceled) is the payment's money:
 * refunding it ends the payment refunded, reinstating it makes the payment succeed. Any other transfer kept for review
 * (a second transfer on a paid payment, one that joined a payment already held, one into a closed payment) is extra
 * money: it is only ever refunded, and the payment stays as it is.
 */
export const HOLDING_OUTCOMES = [
  'held:amount_mismatch',
  'held:after_expiry',
  'held:payment_canceled',
] as const;

export type TransferReviewRequest =
  | { decision: 'refund'; bankReference: string; amountVnd?: number }
  | { decision: 'reinstate'; amountVnd?: number };

/** A bank's reference as a person types it: 1 to 100 printable characters, not only spaces. */
export function isBankReference(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= 100 &&
    /\S/.test(value) &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f-\u009f]/.test(value)
  );
}

export interface ReviewedTransferFacts {
  outcome: string;
  amountVnd: number;
  needsReview: boolean;
}

export interface ReviewedPaymentFacts {
  status: PaymentStatus;
  amountVnd: number;
}

export type TransferReviewPlan =
  | { decision: 'refunded'; trigger: 'return_transfer' | null; refundAmountVnd: number }
  | { decision: 'reinstated'; trigger: 'reinstate' };

/** Whether this transfer is what holds its payment for review (rather than extra money on the side). */
export function holdsItsPayment(transfer: { outcome: string }, payment: { status: PaymentStatus }): boolean {
  return (
    payment.status === 'held_for_review' && (HOLDING_OUTCOMES as readonly string[]).includes(transfer.outcome)
  );
}

/**
 * The plan for an admin's decision, or a coded refusal: TRANSFER_ALREADY_DECIDED (409) when it left review already;
 * BANK_REFERENCE_INVALID (400) for a blank or unprintable reference; REFUND_EXCEEDS_RECEIVED (422) for a refund above what the transfer brought; TRANSFER_NOT_REINSTATABLE (409) for
 * extra money; REINSTATE_AMOUNT_MISMATCH (422) when the transfer is not exactly the amount due.
 */
export function decideTransferReview(
  transfer: ReviewedTransferFacts,
  payment: ReviewedPaymentFacts,
  request: TransferReviewRequest,
): TransferReviewPlan {
  if (!transfer.needsReview) {
    throw new PaymentError('TRANSFER_ALREADY_DECIDED', 'This transfer has been decided already');
  }
  const holder = holdsItsPayment(transfer, payment);
  if (request.decision === 'refund') {
    if (!isBankReference(request.bankReference)) {
      throw new PaymentError(
        'BANK_REFERENCE_INVALID',
        "The bank's reference of the refund is 1 to 100 printable characters",
      );
    }
    const amount = request.amountVnd ?? transfer.amountVnd;
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new PaymentError('INVALID_AMOUNT', 'The amount must be a positive whole number of đồng', {
        amountVnd: amount,
      });
    }
    if (amount > transfer.amountVnd) {
      throw new PaymentError(
        'REFUND_EXCEEDS_RECEIVED',
        'A refund cannot be larger than the transfer received',
        {
          amountVnd: amount,
          receivedVnd: transfer.amountVnd,
        },
      );
    }
    if (holder) nextPaymentStatus(payment.status, 'return_transfer');
    return { decision: 'refunded', trigger: holder ? 'return_transfer' : null, refundAmountVnd: amount };
  }
  if (!holder) {
    throw new PaymentError(
      'TRANSFER_NOT_REINSTATABLE',
      'This transfer is extra money on a payment that is not waiting for it: refund it instead',
      { outcome: transfer.outcome, paymentStatus: payment.status },
    );
  }
  if (
    transfer.amountVnd !== payment.amountVnd ||
    (request.amountVnd ?? transfer.amountVnd) !== transfer.amountVnd
  ) {
    throw new PaymentError(
      'REINSTATE_AMOUNT_MISMATCH',
      'Only a transfer of exactly the amount due is accepted as the payment: refund it instead',
      { receivedVnd: transfer.amountVnd, dueVnd: payment.amountVnd, confirmedVnd: request.amountVnd ?? null },
    );
  }
  nextPaymentStatus(payment.status, 'reinstate');
  return { decision: 'reinstated', trigger: 'reinstate' };
}
