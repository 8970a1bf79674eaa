import { multiplyVnd, sumVnd, Vnd } from '@ocop/kernel';
import { normalizeAddress, AddressInput, DeliveryAddress } from './address';
import type { DealState } from '@ocop/live';
import { isLineRejectionCode, LineRejectionCode, OrderError } from './order.errors';
import { isPaymentMethod, PaymentMethod } from './order-state';

export const MAX_CHECKOUT_LINES = 20;
export const MAX_LINE_QUANTITY = 99;
export const MAX_ID_LENGTH = 100;
const REFERRAL_CODE_RE = /^[A-Z0-9]{4,16}$/;

export interface CheckoutLine {
  productId: string;
  quantity: number;
  /** The flash deal the buyer tapped, if any. */
  dealId?: string;
}

/** Orders lines (or anything keyed by product) by product id: the fingerprint's canonical order and the lock order. */
export function byProductId(a: { productId: string }, b: { productId: string }): number {
  return a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;
}

export interface CheckoutRequest {
  lines: CheckoutLine[];
  address: DeliveryAddress;
  paymentMethod: PaymentMethod;
  /** Upper-cased, as streamers print it. */
  referralCode?: string;
  /** The session page (live or replay) the purchase was made from. */
  sessionId?: string;
  /** The share link the buyer followed. */
  shareCode?: string;
}

export interface CheckoutRequestInput {
  lines?: unknown;
  address?: AddressInput;
  paymentMethod?: unknown;
  referralCode?: unknown;
  sessionId?: unknown;
  shareCode?: unknown;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** 1 to 20 lines, each a product id and a whole quantity of 1 to 99, no product twice. */
export function validateLines(lines: unknown): CheckoutLine[] {
  if (!Array.isArray(lines) || lines.length < 1 || lines.length > MAX_CHECKOUT_LINES) {
    throw new OrderError('LINES_INVALID', `A checkout has 1 to ${MAX_CHECKOUT_LINES} lines`, {
      max: MAX_CHECKOUT_LINES,
    });
  }
  const seen = new Set<string>();
  return lines.map((raw: unknown, index) => {
    const line = (raw ?? {}) as { productId?: unknown; quantity?: unknown; dealId?: unknown };
    if (!isId(line.productId)) {
      throw new OrderError('LINES_INVALID', `Line ${index + 1} has no product`, { index });
    }
    const { quantity } = line;
    if (
      typeof quantity !== 'number' ||
      !Number.isSafeInteger(quantity) ||
      quantity < 1 ||
      quantity > MAX_LINE_QUANTITY
    ) {
      throw new OrderError(
        'QUANTITY_INVALID',
        `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`,
        {
          index,
          productId: line.productId,
          max: MAX_LINE_QUANTITY,
        },
      );
    }
    if (seen.has(line.productId)) {
      throw new OrderError('DUPLICATE_LINE', 'A product appears on two lines; combine them', {
        index,
        productId: line.productId,
      });
    }
    seen.add(line.productId);
    if (line.dealId === undefined || line.dealId === null) return { productId: line.productId, quantity };
    if (!isId(line.dealId)) {
      throw new OrderError('LINES_INVALID', `Line ${index + 1} has a malformed deal`, { index });
    }
    return { productId: line.productId, quantity, dealId: line.dealId };
  });
}

/** A referral code as typed: trimmed, upper-cased, 4 to 16 letters or digits; empty means none. */
export function normalizeReferralCode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new OrderError('REFERRAL_CODE_INVALID', 'Referral code must be text');
  const code = value.trim().toUpperCase();
  if (code === '') return undefined;
  if (!REFERRAL_CODE_RE.test(code)) {
    throw new OrderError('REFERRAL_CODE_INVALID', 'A referral code is 4 to 16 letters or digits');
  }
  return code;
}

/** The whole request, normalized; the first broken rule throws its coded error. */
export function validateCheckoutRequest(input: CheckoutRequestInput): CheckoutRequest {
  const lines = validateLines(input.lines);
  const address = normalizeAddress(input.address ?? {});
  if (!isPaymentMethod(input.paymentMethod)) {
    throw new OrderError('PAYMENT_METHOD_INVALID', 'Payment method must be "cod", "card" or "vietqr"');
  }
  const request: CheckoutRequest = { lines, address, paymentMethod: input.paymentMethod };
  const referralCode = normalizeReferralCode(input.referralCode);
  if (referralCode) request.referralCode = referralCode;
  for (const key of ['sessionId', 'shareCode'] as const) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (!isId(value)) throw new OrderError('LINES_INVALID', `${key} must be an id`, { field: key });
    request[key] = value;
  }
  return request;
}

/** Card payment needs Stripe keys, VietQR needs payOS keys; without them COD still works. */
export function assertPaymentMethodAvailable(
  method: PaymentMethod,
  cardEnabled: boolean,
  vietqrEnabled = false,
): void {
  if (method === 'card' && !cardEnabled) {
    throw new OrderError('CARD_PAYMENT_UNAVAILABLE', 'Card payment is switched off; pay by cash on delivery');
  }
  if (method === 'vietqr' && !vietqrEnabled) {
    throw new OrderError(
      'VIETQR_PAYMENT_UNAVAILABLE',
      'VietQR bank transfer is switched off on this server; pay by cash on delivery',
    );
  }
}

export interface ProducerGroup<L> {
  producerId: string;
  lines: L[];
}

