import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '@ocop/kernel';
import {
  decideTransferReview,
  holdsItsPayment,
  parsePayosDateTime,
  PaymentError,
  PaymentStatus,
  TransferReviewRequest,
} from '../domain';
import { HeldTransferRow, HeldTransfersRepository } from '../infrastructure/held-transfers.repository';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { PaymentAnnouncer } from './payment-announcer';

export interface HeldTransferView
  extends Omit<HeldTransferRow, 'receivedAt' | 'transferredAt' | 'paymentStatus'> {
  receivedAt: string;
  /** When the bank made the transfer, as payOS dated it (ISO); null when unreadable. */
  transferredAt: string | null;
  paymentStatus: PaymentStatus;
  /** This transfer is what holds its payment (it may be reinstated); otherwise it is extra money to send back. */
  holdsPayment: boolean;
  /**
   * Why it awaits a person: amount_mismatch, after_expiry, payment_canceled (it holds its payment); already_paid,
   * under_review, payment_closed (extra money).
   */
  reason: string;
}

export interface TransferDecisionResult {
  transferId: string;
  decision: 'refunded' | 'reinstated';
  /** The caller's reference of the payment (a checkout or an order id, for orders). */
  paymentReference: string;
  paymentStatus: string;
  /** The decision sent back the money that held the payment (the payment ended refunded). */
  paymentReturned: boolean;
  refundAmountVnd: number | null;
}

/** The most transfers one list shows (they are rare: each is a buyer's mistake or a late payment). */
export const HELD_TRANSFERS_LIMIT = 500;

function toView(row: HeldTransferRow): HeldTransferView {
  const paymentStatus = row.paymentStatus as PaymentStatus;
  const holds = holdsItsPayment(row, { status: paymentStatus });
  return {
    ...row,
    paymentStatus,
    receivedAt: row.receivedAt.toISOString(),
    transferredAt: parsePayosDateTime(row.transferredAt)?.toISOString() ?? null,
    holdsPayment: holds,
    reason: holds && row.reviewReason ? row.reviewReason : row.outcome.replace(/^held:/, ''),
  };
}

/**
 * VietQR transfers kept for review, and the decision on each (pure rules in domain/transfer-review.ts). Knows nothing
 * of orders: the caller runs `decide` inside its own transaction, so that the orders a decision moves commit with it.
 * A reinstated payment is announced (payments.succeeded) like any payment that succeeds; money sent back announces
 * nothing, since it never paid an order.
 */
@Injectable()
export class HeldTransfersService {
  constructor(
    private readonly transfers: HeldTransfersRepository,
    private readonly payments: PaymentsRepository,
    private readonly announcer: PaymentAnnouncer,
  ) {}

  async awaitingReview(limit = HELD_TRANSFERS_LIMIT): Promise<HeldTransferView[]> {
    return (await this.transfers.awaitingReview(limit)).map(toView);
  }

  async find(transferId: string): Promise<HeldTransferView | null> {
    const row = isUuid(transferId) ? await this.transfers.findById(transferId) : null;
    return row ? toView(row) : null;
  }

  /**
   * Decides the transfer in the caller's transaction, under the transfer's and then its payment's row lock: the
   * second of two racing decisions finds it decided (TRANSFER_ALREADY_DECIDED, 409) and writes nothing.
   */
  async decide(
    em: EntityManager,
    transferId: string,
    request: TransferReviewRequest,
    decidedBy: string,
  ): Promise<TransferDecisionResult> {
    const locked = isUuid(transferId) ? await this.transfers.lock(em, transferId) : null;
    if (!locked?.paymentId) {
      throw new PaymentError('HELD_TRANSFER_NOT_FOUND', 'No such transfer held for review', { transferId });
    }
    const payment = await this.payments.lock(em, locked.paymentId);
    const row = await this.transfers.findById(transferId);
    if (!payment || !row) {
      throw new PaymentError('HELD_TRANSFER_NOT_FOUND', 'No such transfer held for review', { transferId });
    }
    const plan = decideTransferReview(
      { outcome: row.outcome, amountVnd: row.amountVnd, needsReview: locked.needsReview },
      { status: payment.status, amountVnd: payment.amountVnd },
      request,
    );
    const recorded = await this.transfers.recordDecision(em, transferId, {
      decision: plan.decision,
      decidedBy,
      refundAmountVnd: plan.decision === 'refunded' ? plan.refundAmountVnd : null,
      refundBankReference: request.decision === 'refund' ? request.bankReference : null,
    });
    if (!recorded)
      throw new PaymentError('TRANSFER_ALREADY_DECIDED', 'This transfer has been decided already');
    if (plan.trigger) {
      const to = plan.trigger === 'reinstate' ? 'succeeded' : 'refunded';
      await this.payments.transition(em, payment, to, plan.trigger, null, {}, null);
      if (plan.trigger === 'reinstate') await this.announcer.announce(em, 'succeeded', payment);
    }
    return {
      transferId,
      decision: plan.decision,
      paymentReference: payment.reference,
      paymentStatus: payment.status,
      paymentReturned: plan.trigger === 'return_transfer',
      refundAmountVnd: plan.decision === 'refunded' ? plan.refundAmountVnd : null,
    };
  }
}
