import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type PayoutTransaction } from '@payos/node';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { DomainError } from '@ocop/kernel';
import { decideRecordedRefund, OrderRefundsService, OrderRefundTarget } from '@ocop/orders';
import { RecordedRefunds, VietqrPaymentsService } from '@ocop/payments';
import {
  PayosPayoutStatus,
  PayosTransferState,
  payoutOutcome,
  refundPayoutDescription,
  SettlementError,
} from '../domain';
import { PayosPayoutClient, refusal, transferOf } from '../infrastructure/payos-payout-client';
import { RefundPayoutRow, RefundPayoutsRepository } from '../infrastructure/refund-payouts.repository';

export interface RefundPayoutView {
  id: string;
  orderId: string;
  amountVnd: number;
  status: PayosPayoutStatus;
  toBin: string;
  toAccountNumber: string;
  toAccountName: string;
  bankReference: string | null;
  errorCode: string | null;
  createdAt: string;
  settledAt: string | null;
}

function refundPayoutView(p: RefundPayoutRow): RefundPayoutView {
  return {
    id: p.id,
    orderId: p.orderId,
    amountVnd: p.amountVnd,
    status: p.status,
    toBin: p.toBin,
    toAccountNumber: p.toAccountNumber,
    toAccountName: p.toAccountName,
    bankReference: p.bankReference,
    errorCode: p.errorCode,
    createdAt: p.createdAt.toISOString(),
    settledAt: p.settledAt?.toISOString() ?? null,
  };
}

type Caller = { userId: string; as: 'farmer' | 'admin' };

/**
 * Refunds of orders paid by VietQR sent back through payOS's payout channel, to the account the transfer came from
 * (payOS's webhook names it). Whoever may record the refund by hand may ask for it. Opening one is one transaction: at
 * most one refund payout per order is pending or paid (a partial unique index decides between racing requests; the
 * loser answers the winner's payout). payOS is then asked to make it (the payout's id is the reference id and the
 * idempotency key), here and by the worker, which follows it like a producer's payout. Paid: the refund is recorded on
 * the order exactly as one recorded by hand, with payOS's reference. Failed: the order stays refund due.
 */
@Injectable()
export class RefundPayoutsService {
  private readonly log = new Logger(RefundPayoutsService.name);

  constructor(
    private readonly client: PayosPayoutClient,
    private readonly payouts: RefundPayoutsRepository,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly refunds: OrderRefundsService,
    private readonly vietqr: VietqrPaymentsService,
    private readonly recorded: RecordedRefunds,
  ) {}

  /**
   * Asks payOS to send the order's refund back to the payer. Answers the order's refund payout (a new one, or the one
   * pending or paid already). 503 PAYOUTS_DISABLED; 422 REFUND_PAYOUT_UNSUPPORTED (not a VietQR order),
   * REFUND_ACCOUNT_UNKNOWN, PAYOUT_REFUSED; 409 REFUND_NOT_DUE, REFUND_ALREADY_RECORDED (refunded by hand).
   */
  async request(caller: Caller, orderId: string): Promise<RefundPayoutView> {
    if (this.client.api === null) {
      throw new SettlementError('PAYOUTS_DISABLED', 'Payouts through payOS are not enabled on this server');
    }
    const target = await this.target(caller, orderId);
    const live = await this.payouts.live(target.orderId);
    if (live) return refundPayoutView(live);
    const opened = await this.open(target, caller.userId);
    const submitted = await this.submit(opened.id);
    if (submitted.status === 'failed') {
      throw new SettlementError('PAYOUT_REFUSED', 'payOS refused the refund; the order is still refund due', {
        payoutId: submitted.id,
        payosCode: submitted.errorCode,
        payosMessage: submitted.errorMessage,
      });
    }
    return refundPayoutView(submitted);
  }

  /** The order's refund payouts, newest first (404 for whoever may not refund the order). */
  async list(caller: Caller, orderId: string): Promise<RefundPayoutView[]> {
    const target = await this.target(caller, orderId);
    return (await this.payouts.ofOrder(target.orderId)).map(refundPayoutView);
  }

  /**
   * The transaction that opens the refund payout (without asking payOS yet); answers the order's live one when
   * another request opened it first. The amount is what the order was paid, never an input.
   */
  async open(target: OrderRefundTarget, userId: string): Promise<RefundPayoutRow> {
    if (target.paymentMethod !== 'vietqr' || !target.paymentId) {
      throw new SettlementError(
        'REFUND_PAYOUT_UNSUPPORTED',
        'Only an order paid by VietQR is refunded through payOS',
        { paymentMethod: target.paymentMethod },
      );
    }
    const amountVnd = decideRecordedRefund(target, false, undefined);
    const account = await this.vietqr.payerAccount(target.paymentId);
    if (!account) {
      throw new SettlementError(
        'REFUND_ACCOUNT_UNKNOWN',
        'The transfer that paid the order did not say which account it came from: refund it by hand',
        { orderId: target.orderId },
      );
    }
    const paymentId = target.paymentId;
    const id = randomUUID();
    const opened = await this.tx.run(async (em) => {
      // The refund is reserved in payments first (under the payment's lock): a refund recorded by hand meanwhile is
      // refused, and one recorded before refuses this payout.
      await this.recorded.reserve(em, paymentId, {
        reference: target.orderId,
        amountVnd,
        recordedBy: userId,
      });
      const row = await this.payouts.insertUnlessLive(em, {
        id,
        orderId: target.orderId,
        paymentId,
        producerId: target.producerId,
        amountVnd,
        toBin: account.bankBin,
        toAccountNumber: account.accountNumber,
        toAccountName: account.accountName,
        description: refundPayoutDescription(id),
        requestedBy: userId,
      });
      if (row) {
        await this.outbox.write(em, {
          topic: 'settlement.refund-payout-opened',
          key: row.id,
          payload: { payoutId: row.id, orderId: row.orderId },
        });
      }
      return row;
    });
    return opened ?? ((await this.payouts.live(target.orderId)) as RefundPayoutRow);
  }

