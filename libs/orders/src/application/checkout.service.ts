import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade, ProductView, StockResult } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isConnectionLost, OutboxWriter, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, DomainError } from '@ocop/kernel';
import { LiveFacade, SessionView } from '@ocop/live';
import { PaymentsService, VietqrPaymentsService } from '@ocop/payments';
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
  newOrderCode,
  OrderError,
  orderTotals,
  paysOnline,
  priceAtDeal,
  priceLine,
  PricedLine,
  resolveIdempotency,
  shippingFee,
  splitByProducer,
  validateCheckoutRequest,
} from '../domain';
import {
  OrderLineRow,
  OrderRow,
  OrdersRepository,
  OrderWithLines,
} from '../infrastructure/orders.repository';
import { ShippingRepository } from '../infrastructure/shipping.repository';
import type { OrderPlacedPayload } from '../orders.events';
import { CheckoutPayment } from './checkout-payment';
import { CodGuard } from './cod-guard.service';
import { CheckoutReads } from './checkout-reads';
import { OrderExpiryJobs } from './order-expiry.jobs';
import { CheckoutResult, orderView, withPaymentState } from './views';

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
    private readonly cardPayment: CheckoutPayment,
    private readonly vietqr: VietqrPaymentsService,
    private readonly shipping: ShippingRepository,
    private readonly codGuard: CodGuard,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkout(
    buyerUserId: string,
    idempotencyKey: unknown,
    input: CheckoutRequestInput,
  ): Promise<CheckoutResult> {
    const key = assertIdempotencyKey(idempotencyKey);
    const request = validateAndCheckCard(input, this.payments.cardPaymentsEnabled, this.vietqr.enabled);
    const fingerprint = createHash('sha256').update(checkoutFingerprint(request)).digest('hex');
    // A buyer removed (banned) from the session cannot buy in it: the whole checkout is refused, before any key.
    if (request.sessionId && (await this.live.isExcluded(request.sessionId, buyerUserId))) {
      throw new OrderError('BANNED_FROM_SESSION', 'You were removed from this session and cannot buy in it', {
        sessionId: request.sessionId,
      });
    }

    // Cash on delivery: a suspended buyer or an unconfirmed phone is refused before any key (nothing happened).
    if (request.paymentMethod === 'cod')
      await this.codGuard.assertMayPayCod(buyerUserId, request.address.phone);

    const soldOut = await this.soldOutEarly(buyerUserId, key, request);
    if (soldOut) throw soldOut;

    const claim = await onceMore(() =>
      this.orders.claimCheckout(buyerUserId, key, fingerprint, CHECKOUT_LEASE_SECONDS),
    );
    if (!claim) {
      const stored = await onceMore(() => this.orders.findCheckout(buyerUserId, key));
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
      if (answer.ok) return this.replay(buyerUserId, withPaymentState(answer.result));
      throw new DomainError(answer.error.code, answer.error.kind, answer.error.message, answer.error.details);
    }
    const checkoutId = claim.id;

    try {
      try {
        return await this.attempt(checkoutId, buyerUserId, request, claim.takenOver);
      } catch (error) {
        if (!isConnectionLost(error)) throw error;
        // The database connection dropped under us. We still hold the key's lease, and the lost connection's
        // transaction is settled (committed or rolled back): look for its orders and finish them, or place again, once.
        this.log.warn(
          { err: error, checkoutId },
          'A checkout lost its database connection; trying once more',
        );
        return await this.attempt(checkoutId, buyerUserId, request, true);
      }
    } catch (error) {
      if (error instanceof DomainError) {
        const stored: StoredAnswer = {
          ok: false,
          error: { code: error.code, kind: error.kind, message: error.message, details: error.details },
        };
        await this.orders.storeCheckoutResult(checkoutId, stored);
      } else {
        // Frees the key unless orders committed under it (then a retry after the lease finishes them).
        await this.orders.releaseCheckout(checkoutId).catch((releaseError: unknown) => {
          this.log.warn({ err: releaseError, checkoutId }, 'Could not free the key of a failed checkout');
        });
      }
      throw error;
    }
  }

  /**
   * One attempt under the key's lease: when an earlier attempt may have committed (a claim taken over from a request
   * that died, or a connection lost mid-attempt), its orders are finished and answered instead of placing new ones.
   */
  private async attempt(
    checkoutId: string,
    buyerUserId: string,
    request: CheckoutRequest,
    mayHaveCommitted: boolean,
  ): Promise<CheckoutResult> {
    const earlier = mayHaveCommitted ? await this.orders.ordersOfCheckout(checkoutId) : [];
    if (earlier.length > 0) {
      const result = await this.afterCommit(checkoutId, request, earlier, []);
      await this.orders.storeCheckoutResult(checkoutId, { ok: true, result } satisfies StoredAnswer);
      return result;
    }
    const { result, stored } = await this.place(checkoutId, buyerUserId, request);
    if (!stored)
      await this.orders.storeCheckoutResult(checkoutId, { ok: true, result } satisfies StoredAnswer);
    return result;
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
    // Each producer's shipping fee, as its farmer set it: charged by the server's rule, never taken from the client.
    const rates = await this.shipping.ratesOf(groups.map((g) => g.producerId));
    const status = initialOrderStatus(request.paymentMethod);
    const deadline = paysOnline(request.paymentMethod)
      ? expiresAt(now, this.config.ORDERS_PAYMENT_WINDOW_MINUTES)
      : null;
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
        const rate = rates.get(group.producerId);
        const shippingFeeVnd = rate ? shippingFee(rate, totals.totalVnd) : 0;
        const order = {
          id: group.orderId,
          checkoutId,
          buyerUserId,
          producerId: group.producerId,
          status,
          paymentMethod: request.paymentMethod,
          totalVnd: totals.totalVnd + shippingFeeVnd,
          shippingFeeVnd,
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
        const code = await this.orders.insertOrder(
          em,
          { ...order, paymentId: codPayment?.id ?? null },
          rows,
          newOrderCode,
        );
        await this.outbox.write(em, {
          topic: 'orders.placed',
          key: order.id,
          payload: placedPayload(order, totals.items, rows),
        });
        const { shareCode: _shareCode, ...row } = order;
        result.push({ ...row, code, paymentId: codPayment?.id ?? null, version: 1, lines: rows });
      }
      // Cash on delivery: this checkout's orders count towards the buyer's open COD value, which has a cap.
      if (request.paymentMethod === 'cod') {
        await this.codGuard.assertWithinCap(
          em,
          buyerUserId,
          result.reduce((sum, o) => sum + o.totalVnd, 0),
        );
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
        const answer: StoredAnswer = {
          ok: true,
          result: { checkoutId, orders: result.map(orderView), paymentState: 'on_delivery' },
        };
        await this.orders.storeCheckoutResult(checkoutId, answer, em);
      }
      return result;
    });

    for (const moved of stockMoves) this.catalogue.stockCommitted(moved);
    const result = await this.afterCommit(checkoutId, request, placed, [...dealsTouched]);
    return { result, stored: request.paymentMethod === 'cod' };
  }

  /**
   * A stored card answer whose payment did not start: the retry starts it (or resumes it, if the buyer started it
   * meanwhile). When it still cannot start, the stored answer is replayed as it is: orders awaiting payment.
   */
  private async replay(buyerUserId: string, stored: CheckoutResult): Promise<CheckoutResult> {
    if (stored.paymentState !== 'not_started') return stored;
    if (stored.orders.some((o) => o.paymentMethod === 'vietqr')) {
      try {
        const started = await this.cardPayment.startOrResumeVietqr(buyerUserId, stored.checkoutId);
        return { ...stored, paymentState: 'ready', vietqr: started.vietqr };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.log.warn(
          { err: error, checkoutId: stored.checkoutId },
          'The VietQR payment of a checkout did not start again',
        );
        return stored;
      }
    }
    try {
      const started = await this.cardPayment.startOrResume(buyerUserId, stored.checkoutId);
      return {
        ...stored,
        paymentState: 'ready',
        payment: { paymentId: started.paymentId, clientSecret: started.clientSecret },
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.log.warn(
        { err: error, checkoutId: stored.checkoutId },
        'The card payment of a checkout did not start again',
      );
      return stored;
    }
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
    const answer: CheckoutResult = {
      checkoutId,
      orders: placed.map(orderView),
      paymentState: request.paymentMethod === 'cod' ? 'on_delivery' : 'not_started',
    };
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
    } else if (request.paymentMethod === 'vietqr') {
      try {
        const started = await this.cardPayment.startVietqr(checkoutId, placed);
        answer.vietqr = started.vietqr;
        answer.paymentState = 'ready';
      } catch (error) {
        // As for a card: the orders stand, awaiting payment; POST /api/checkouts/{id}/vietqr starts it again.
        this.log.warn(
          { err: error, checkoutId },
          'Could not start the VietQR payment of a checkout; its orders await payment',
        );
      }
      await this.expiryJobs.scheduleAll(placed.map((o) => ({ id: o.id, expiresAt: o.expiresAt as Date })));
    } else {
      try {
        const started = await this.cardPayment.start(checkoutId, placed, placed.length);
        answer.payment = { paymentId: started.paymentId, clientSecret: started.clientSecret };
        answer.paymentState = 'ready';
      } catch (error) {
        // The orders stand, awaiting payment: the answer says the payment did not start, and the buyer (or the app)
        // starts it with POST /api/checkouts/{id}/payment or by retrying this request with the same key.
        this.log.warn(
          { err: error, checkoutId },
          'Could not start the card payment of a checkout; its orders await payment',
        );
      }
      await this.expiryJobs.scheduleAll(placed.map((o) => ({ id: o.id, expiresAt: o.expiresAt as Date })));
    }
    return answer;
  }
}

/**
 * Runs one statement that is safe to repeat (a read, or the key's claim: a claim that did commit is then found taken
 * and answered as in progress), once more when the database connection dropped under it.
 */
async function onceMore<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (!isConnectionLost(error)) throw error;
    return statement();
  }
}

/** The `orders.placed` outbox message of a new order (money as strings: outbox payloads are plain JSON). */
function placedPayload(
  order: Omit<OrderRow, 'paymentId' | 'version' | 'code'> & { shareCode: string | null },
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

function validateAndCheckCard(
  input: CheckoutRequestInput,
  cardEnabled: boolean,
  vietqrEnabled: boolean,
): CheckoutRequest {
  // The domain validation runs again behind the DTOs: it normalizes (phone, province) for the fingerprint.
  const request = validateCheckoutRequest(input);
  assertPaymentMethodAvailable(request.paymentMethod, cardEnabled, vietqrEnabled);
  return request;
}
