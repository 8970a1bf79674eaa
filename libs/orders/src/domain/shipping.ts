import { isVnd, Vnd } from '@ocop/kernel';
import { OrderError } from './order.errors';

/** The largest flat fee a producer may ask (1.000.000 ₫) and the largest "free from" threshold (100.000.000 ₫). */
export const MAX_SHIPPING_FEE_VND = 1_000_000;
export const MAX_FREE_FROM_VND = 100_000_000;

/**
 * A producer's shipping fee, set by the farmer: a flat fee per order, waived when the order's goods reach
 * `freeFromVnd` (null: never waived). A producer who set nothing ships free (flat 0).
 */
export interface ShippingRate {
  flatFeeVnd: Vnd;
  freeFromVnd: Vnd | null;
}

export const FREE_SHIPPING: ShippingRate = { flatFeeVnd: 0, freeFromVnd: null };

/** The fee of one order whose goods come to `goodsVnd` (after deal prices): the rule the server charges. */
export function shippingFee(rate: ShippingRate, goodsVnd: Vnd): Vnd {
  if (rate.flatFeeVnd === 0) return 0;
  if (rate.freeFromVnd !== null && goodsVnd >= rate.freeFromVnd) return 0;
  return rate.flatFeeVnd;
}

/** A rate as a farmer sends it, checked: whole đồng in range; a threshold only makes sense with a fee. */
export function validateShippingRate(input: { flatFeeVnd?: unknown; freeFromVnd?: unknown }): ShippingRate {
  const { flatFeeVnd, freeFromVnd } = input;
  if (!isVnd(flatFeeVnd) || flatFeeVnd > MAX_SHIPPING_FEE_VND) {
    throw new OrderError(
      'SHIPPING_RATE_INVALID',
      `The shipping fee is a whole number of đồng from 0 to ${MAX_SHIPPING_FEE_VND}`,
      { field: 'flatFeeVnd', max: MAX_SHIPPING_FEE_VND },
    );
  }
  if (freeFromVnd === undefined || freeFromVnd === null) return { flatFeeVnd, freeFromVnd: null };
  if (!isVnd(freeFromVnd) || freeFromVnd < 1 || freeFromVnd > MAX_FREE_FROM_VND) {
    throw new OrderError(
      'SHIPPING_RATE_INVALID',
      `Free shipping starts at a whole number of đồng from 1 to ${MAX_FREE_FROM_VND}`,
      { field: 'freeFromVnd', max: MAX_FREE_FROM_VND },
    );
  }
  return { flatFeeVnd, freeFromVnd };
}
