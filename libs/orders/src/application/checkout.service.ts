import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade, ProductView } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, DomainError } from '@ocop/kernel';
import { LiveFacade, SessionView } from '@ocop/live';
import { PaymentsService } from '@ocop/payments';
import {
  assertIdempotencyKey,
  assertPaymentMethodAvailable,
  checkoutFingerprint,
  CheckoutRequest,
  CheckoutRequestInput,
  expiresAt,
  initialOrderStatus,
  LineRejectionCode,
  OrderError,
  orderTotals,
  priceLine,
  PricedLine,
  resolveIdempotency,
  splitByProducer,
  validateCheckoutRequest,
} from '../domain';
import { OrderLineRow, OrdersRepository, OrderWithLines } from '../infrastructure/orders.repository';
import { OrderExpiryJobs } from './order-expiry.jobs';
import { CheckoutResult, orderView } from './views';

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

    const checkoutId = await this.orders.claimCheckout(buyerUserId, key, fingerprint);
    if (!checkoutId) {
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

    try {
      const result = await this.place(checkoutId, buyerUserId, request);
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

  private async place(
    checkoutId: string,
    buyerUserId: string,
    request: CheckoutRequest,
  ): Promise<CheckoutResult> {
    const now = this.clock.now();
    const session = request.sessionId ? await this.live.findSession(request.sessionId) : null;
    const open = session !== null && sessionIsOpen(session, now);
    // Lock order: products by id, so two multi-line checkouts never wait on each other in a cycle.
    const lines = [...request.lines].sort((a, b) =>
      a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0,
    );
    const products = await Promise.all(lines.map((l) => this.catalogue.getSellableProduct(l.productId)));

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
      productId: c.productId,
      productName: c.product.name,
      unitPriceVnd: c.priced.unitPriceVnd,
      quantity: c.quantity,
      lineTotalVnd: c.priced.lineTotalVnd,
      sessionId: session?.id ?? null,
      hostUserId: session?.hostUserId ?? null,
      branchId: session?.branchId ?? null,
      branchPath: session ? [...session.branchPath] : null,
    });

    const placed: OrderWithLines[] = await this.tx.run(async (em) => {
      let refused = false;
      for (const group of groups) {
        for (const c of group.lines) {
          try {
            await this.catalogue.reserveStock(c.productId, c.quantity, {
              manager: em,
              reference: group.orderId,
              actorUserId: buyerUserId,
            });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refused = true;
            const code: LineRejectionCode =
              error.code === 'INSUFFICIENT_STOCK' ? 'SOLD_OUT' : 'PRODUCT_NOT_SELLABLE';
            answers.set(c.productId, {
              productId: c.productId,
              status: 'rejected',
              code,
              message: code === 'SOLD_OUT' ? 'Sold out' : 'This product is not on sale',
              details: error.details,
            });
          }
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
        };
        await this.orders.insertOrder(em, order, rows);
        await this.outbox.write(em, {
          topic: 'orders.placed',
          key: order.id,
          payload: {
            orderId: order.id,
            checkoutId,
            buyerUserId,
            producerId: order.producerId,
            status,
            paymentMethod: order.paymentMethod,
            totalVnd: String(totals.totalVnd),
            items: totals.items,
            sessionId: order.sessionId,
            referralCode: order.referralCode,
            placedAt: now.toISOString(),
            lines: rows.map((l) => ({
              ...l,
              unitPriceVnd: String(l.unitPriceVnd),
              lineTotalVnd: String(l.lineTotalVnd),
            })),
          },
        });
        result.push({ ...order, paymentId: null, version: 1, lines: rows });
      }
      return result;
    });

    // After commit: payments (their own transactions) and the expiry jobs. The orders stand whatever happens here:
    // an unpaid card order expires and returns its stock through the job or the sweeper.
    const answer: CheckoutResult = { checkoutId, orders: placed.map(orderView) };
    if (request.paymentMethod === 'cod') {
      for (const order of placed) {
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

function validateAndCheckCard(input: CheckoutRequestInput, cardEnabled: boolean): CheckoutRequest {
  // The domain validation runs again behind the DTOs: it normalizes (phone, province) for the fingerprint.
  const request = validateCheckoutRequest(input);
  assertPaymentMethodAvailable(request.paymentMethod, cardEnabled);
  return request;
}
