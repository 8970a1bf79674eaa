import { LiveError } from './live.errors';

export const DEAL_MIN_DURATION_S = 10;
export const DEAL_MAX_DURATION_S = 20 * 60;
export const DEAL_MAX_COUNTDOWN_S = 10 * 60;
export const DEAL_MIN_PRICE_VND = 1_000;

export interface DealTermsInput {
  /** The product's list price and stock when the host starts the deal. */
  listPriceVnd: number;
  stock: number;
  priceVnd: number;
  quantity: number;
  perBuyerLimit: number;
  durationSeconds: number;
  countdownSeconds?: number;
}

export interface DealPlan {
  priceVnd: number;
  listPriceVnd: number;
  quantity: number;
  perBuyerLimit: number;
  opensAt: Date;
  endsAt: Date;
}

export type DealState = 'upcoming' | 'open' | 'ended';
export type DealField = 'priceVnd' | 'quantity' | 'perBuyerLimit' | 'durationSeconds' | 'countdownSeconds';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Every broken rule of a deal's terms, by field (empty when the terms are valid). */
export function dealTermErrors(input: DealTermsInput): Partial<Record<DealField, string>> {
  const errors: Partial<Record<DealField, string>> = {};
  if (!isInt(input.priceVnd) || input.priceVnd < DEAL_MIN_PRICE_VND) {
    errors.priceVnd = `The deal price must be a whole amount of at least ${DEAL_MIN_PRICE_VND} đ`;
  } else if (input.priceVnd >= input.listPriceVnd) {
    errors.priceVnd = 'The deal price must be below the list price';
  }
  if (!isInt(input.quantity) || input.quantity < 1 || input.quantity > input.stock) {
    errors.quantity = `The deal quantity must be 1 to the product's stock (${input.stock})`;
  }
  if (!isInt(input.perBuyerLimit) || input.perBuyerLimit < 1) {
    errors.perBuyerLimit = 'The per-buyer limit must be at least 1';
  } else if (isInt(input.quantity) && input.perBuyerLimit > input.quantity) {
    errors.perBuyerLimit = 'The per-buyer limit cannot exceed the deal quantity';
  }
  if (
    !isInt(input.durationSeconds) ||
    input.durationSeconds < DEAL_MIN_DURATION_S ||
    input.durationSeconds > DEAL_MAX_DURATION_S
  ) {
    errors.durationSeconds = 'A deal lasts 10 seconds to 20 minutes';
  }
  const countdown = input.countdownSeconds ?? 0;
  if (!isInt(countdown) || countdown < 0 || countdown > DEAL_MAX_COUNTDOWN_S) {
    errors.countdownSeconds = 'The countdown before a deal opens is 0 to 10 minutes';
  }
  return errors;
}

/** Validates the terms and fixes the deal's window; DEAL_INVALID (400) with `details.fields` otherwise. */
export function planDeal(input: DealTermsInput, now: Date): DealPlan {
  const errors = dealTermErrors(input);
  if (Object.keys(errors).length > 0) {
    throw new LiveError('DEAL_INVALID', 'The flash deal terms are invalid', { fields: errors });
  }
  const opensAt = new Date(now.getTime() + (input.countdownSeconds ?? 0) * 1000);
  return {
    priceVnd: input.priceVnd,
    listPriceVnd: input.listPriceVnd,
    quantity: input.quantity,
    perBuyerLimit: input.perBuyerLimit,
    opensAt,
    endsAt: new Date(opensAt.getTime() + input.durationSeconds * 1000),
  };
}

/**
 * upcoming before `opensAt`, open on [opensAt, endsAt), ended from `endsAt` on, or as soon as the host ended it
 * early (`endedAt`). A sold-out deal is still open until it ends: its remaining quantity is 0.
 */
export function dealState(
  deal: { opensAt: Date; endsAt: Date; endedAt?: Date | null },
  now: Date,
): DealState {
  const t = now.getTime();
  if (deal.endedAt && deal.endedAt.getTime() <= t) return 'ended';
  if (t >= deal.endsAt.getTime()) return 'ended';
  if (t < deal.opensAt.getTime()) return 'upcoming';
  return 'open';
}

/** Units still on offer at the deal price. */
export function dealRemaining(deal: { quantity: number; sold: number }): number {
  return Math.max(0, deal.quantity - deal.sold);
}

/**
 * When a deal ends, the units carved out of stock and not sold go back to the product. Units in orders that are
 * later cancelled or expire go back through the order path, not here, so nothing is returned twice.
 */
export function settleDeal(deal: { quantity: number; sold: number }): {
  sold: number;
  returnedToProduct: number;
} {
  const sold = Math.min(deal.sold, deal.quantity);
  return { sold, returnedToProduct: deal.quantity - sold };
}

/** Milliseconds from `now` until the deal's end job should run (0 when already due). */
export function dealEndDelayMs(deal: { endsAt: Date }, now: Date): number {
  return Math.max(0, deal.endsAt.getTime() - now.getTime());
}

/** Milliseconds from `now` until the deal opens (0 when it is open already): the delay of its open job. */
export function dealOpenDelayMs(deal: { opensAt: Date }, now: Date): number {
  return Math.max(0, deal.opensAt.getTime() - now.getTime());
}

/**
 * Units sold at the deal price: the quantity carved out, less what is still on offer and what went back to the
 * product when the deal ended. Units of cancelled orders come back to `remaining` while the deal runs.
 */
export function dealSold(deal: {
  quantity: number;
  remaining: number;
  returnedQuantity: number | null;
}): number {
  return Math.max(0, deal.quantity - deal.remaining - (deal.returnedQuantity ?? 0));
}

/** How many more units a buyer may take under a per-buyer limit. */
export function buyerAllowance(perBuyerLimit: number, boughtByBuyer: number): number {
  return Math.max(0, perBuyerLimit - boughtByBuyer);
}

/** BullMQ job ids cannot contain ':'; one end job and one open job per deal. */
export function dealEndJobId(dealId: string): string {
  return `deal-end-${dealId}`;
}

export function dealOpenJobId(dealId: string): string {
  return `deal-open-${dealId}`;
}

/** A deal's room updates for taken and returned units go out at most this often per deal (about 4 a second). */
export const DEAL_ANNOUNCE_INTERVAL_MS = 250;
