import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade, ProductView, StockResult } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, DomainError } from '@ocop/kernel';
import { LiveFacade, SessionView } from '@ocop/live';
import { PaymentsService } from '@ocop/payments';
import {
  assertIdempotencyKey,
  assertPaymentMethodAvailable,
  byProductId,
  checkoutFingerprint,
  CheckoutRequest,
  CheckoutRequestInput,
  expiresAt,
  initialOrderStatus,
  LineRejectionCode,
  OrderError,
  orderTotals,
  priceAtDeal,
  priceLine,
  PricedLine,
  resolveIdempotency,
  splitByProducer,
  validateCheckoutRequest,
} from '../domain';
import {
  OrderLineRow,
  OrderRow,
  OrdersRepository,
  OrderWithLines,
} from '../infrastructure/orders.repository';
import type { OrderPlacedPayload } from '../orders.events';
import { CheckoutReads } from './checkout-reads';
import { OrderExpiryJobs } from './order-expiry.jobs';
import { CheckoutResult, orderView } from './views';

/** How long a request holds its Idempotency-Key before a retry may take over (the holder died). */
export const CHECKOUT_LEASE_SECONDS = 30;

/** A replay window: a session's replay sells for 7 days after it ended (PRODUCT.md, attribution). */
export const REPLAY_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** One line's answer when the whole checkout is refused. */
export type LineAnswer =
  | { productId: string; status: 'ok' }
  | {
      productId: string;
      status: 'rejected';
      code: LineRejectionCode;
      message: string;
      details?: Record<string, unknown>;
    };

/** What a checkouts row keeps to replay: the answer, or the coded refusal. */
type StoredAnswer =
  | { ok: true; result: CheckoutResult }
  | {
      ok: false;
      error: { code: string; kind: DomainError['kind']; message: string; details?: Record<string, unknown> };
    };

interface Candidate {
  productId: string;
  quantity: number;
  dealId?: string;
  product: ProductView;
  priced: PricedLine;
  producerId: string;
}

function sessionIsOpen(session: SessionView, now: Date): boolean {
  if (session.status === 'live') return true;
  if (session.status !== 'ended' || !session.endedAt) return false;
  return now.getTime() - new Date(session.endedAt).getTime() <= REPLAY_WINDOW_MS;
}

function refusal(answers: LineAnswer[]): OrderError {
  const first = answers.find((a) => a.status === 'rejected');
  const code = first && first.status === 'rejected' ? first.code : 'SOLD_OUT';
  const message = first && first.status === 'rejected' ? first.message : 'The checkout was refused';
  return new OrderError(code, message, { lines: answers });
}

/**
 * Places a checkout: all or nothing. Every line is checked (session open, in the lineup, sellable) and its stock
 * reserved by the database's conditional UPDATE inside one transaction with the orders, their lines and their
 * outbox rows; one refused line rolls everything back and the answer says what happened to each line.
 */
