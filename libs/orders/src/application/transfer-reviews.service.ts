import { Injectable } from '@nestjs/common';
import { CatalogueFacade, StockResult } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { AdminScopeService } from '@ocop/identity';
import { DomainError, isUuid } from '@ocop/kernel';
import { HeldTransfersService, HeldTransferView, PaymentError, TransferReviewRequest } from '@ocop/payments';
import { EntityManager } from 'typeorm';
import { OrderError, OrderStatus, planOrdersForDecision, ReviewOrderStep } from '../domain';
import { OrderRow, OrdersRepository } from '../infrastructure/orders.repository';
import { AppliedChange, OrderLifecycleService } from './order-lifecycle.service';

export interface TransferOrderView {
  id: string;
  code: string;
  status: OrderStatus;
  totalVnd: number;
}

/** A VietQR transfer awaiting an admin's decision, with the orders its payment was for. */
export interface TransferReviewView {
  id: string;
  receivedAt: string;
  transferredAt: string | null;
  amountVnd: number;
  amountDueVnd: number;
  reason: string;
  holdsPayment: boolean;
  /** Accepting it as the payment is possible (the exact amount, orders waiting or expired); else refund only. */
  canReinstate: boolean;
  /** The payer's bank reference of the transfer (as payOS reported it). */
  bankReference: string;
  payer: { name: string | null; accountNumber: string | null; bankName: string | null };
  buyer: { name: string; phone: string } | null;
  orders: TransferOrderView[];
}

export interface TransferDecisionView {
  id: string;
  decision: 'refunded' | 'reinstated';
  refundAmountVnd: number | null;
  orders: TransferOrderView[];
}

/** Catalogue's refusals of taking stock again: the units are gone (sold since) or the product is off sale. */
const STOCK_GONE = new Set(['INSUFFICIENT_STOCK', 'PRODUCT_NOT_SELLABLE']);

function orderView(o: OrderRow): TransferOrderView {
  return { id: o.id, code: o.code, status: o.status, totalVnd: o.totalVnd };
}

function notFound(transferId: string): PaymentError {
  return new PaymentError('HELD_TRANSFER_NOT_FOUND', 'No such transfer held for review', { transferId });
}

/**
 * The review of VietQR transfers held for review, for admins. A decision touches every order its payment was for,
 * so an admin sees and decides a transfer only when all those orders' producers are in their subtree (a checkout
 * across two districts goes to the admin above both); anything else is unknown to them (404). A decision is one
 * transaction: payments records it and moves the payment under its row locks, and the orders move with it (stock
 * taken again by catalogue's conditional UPDATE for an expired order, or the whole decision is refused).
 */
@Injectable()
export class TransferReviewsService {
  constructor(
    private readonly held: HeldTransfersService,
    private readonly orders: OrdersRepository,
    private readonly catalogue: CatalogueFacade,
    private readonly scope: AdminScopeService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly tx: TransactionRunner,
  ) {}

  async list(adminUserId: string): Promise<TransferReviewView[]> {
    const transfers = await this.held.awaitingReview();
    const references = [...new Set(transfers.map((t) => t.paymentReference).filter(isUuid))];
    const orders = await this.orders.findByPaymentReferences(references);
    const inScope = await this.scopeCheck(adminUserId);
    const views: TransferReviewView[] = [];
    for (const transfer of transfers) {
      const own = ordersOf(orders, transfer.paymentReference);
      if (own.length === 0 || !(await inScope(own))) continue;
      views.push(toView(transfer, own));
    }
    return views;
  }