/** One group per producer, in the order producers first appear; each becomes its own order. */
export function splitByProducer<L extends { producerId: string }>(lines: readonly L[]): ProducerGroup<L>[] {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    const group = groups.get(line.producerId);
    if (group) group.push(line);
    else groups.set(line.producerId, [line]);
  }
  return [...groups].map(([producerId, grouped]) => ({ producerId, lines: grouped }));
}

/** A flash deal as it stands when a line is priced. */
export interface DealSnapshot {
  dealId: string;
  state: DealState;
  priceVnd: Vnd;
  perBuyerLimit: number;
  /** Units of the deal not yet sold. */
  remaining: number;
  /** Units this buyer already holds at the deal price (earlier orders in this deal, not cancelled). */
  boughtByBuyer: number;
}

export interface PriceLineInput {
  /** The list price snapshotted at order time. */
  unitPriceVnd: Vnd;
  quantity: number;
  deal?: DealSnapshot;
}

export interface PricedLine {
  listUnitPriceVnd: Vnd;
  unitPriceVnd: Vnd;
  quantity: number;
  lineTotalVnd: Vnd;
  discountVnd: Vnd;
  dealId?: string;
}

/**
 * Prices one line from snapshot prices, in whole đồng.
 *
 * The deal-excess rule: a line on an open deal is all-or-nothing at the deal price. If it would take the buyer
 * past the per-buyer limit it is refused with BUYER_LIMIT_REACHED; if it asks for more than the deal has left,
 * SOLD_OUT. The excess is never silently charged at list price: in a live flash sale the buyer tapped a deal
 * price and must get that price or a clear no (the details say how many they may still take).
 * A deal that is upcoming is ignored (list price); a deal that has ended answers DEAL_ENDED, because the
 * buyer asked for a price that no longer exists.
 */
export function priceLine({ unitPriceVnd, quantity, deal }: PriceLineInput): PricedLine {
  const list: PricedLine = {
    listUnitPriceVnd: unitPriceVnd,
    unitPriceVnd,
    quantity,
    lineTotalVnd: multiplyVnd(unitPriceVnd, quantity),
    discountVnd: 0,
  };
  if (!deal || deal.state === 'upcoming') return list;
  if (deal.state === 'ended') {
    throw new OrderError('DEAL_ENDED', 'This flash deal has ended', { dealId: deal.dealId });
  }
  const allowance = Math.max(0, deal.perBuyerLimit - deal.boughtByBuyer);
  if (quantity > allowance) {
    throw new OrderError('BUYER_LIMIT_REACHED', `You may buy ${allowance} more at the deal price`, {
      dealId: deal.dealId,
      perBuyerLimit: deal.perBuyerLimit,
      boughtByBuyer: deal.boughtByBuyer,
      allowed: allowance,
    });
  }
  if (quantity > deal.remaining) {
    throw new OrderError(
      'SOLD_OUT',
      deal.remaining === 0 ? 'The deal is sold out' : `Only ${deal.remaining} left`,
      {
        dealId: deal.dealId,
        remaining: deal.remaining,
      },
    );
  }
  const lineTotalVnd = multiplyVnd(deal.priceVnd, quantity);
  return {
    listUnitPriceVnd: unitPriceVnd,
    unitPriceVnd: deal.priceVnd,
    quantity,
    lineTotalVnd,
    discountVnd: list.lineTotalVnd - lineTotalVnd,
    dealId: deal.dealId,
  };
}

/** A line the database gave at a flash deal's price (the deal's own limits were decided by its conditional SQL). */
export function priceAtDeal(
  listUnitPriceVnd: Vnd,
  dealPriceVnd: Vnd,
  quantity: number,
  dealId: string,
): PricedLine {
  const lineTotalVnd = multiplyVnd(dealPriceVnd, quantity);
  return {
    listUnitPriceVnd,
    unitPriceVnd: dealPriceVnd,
    quantity,
    lineTotalVnd,
    discountVnd: multiplyVnd(listUnitPriceVnd, quantity) - lineTotalVnd,
    dealId,
  };
}

export interface OrderTotals {
  items: number;
  subtotalVnd: Vnd;
  discountVnd: Vnd;
  totalVnd: Vnd;
}

/** Totals of one order's priced lines. subtotal is at list prices; total is what the buyer pays. */
export function orderTotals(lines: readonly PricedLine[]): OrderTotals {
  const totalVnd = sumVnd(lines.map((l) => l.lineTotalVnd));
  const discountVnd = sumVnd(lines.map((l) => l.discountVnd));
  return {
    items: lines.reduce((n, l) => n + l.quantity, 0),
    subtotalVnd: sumVnd([totalVnd, discountVnd]),
    discountVnd,
    totalVnd,
  };
}

export type LineOutcome<T> =
  | { productId: string; status: 'confirmed'; value: T }
  | {
      productId: string;
      status: 'rejected';
      code: LineRejectionCode;
      message: string;
      details?: Record<string, unknown>;
    };

/**
 * Runs one line's decision and turns a line-level refusal (sold out, limit reached, ...) into an answer for
 * that line; any other error is a real failure and propagates.
 */
export function lineOutcome<T>(productId: string, decide: () => T): LineOutcome<T> {
  try {
    return { productId, status: 'confirmed', value: decide() };
  } catch (error) {
    if (error instanceof OrderError && isLineRejectionCode(error.code)) {
      return {
        productId,
        status: 'rejected',
        code: error.code,
        message: error.message,
        details: error.details,
      };
    }
    throw error;
  }
}