@Injectable()
export class CheckoutService {
  private readonly log = new Logger(CheckoutService.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly catalogue: CatalogueFacade,
    private readonly live: LiveFacade,
    private readonly payments: PaymentsService,
    private readonly expiryJobs: OrderExpiryJobs,
    private readonly reads: CheckoutReads,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(
    buyerUserId: string,
    idempotencyKey: unknown,
    input: CheckoutRequestInput,
  ): Promise<CheckoutResult> {
    const key = assertIdempotencyKey(idempotencyKey);
    const request = validateAndCheckCard(input, this.payments.cardPaymentsEnabled);
    const fingerprint = createHash('sha256').update(checkoutFingerprint(request)).digest('hex');

    const soldOut = await this.soldOutEarly(buyerUserId, key, request);
    if (soldOut) throw soldOut;

    const claim = await this.orders.claimCheckout(buyerUserId, key, fingerprint, CHECKOUT_LEASE_SECONDS);
    if (!claim) {
      const stored = await this.orders.findCheckout(buyerUserId, key);
      if (!stored) {
        // The first attempt failed unexpectedly and freed the key between our insert and our read.
        throw new OrderError(
          'IDEMPOTENT_REQUEST_IN_PROGRESS',
          'The same request is still being processed; retry shortly',
        );
      }
      const answer = resolveIdempotency<StoredAnswer>(
        { fingerprint: stored.fingerprint, result: stored.result as StoredAnswer | undefined },
        fingerprint,
      ) as StoredAnswer;
      if (answer.ok) return answer.result;
      throw new DomainError(answer.error.code, answer.error.kind, answer.error.message, answer.error.details);
    }
    const checkoutId = claim.id;

    try {
      // A claim taken over from a request that died: its orders may have committed before it did.
      const earlier = claim.takenOver ? await this.orders.ordersOfCheckout(checkoutId) : [];
      if (earlier.length > 0) {
        const result = await this.afterCommit(checkoutId, request, earlier, []);
        await this.orders.storeCheckoutResult(checkoutId, { ok: true, result } satisfies StoredAnswer);
        return result;
      }
      const { result, stored } = await this.place(checkoutId, buyerUserId, request);
      if (!stored)
        await this.orders.storeCheckoutResult(checkoutId, { ok: true, result } satisfies StoredAnswer);
      return result;
    } catch (error) {
      if (error instanceof DomainError) {
        const stored: StoredAnswer = {
          ok: false,
          error: { code: error.code, kind: error.kind, message: error.message, details: error.details },
        };
        await this.orders.storeCheckoutResult(checkoutId, stored);
      } else {
        await this.orders.releaseCheckout(checkoutId);
      }
      throw error;
    }
  }

  /** Places the orders; `stored` when the answer was stored in the same transaction (COD: it is complete there). */
  private async place(
    checkoutId: string,
    buyerUserId: string,
    request: CheckoutRequest,
  ): Promise<{ result: CheckoutResult; stored: boolean }> {
    const now = this.clock.now();
    const session = request.sessionId ? await this.reads.session(request.sessionId) : null;
    const open = session !== null && sessionIsOpen(session, now);
    // Lock order: products by id, so two multi-line checkouts never wait on each other in a cycle.
    const lines = [...request.lines].sort(byProductId);
    const [products, dealProducts] = await Promise.all([
      Promise.all(lines.map((l) => this.reads.sellableProduct(l.productId))),
      session ? this.reads.productsWithRunningDeals(session.id) : Promise.resolve(new Set<string>()),
    ]);

    const answers = new Map<string, LineAnswer>();
    const candidates: Candidate[] = [];
    lines.forEach((line, i) => {
      const product = products[i];
      const reject = (code: LineRejectionCode, message: string, details?: Record<string, unknown>) =>
        answers.set(line.productId, {
          productId: line.productId,
          status: 'rejected',
          code,
          message,
          details,
        });
      if (request.sessionId && !open)
        return reject('SESSION_NOT_OPEN', 'This session is not live and its replay is closed');
      if (!product) return reject('PRODUCT_NOT_SELLABLE', 'This product is not on sale');
      if (session && !session.lineup.includes(line.productId)) {
        return reject('PRODUCT_NOT_SELLABLE', 'This product is not in the session lineup', {
          reason: 'not_in_lineup',
        });
      }
      answers.set(line.productId, { productId: line.productId, status: 'ok' });
      candidates.push({
        productId: line.productId,
        quantity: line.quantity,
        product,
        producerId: product.producerId,
        dealId: line.dealId,
        priced: priceLine({ unitPriceVnd: product.priceVnd, quantity: line.quantity }),
      });
    });
    const inRequestOrder = () => request.lines.map((l) => answers.get(l.productId) as LineAnswer);
    if (candidates.length < lines.length) throw refusal(inRequestOrder());

    const groups = splitByProducer(candidates).map((g) => ({ ...g, orderId: randomUUID() }));
    const status = initialOrderStatus(request.paymentMethod);
    const deadline =
      request.paymentMethod === 'card' ? expiresAt(now, this.config.ORDERS_PAYMENT_WINDOW_MINUTES) : null;
    const snapshot = (c: Candidate): OrderLineRow => ({
      id: randomUUID(),
      productId: c.productId,
      productName: c.product.name,
      listUnitPriceVnd: c.priced.listUnitPriceVnd,
      unitPriceVnd: c.priced.unitPriceVnd,
      dealId: c.priced.dealId ?? null,
      quantity: c.quantity,
      lineTotalVnd: c.priced.lineTotalVnd,
      sessionId: session?.id ?? null,
      hostUserId: session?.hostUserId ?? null,
      branchId: session?.branchId ?? null,
      branchPath: session ? [...session.branchPath] : null,
    });

    const dealsTouched = new Set<string>();
    const stockMoves: StockResult[] = [];
    const placed: OrderWithLines[] = await this.tx.run(async (em) => {
      dealsTouched.clear();
      stockMoves.length = 0;
      const toReserve: { candidate: Candidate; orderId: string }[] = [];
      let refused = false;
      const reject = (
        c: Candidate,
        code: LineRejectionCode,
        message: string,
        details?: Record<string, unknown>,
      ) => {
        refused = true;
        answers.set(c.productId, { productId: c.productId, status: 'rejected', code, message, details });
      };
      for (const group of groups) {
        for (const c of group.lines) {
          if (session) {
            const quota = await this.live.takeListingQuota(em, {
              sessionId: session.id,
              productId: c.productId,
              buyerUserId,
              quantity: c.quantity,
            });
            if (!quota.ok) {
              reject(c, quota.code, quota.message, quota.details);
              continue;
            }
            // Only a product with a deal running (read at most a second ago) or a deal the buyer tapped is tried.
            const deal =
              !c.dealId && !dealProducts.has(c.productId)
                ? null
                : await this.live.takeDealUnits(em, {
                    sessionId: session.id,
                    productId: c.productId,
                    buyerUserId,
                    quantity: c.quantity,
                    dealId: c.dealId,
                    now,
                  });
            if (deal && !deal.ok) {
              reject(c, deal.code, deal.message, deal.details);
              continue;
            }
            if (deal) {
              // The deal's units were carved out of the product's stock when it started: nothing more to reserve.
              c.priced = priceAtDeal(c.product.priceVnd, deal.priceVnd, c.quantity, deal.dealId);
              dealsTouched.add(deal.dealId);
              continue;
            }
          } else if (c.dealId) {
            reject(c, 'DEAL_ENDED', 'This flash deal is only sold in its session', { dealId: c.dealId });
            continue;
          }
          toReserve.push({ candidate: c, orderId: group.orderId });
        }
      }
      if (refused) throw refusal(inRequestOrder());

      const result: OrderWithLines[] = [];
      for (const group of groups) {
        const rows = group.lines.map(snapshot);
        const totals = orderTotals(group.lines.map((c) => c.priced));
        const order = {
          id: group.orderId,
          checkoutId,
          buyerUserId,
          producerId: group.producerId,
          status,
          paymentMethod: request.paymentMethod,
          totalVnd: totals.totalVnd,
          deliveryAddress: request.address,
          referralCode: request.referralCode ?? null,
          expiresAt: deadline,
          placedAt: now,
          sessionId: session?.id ?? null,
          shareCode: request.shareCode ?? null,
        };
        // COD: the payment is created with its order, in the same transaction.
        const codPayment =
          request.paymentMethod === 'cod'
            ? await this.payments.startCodPayment(
                { reference: order.id, amountVnd: order.totalVnd },
                { manager: em },
              )
            : null;
        await this.orders.insertOrder(em, { ...order, paymentId: codPayment?.id ?? null }, rows);
        await this.outbox.write(em, {
          topic: 'orders.placed',
          key: order.id,
          payload: placedPayload(order, totals.items, rows),
        });
        const { shareCode: _shareCode, ...row } = order;
        result.push({ ...row, paymentId: codPayment?.id ?? null, version: 1, lines: rows });
      }
      // The product stock last, in product order: a hot product's row stays locked only from its conditional
      // UPDATE to the COMMIT right after it, and two checkouts never wait on each other in a cycle.
      toReserve.sort((a, b) => byProductId(a.candidate, b.candidate));
      for (const { candidate: c, orderId } of toReserve) {
        const stock = await this.catalogue
          .reserveStock(c.productId, c.quantity, {
            manager: em,
            reference: orderId,
            actorUserId: buyerUserId,
          })
          .then(
            (moved) => {
              stockMoves.push(moved);
              return null;
            },
            (error: unknown) => {
              if (error instanceof DomainError) return error;
              throw error;
            },
          );
        if (stock) {
          const soldOut = stock.code === 'INSUFFICIENT_STOCK';
          reject(
            c,
            soldOut ? 'SOLD_OUT' : 'PRODUCT_NOT_SELLABLE',
            soldOut ? 'Sold out' : 'This product is not on sale',
            stock.details,
          );
        }
      }
      if (refused) throw refusal(inRequestOrder());

      if (request.paymentMethod === 'cod') {
        // Complete already: the answer commits with the orders, so a crash cannot leave the key unanswered.
        const answer: StoredAnswer = { ok: true, result: { checkoutId, orders: result.map(orderView) } };
        await this.orders.storeCheckoutResult(checkoutId, answer, em);
      }
      return result;
    });

    for (const moved of stockMoves) this.catalogue.stockCommitted(moved);
    const result = await this.afterCommit(checkoutId, request, placed, [...dealsTouched]);
    return { result, stored: request.paymentMethod === 'cod' };
  }

  /**
   * A flash sale's fast answer: when a line's product (read at most a second ago) has no stock for it and no flash
   * deal runs on it, the checkout is refused SOLD_OUT before anything is written. The refusal is not kept under the
   * Idempotency-Key (nothing happened): a retry with the key after the stock came back is a new attempt. A key seen
   * before always takes the normal path, which replays its answer.
   */
  private async soldOutEarly(
    buyerUserId: string,
    key: string,
    request: CheckoutRequest,
  ): Promise<OrderError | null> {
    if (request.lines.some((l) => l.dealId)) return null;
    const [products, dealProducts] = await Promise.all([
      Promise.all(request.lines.map((l) => this.reads.sellableProduct(l.productId))),
      request.sessionId
        ? this.reads.productsWithRunningDeals(request.sessionId)
        : Promise.resolve(new Set<string>()),
    ]);
    const answers: LineAnswer[] = [];
    let soldOut = false;
    for (const [i, line] of request.lines.entries()) {
      const product = products[i];
      if (!product || dealProducts.has(line.productId)) return null;
      if (product.stock >= line.quantity) {
        answers.push({ productId: line.productId, status: 'ok' });
        continue;
      }
      soldOut = true;
      answers.push({
        productId: line.productId,
        status: 'rejected',
        code: 'SOLD_OUT',
        message: product.stock === 0 ? 'Sold out' : `Only ${product.stock} left`,
        details: { productId: line.productId, requested: line.quantity, available: product.stock },
      });
    }
    if (!soldOut || (await this.orders.findCheckout(buyerUserId, key))) return null;
    return refusal(answers);
  }

  /**
   * After commit: the deals' new remaining quantities go to the room, then payments (their own transactions) and
   * the expiry jobs. The orders stand whatever happens here: an unpaid card order expires and returns its stock
   * through the job or the sweeper. Also finishes a checkout taken over from a request that died after its commit.
   */
  private async afterCommit(
    checkoutId: string,
    request: CheckoutRequest,
    placed: OrderWithLines[],
    deals: string[],
  ): Promise<CheckoutResult> {
    for (const dealId of deals) this.live.announceDeal(dealId);
    const answer: CheckoutResult = { checkoutId, orders: placed.map(orderView) };
    if (request.paymentMethod === 'cod') {
      for (const order of placed) {
        if (order.paymentId) continue;
        try {
          const payment = await this.payments.startCodPayment({
            reference: order.id,
            amountVnd: order.totalVnd,
          });
          await this.orders.setPayment([order.id], payment.id);
        } catch (error) {
          this.log.error({ err: error, orderId: order.id }, 'Could not record the COD payment of an order');
        }
      }
    } else {
      try {
        const started = await this.payments.startCardPayment({
          reference: checkoutId,
          amountVnd: placed.reduce((sum, o) => sum + o.totalVnd, 0),
          idempotencyKey: `checkout:${checkoutId}:pay`,
          description: `OCOP Live checkout ${checkoutId}`,
        });
        await this.orders.setPayment(
          placed.map((o) => o.id),
          started.paymentId,
        );
        answer.payment = { paymentId: started.paymentId, clientSecret: started.clientSecret };
      } catch (error) {
        this.log.error({ err: error, checkoutId }, 'Could not start the card payment of a checkout');
      }
      await this.expiryJobs.scheduleAll(placed.map((o) => ({ id: o.id, expiresAt: o.expiresAt as Date })));
    }
    return answer;
  }
}

/** The `orders.placed` outbox message of a new order (money as strings: outbox payloads are plain JSON). */
function placedPayload(
  order: Omit<OrderRow, 'paymentId' | 'version'> & { shareCode: string | null },
  items: number,
  rows: OrderLineRow[],
): OrderPlacedPayload {
  return {
    orderId: order.id,
    checkoutId: order.checkoutId,
    buyerUserId: order.buyerUserId,
    producerId: order.producerId,
    status: order.status,
    paymentMethod: order.paymentMethod,
    totalVnd: String(order.totalVnd),
    items,
    sessionId: order.sessionId,
    referralCode: order.referralCode,
    shareCode: order.shareCode,
    placedAt: order.placedAt.toISOString(),
    lines: rows.map((l) => ({
      lineId: l.id,
      productId: l.productId,
      productName: l.productName,
      listUnitPriceVnd: String(l.listUnitPriceVnd),
      unitPriceVnd: String(l.unitPriceVnd),
      quantity: l.quantity,
      lineTotalVnd: String(l.lineTotalVnd),
      dealId: l.dealId,
      sessionId: l.sessionId,
      hostUserId: l.hostUserId,
      branchId: l.branchId,
      branchPath: l.branchPath,
    })),
  };
}

function validateAndCheckCard(input: CheckoutRequestInput, cardEnabled: boolean): CheckoutRequest {
  // The domain validation runs again behind the DTOs: it normalizes (phone, province) for the fingerprint.
  const request = validateCheckoutRequest(input);
  assertPaymentMethodAvailable(request.paymentMethod, cardEnabled);
  return request;
}