  async decide(
    adminUserId: string,
    transferId: string,
    request: TransferReviewRequest,
  ): Promise<TransferDecisionView> {
    const transfer = await this.held.find(transferId);
    const before = transfer ? await this.orders.findByPaymentReference(transfer.paymentReference) : [];
    if (!transfer || before.length === 0 || !(await (await this.scopeCheck(adminUserId))(before))) {
      throw notFound(transferId);
    }
    const { decision, changes, stock } = await this.tx.run(async (em) => {
      const decided = await this.held.decide(em, transferId, request, adminUserId);
      const locked: OrderRow[] = [];
      for (const o of [...before].sort((a, b) => a.id.localeCompare(b.id))) {
        const row = await this.orders.lockById(em, o.id);
        if (row) locked.push(row);
      }
      const steps = planOrdersForDecision(
        decided.decision === 'refunded'
          ? { decision: 'refunded', paymentReturned: decided.paymentReturned }
          : { decision: 'reinstated' },
        locked,
      );
      const applied: AppliedChange[] = [];
      const taken: StockResult[] = [];
      for (const step of steps) {
        const order = locked.find((o) => o.id === step.orderId) as OrderRow;
        if (step.takesStock) taken.push(...(await this.takeStockAgain(em, order, adminUserId)));
        const change = await this.lifecycle.applyIn(em, order, step.event, { kind: 'system' });
        if (!change) throw moved(order, step);
        applied.push(change);
      }
      return { decision: decided, changes: applied, stock: taken };
    });
    for (const change of changes) await this.lifecycle.afterChange(change);
    for (const moved of stock) this.catalogue.stockCommitted(moved);
    const after = await this.orders.findByPaymentReference(transfer.paymentReference);
    return {
      id: transferId,
      decision: decision.decision,
      refundAmountVnd: decision.refundAmountVnd,
      orders: after.map(orderView),
    };
  }

  /** The expired order's goods, taken again line by line; REINSTATE_STOCK_GONE (409) when any is gone. */
  private async takeStockAgain(
    em: EntityManager,
    order: OrderRow,
    adminUserId: string,
  ): Promise<StockResult[]> {
    const lines = (await this.orders.linesOf(em, [order.id])).get(order.id) ?? [];
    const taken: StockResult[] = [];
    for (const line of lines) {
      try {
        taken.push(
          await this.catalogue.reserveStock(line.productId, line.quantity, {
            manager: em,
            reference: order.id,
            actorUserId: adminUserId,
          }),
        );
      } catch (error) {
        if (error instanceof DomainError && STOCK_GONE.has(error.code)) {
          throw new OrderError(
            'REINSTATE_STOCK_GONE',
            'The goods of this order are no longer in stock: refund the transfer instead',
            { orderId: order.id, productId: line.productId, quantity: line.quantity },
          );
        }
        throw error;
      }
    }
    return taken;
  }

  /** Whether every order's producer is in the admin's subtree (branches checked once each). */
  private async scopeCheck(adminUserId: string): Promise<(orders: readonly OrderRow[]) => Promise<boolean>> {
    const byProducer = new Map<string, Promise<boolean>>();
    const producerInScope = (producerId: string) => {
      let known = byProducer.get(producerId);
      if (!known) {
        known = this.catalogue
          .findProducer(producerId)
          .then((p) => (p ? this.scope.isInScope(adminUserId, p.branchId) : false));
        byProducer.set(producerId, known);
      }
      return known;
    };
    return async (orders) => {
      for (const o of orders) if (!(await producerInScope(o.producerId))) return false;
      return true;
    };
  }
}

function ordersOf(orders: readonly OrderRow[], reference: string): OrderRow[] {
  const seen = new Set<string>();
  return orders.filter((o) => {
    if ((o.id !== reference && o.checkoutId !== reference) || seen.has(o.id)) return false;
    seen.add(o.id);
    return true;
  });
}

function toView(transfer: HeldTransferView, orders: readonly OrderRow[]): TransferReviewView {
  const first = orders[0];
  const canReinstate =
    transfer.holdsPayment &&
    transfer.amountVnd === transfer.paymentAmountVnd &&
    orders.every(
      (o) => o.paymentMethod === 'vietqr' && (o.status === 'pending_payment' || o.status === 'expired'),
    );
  return {
    id: transfer.id,
    receivedAt: transfer.receivedAt,
    transferredAt: transfer.transferredAt,
    amountVnd: transfer.amountVnd,
    amountDueVnd: transfer.paymentAmountVnd,
    reason: transfer.reason,
    holdsPayment: transfer.holdsPayment,
    canReinstate,
    bankReference: transfer.bankReference,
    payer: {
      name: transfer.counterAccountName,
      accountNumber: transfer.counterAccountNumber,
      bankName: transfer.counterAccountBankName,
    },
    buyer: first ? { name: first.deliveryAddress.recipientName, phone: first.deliveryAddress.phone } : null,
    orders: orders.map(orderView),
  };
}

function moved(order: OrderRow, step: ReviewOrderStep): OrderError {
  return new OrderError('ILLEGAL_ORDER_TRANSITION', `The order moved while the transfer was being decided`, {
    orderId: order.id,
    event: step.event,
  });
}
