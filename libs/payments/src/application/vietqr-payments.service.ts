import { Injectable, Logger } from '@nestjs/common';
import { APIError, PayOS, PayOSError } from '@payos/node';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { isUuid } from '@ocop/kernel';
import { nextPaymentStatus, PayerAccount, payerAccountOf, PaymentError, vietqrMemo } from '../domain';
import { PaymentEntity, PayosLinkRecord } from '../infrastructure/payment.entity';
import { PaymentsRepository } from '../infrastructure/payments.repository';
import { PayosClient } from './payos-client';
import { StartVietqrPaymentInput, VietqrPaymentView } from './views';

/** payOS's answer when a payment link with this order code exists already. */
const LINK_EXISTS = '231';

export function toVietqrView(p: PaymentEntity): VietqrPaymentView | null {
  if (p.method !== 'vietqr' || p.payosOrderCode === null || !p.payosLink) return null;
  return {
    paymentId: p.id,
    status: p.status,
    orderCode: p.payosOrderCode,
    amountVnd: p.amountVnd,
    memo: p.payosLink.description,
    qrCode: p.payosLink.qrCode,
    checkoutUrl: p.payosLink.checkoutUrl,
    bin: p.payosLink.bin,
    accountNumber: p.payosLink.accountNumber,
    accountName: p.payosLink.accountName,
    expiresAt: p.payosLink.expiresAt,
  };
}

/**
 * VietQR bank transfers through payOS: one payment link per payment (a numeric order code, the amount, a short memo),
 * canceled at payOS when the payment is. Knows nothing of orders; the webhook (PayosWebhooksService) moves payments.
 */
@Injectable()
export class VietqrPaymentsService {
  private readonly log = new Logger(VietqrPaymentsService.name);

  constructor(
    private readonly payments: PaymentsRepository,
    private readonly tx: TransactionRunner,
    private readonly payos: PayosClient,
  ) {}

  get enabled(): boolean {
    return this.payos.api !== null;
  }