  /** Asks payOS to make the refund payout, unless payOS already took it (idempotent by the payout's id). */
  async submit(payoutId: string): Promise<RefundPayoutRow> {
    const row = await this.payouts.find(payoutId);
    if (!row) throw new SettlementError('PAYOUT_NOT_FOUND', 'No such payout', { payoutId });
    const api = this.client.api;
    if (row.status !== 'pending' || row.payosPayoutId || !api) return row;
    try {
      const payout = await api.payouts.create(
        {
          referenceId: row.id,
          amount: row.amountVnd,
          description: row.description,
          toBin: row.toBin,
          toAccountNumber: row.toAccountNumber,
        },
        row.id,
      );
      const transfer = transferOf(payout);
      await this.payouts.recordCreated(row.id, payout.id, transfer?.state ?? 'RECEIVED');
      if (transfer) await this.applyState(row, transfer);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) {
        this.log.warn(
          { err: error, payoutId },
          'payOS did not take the refund payout now; the worker will ask again',
        );
      } else {
        await this.recorded.release(row.paymentId, row.orderId);
        await this.payouts.settle(row.id, {
          status: 'failed',
          payosState: 'REFUSED',
          bankReference: null,
          errorCode: refused.code,
          errorMessage: refused.message,
        });
      }
    }
    return (await this.payouts.find(payoutId)) as RefundPayoutRow;
  }

  /** The worker's step: payOS has the payout, and a final state is applied. Answers where it stands now. */
  async track(payoutId: string): Promise<PayosPayoutStatus> {
    const row = await this.submit(payoutId);
    const api = this.client.api;
    if (row.status !== 'pending' || !row.payosPayoutId || !api) return row.status;
    const transfer = transferOf(await api.payouts.get(row.payosPayoutId));
    if (!transfer) return 'pending';
    return this.applyState(row, transfer);
  }

  /** Pending refund payouts whose tracking may have been lost: tracked again, oldest first. */
  async sweep(): Promise<number> {
    const stale = await this.payouts.stalePending(120, 100);
    for (const id of stale) {
      try {
        await this.track(id);
      } catch (error) {
        this.log.warn(
          { err: error, payoutId: id },
          'Could not follow a pending refund payout; the next sweep will',
        );
      }
    }
    return stale.length;
  }

  private async target(caller: Caller, orderId: string): Promise<OrderRefundTarget> {
    return caller.as === 'farmer'
      ? this.refunds.targetForFarmer(caller.userId, orderId)
      : this.refunds.targetForAdmin(caller.userId, orderId);
  }

  private async applyState(row: RefundPayoutRow, transfer: PayoutTransaction): Promise<PayosPayoutStatus> {
    const outcome = payoutOutcome(transfer.state as PayosTransferState);
    if (outcome === 'pending') {
      await this.payouts.notePending(row.id, transfer.state);
      return 'pending';
    }
    let errorCode = transfer.errorCode;
    let errorMessage = transfer.errorMessage;
    const bankReference = transfer.reference ?? `payOS ${row.payosPayoutId ?? row.id}`;
    if (outcome === 'paid') {
      // Recorded first (idempotent: the same record again answers the first), then the payout is marked paid: a crash
      // in between records nothing twice, and the next poll marks it.
      try {
        await this.refunds.recordSent(row.orderId, { bankReference, recordedBy: row.requestedBy });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'REFUND_ALREADY_RECORDED') throw error;
        // A refund was recorded by hand while payOS was paying: the payer got it twice. Kept for a person to settle.
        this.log.error(
          { payoutId: row.id, orderId: row.orderId },
          'A refund paid through payOS found another refund recorded for the order: reconcile by hand',
        );
        errorCode = 'REFUND_ALREADY_RECORDED';
        errorMessage = 'Another refund was recorded for the order while payOS paid this one';
      }
    }
    if (outcome === 'failed') await this.recorded.release(row.paymentId, row.orderId);
    await this.payouts.settle(row.id, {
      status: outcome,
      payosState: transfer.state,
      bankReference: outcome === 'paid' ? bankReference : transfer.reference,
      errorCode,
      errorMessage,
    });
    return outcome;
  }
}
