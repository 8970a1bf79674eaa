/**
 * VietQR through payOS, in our terms: the memo the bank app shows, and what a verified transfer means for its
 * payment. Pure functions; the webhook service applies them under the payment's row lock.
 */

/** The memo shown in the buyer's bank app: short (payOS allows 9 characters for banks it is not linked with). */
export function vietqrMemo(orderCode: number): string {
  return `DH${orderCode}`.slice(0, 9);
}

/** payOS dates transfers in Vietnam time without a zone: "2023-02-04 18:25:00". Null when unreadable. */
export function parsePayosDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface TransferFacts {
  amountVnd: number;
  /** The transfer landed at payOS (its transactionDateTime, else our receipt time). */
  at: Date;
}

export interface VietqrPaymentFacts {
  status: string;
  amountVnd: number;
  /** The payment link's deadline: a transfer after it is not accepted by itself. */
  expiresAt: Date | null;
}

/**
 * The outcome of a transfer for its payment, with a stable code:
 * - `moved:succeeded`: the exact amount, in time, on an unpaid payment;
 * - `held:amount_mismatch`: an unpaid payment received a different amount (even one đồng): never confirmed;
 * - `held:after_expiry`: the transfer landed after the payment's deadline (its orders expire);
 * - `held:payment_canceled`: the payment was canceled (its orders expired or were cancelled unpaid);
 * - `held:already_paid`: a second transfer for a payment already paid (the extra money is for a person to return);
 * - `held:under_review`: the payment is already held; this transfer joins it.
 */
export type TransferDecision =
  | { kind: 'succeed'; outcome: 'moved:succeeded' }
  | { kind: 'hold'; outcome: 'held:amount_mismatch' | 'held:after_expiry' | 'held:payment_canceled' }
  | { kind: 'flag'; outcome: 'held:already_paid' | 'held:under_review' | 'held:payment_closed' };

export function decideTransfer(payment: VietqrPaymentFacts, transfer: TransferFacts): TransferDecision {
  if (payment.status === 'held_for_review') return { kind: 'flag', outcome: 'held:under_review' };
  if (payment.status === 'succeeded') return { kind: 'flag', outcome: 'held:already_paid' };
  if (payment.status === 'canceled') return { kind: 'hold', outcome: 'held:payment_canceled' };
  if (payment.status !== 'requires_payment') return { kind: 'flag', outcome: 'held:payment_closed' };
  if (payment.expiresAt && transfer.at.getTime() > payment.expiresAt.getTime()) {
    return { kind: 'hold', outcome: 'held:after_expiry' };
  }
  if (transfer.amountVnd !== payment.amountVnd) return { kind: 'hold', outcome: 'held:amount_mismatch' };
  return { kind: 'succeed', outcome: 'moved:succeeded' };
}

/** The bank account a VietQR transfer came from: where a refund through payOS goes back to. */
export interface PayerAccount {
  /** The NAPAS BIN of the payer's bank (six digits). */
  bankBin: string;
  accountNumber: string;
  /** The holder's name as the bank sent it; empty when the bank sent none. */
  accountName: string;
}

/**
 * The payer's account from payOS's webhook data (counterAccountBankId, counterAccountNumber, counterAccountName), or
 * null when the bank did not send a usable one: a BIN of six digits and an account number of 6 to 19 digits.
 */
export function payerAccountOf(data: {
  bankId: unknown;
  accountNumber: unknown;
  accountName: unknown;
}): PayerAccount | null {
  const bin = typeof data.bankId === 'string' ? data.bankId.trim() : '';
  const number = typeof data.accountNumber === 'string' ? data.accountNumber.trim() : '';
  if (!/^[0-9]{6}$/.test(bin) || !/^[0-9]{6,19}$/.test(number)) return null;
  const name = typeof data.accountName === 'string' ? data.accountName.trim().slice(0, 100) : '';
  return { bankBin: bin, accountNumber: number, accountName: name };
}