  /**
   * Starts (or, for the same reference and amount, returns) the VietQR payment. The payment row is written and
   * locked first, and payOS is asked for the link under that lock, so two concurrent starts make one link. A link
   * that payOS created but whose answer was lost (its order code exists there) is replaced by one under a fresh code.
   */
  async start(input: StartVietqrPaymentInput): Promise<VietqrPaymentView> {
    if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0) {
      throw new PaymentError('INVALID_AMOUNT', 'The amount must be a positive whole number of đồng', {
        amountVnd: input.amountVnd,
      });
    }
    const api = this.requirePayos();
    const payment = await this.tx.run(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`vietqr:${input.reference}`]);
      const existing = await this.payments.lockOpenVietqr(em, input.reference, input.amountVnd);
      const p =
        existing ??
        (await this.payments.insert(em, {
          reference: input.reference,
          method: 'vietqr',
          amountVnd: input.amountVnd,
          status: 'requires_payment',
          stripePaymentIntentId: null,
        }));
      if (!p.payosLink) await this.createLink(em, api, p, input);
      return p;
    });
    return toVietqrView(payment) as VietqrPaymentView;
  }

  /** The VietQR payment to show again (the buyer came back to the order page); null when it has no link. */
  async view(paymentId: string): Promise<VietqrPaymentView | null> {
    const payment = isUuid(paymentId) ? await this.payments.findById(paymentId) : null;
    return payment ? toVietqrView(payment) : null;
  }

  /**
   * Cancels an unpaid VietQR payment and its link at payOS (its orders expired or were cancelled). Idempotent; a
   * payment already paid stays as it is, and one held for review keeps its status while its link is closed. A payOS outage throws PAYMENT_PROVIDER_REJECTED with
   * `retry: true` so that the caller (an outbox delivery) tries again.
   */
  async cancel(paymentId: string, reason: string): Promise<PaymentEntity['status']> {
    const current = isUuid(paymentId) ? await this.payments.findById(paymentId) : null;
    if (!current) throw new PaymentError('PAYMENT_NOT_FOUND', 'No such payment', { paymentId });
    if (current.method !== 'vietqr')
      throw new PaymentError('WRONG_PAYMENT_METHOD', 'Only a VietQR payment has a payment link to cancel');
    // A payment held for review keeps its money, but its link closes too: no more transfers into it. So does one whose
    // held transfer was sent back (refunded with a review reason): its link may still be open at payOS.
    const closesLinkOnly =
      current.status === 'held_for_review' ||
      (current.status === 'refunded' && current.reviewReason !== null);
    if (current.status !== 'requires_payment' && !closesLinkOnly) return current.status;
    const api = this.requirePayos();
    if (current.payosLink && current.payosOrderCode !== null) {
      const orderCode = current.payosOrderCode;
      try {
        await api.paymentRequests.cancel(orderCode, reason.slice(0, 200));
      } catch (error) {
        // A link payOS already closed (expired, cancelled) answers an error too: the link is done either way.
        const link = await api.paymentRequests.get(orderCode).catch(() => null);
        if (!link) throw this.providerError(error, true);
        if (link.status === 'PENDING' || link.status === 'PROCESSING') throw this.providerError(error, true);
      }
    }
    return this.tx.run(async (em) => {
      const p = await this.payments.lock(em, paymentId);
      if (!p || p.status !== 'requires_payment') return p?.status ?? 'canceled';
      await this.payments.transition(em, p, nextPaymentStatus(p.status, 'cancel'), 'cancel', null);
      return p.status;
    });
  }

  private async createLink(
    em: EntityManager,
    api: PayOS,
    p: PaymentEntity,
    input: StartVietqrPaymentInput,
  ): Promise<void> {
    const request = () => {
      const orderCode = p.payosOrderCode as number;
      return api.paymentRequests.create({
        orderCode,
        amount: p.amountVnd,
        description: vietqrMemo(orderCode),
        returnUrl: input.returnUrl,
        cancelUrl: input.cancelUrl,
        expiredAt: Math.floor(input.expiresAt.getTime() / 1000),
      });
    };
    let link;
    try {
      link = await request();
    } catch (error) {
      if (!(error instanceof APIError) || error.code !== LINK_EXISTS) throw this.providerError(error, false);
      await this.payments.renewOrderCode(em, p);
      link = await request().catch((again: unknown) => {
        throw this.providerError(again, false);
      });
    }
    const record: PayosLinkRecord = {
      paymentLinkId: link.paymentLinkId,
      qrCode: link.qrCode,
      checkoutUrl: link.checkoutUrl,
      bin: link.bin,
      accountNumber: link.accountNumber,
      accountName: link.accountName,
      description: link.description,
      expiresAt: link.expiredAt
        ? new Date(link.expiredAt * 1000).toISOString()
        : input.expiresAt.toISOString(),
    };
    await this.payments.setPayosLink(em, p, record);
  }

  /**
   * The account the transfer that paid a VietQR payment came from (payOS's counter account), for a refund sent back
   * to it; null when the payment was not paid by a transfer payOS confirmed, or the bank sent no usable account.
   */
  async payerAccount(paymentId: string): Promise<PayerAccount | null> {
    if (!isUuid(paymentId)) return null;
    const sent = await this.payments.confirmingTransferAccount(paymentId);
    return sent ? payerAccountOf(sent) : null;
  }

  private providerError(error: unknown, retry: boolean): unknown {
    if (!(error instanceof PayOSError)) return error;
    this.log.error(`payOS refused a request: ${error.name} ${error.message}`);
    return new PaymentError(
      'PAYMENT_PROVIDER_REJECTED',
      `The VietQR payment provider refused: ${error.message}`,
      {
        provider: 'payos',
        payosCode: error instanceof APIError ? (error.code ?? null) : null,
        retry,
      },
    );
  }

  private requirePayos(): PayOS {
    if (!this.payos.api) {
      throw new PaymentError(
        'VIETQR_PAYMENTS_DISABLED',
        'VietQR is switched off on this server (PAYOS_CLIENT_ID, PAYOS_API_KEY, PAYOS_CHECKSUM_KEY are not set)',
      );
    }
    return this.payos.api;
  }
}
