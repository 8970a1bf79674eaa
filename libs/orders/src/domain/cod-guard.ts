import { OrderError } from './order.errors';

/** The cash-on-delivery guard-rails, from the config (COD_MAX_OPEN_VND, COD_MAX_REFUSALS, COD_SUSPENSION_DAYS). */
export interface CodPolicy {
  /** The most a buyer may have in COD orders not yet delivered; 0: no cap. */
  maxOpenVnd: number;
  /** Refusals that cost the buyer COD for `suspensionDays`; 0: never. */
  maxRefusals: number;
  suspensionDays: number;
  requireConfirmedPhone: boolean;
}

/** A buyer's cash-on-delivery record, as the farmer sees it before shipping. */
export interface CodRecord {
  delivered: number;
  refused: number;
  /** While set and in the future, the buyer cannot pay cash on delivery. */
  suspendedUntil: Date | null;
}

/**
 * Until when a buyer has lost cash on delivery, given when they refused deliveries. Strikes add up; the refusal that
 * reaches `maxRefusals` suspends COD for `suspensionDays` from that moment, and the count starts afresh.
 */
export function codSuspendedUntil(refusedAt: readonly Date[], policy: CodPolicy): Date | null {
  if (policy.maxRefusals === 0) return null;
  const times = refusedAt.map((d) => d.getTime()).sort((a, b) => a - b);
  let strikes = 0;
  let until: number | null = null;
  for (const t of times) {
    strikes++;
    if (strikes >= policy.maxRefusals) {
      until = t + policy.suspensionDays * 86_400_000;
      strikes = 0;
    }
  }
  return until === null ? null : new Date(until);
}

/** Before anything is written: a suspended buyer, or an unconfirmed phone when one is required, cannot pay COD. */
export function assertMayPayCod(input: {
  policy: CodPolicy;
  now: Date;
  refusedAt: readonly Date[];
  phoneConfirmed: boolean;
  phone: string;
}): void {
  const until = codSuspendedUntil(input.refusedAt, input.policy);
  if (until && until.getTime() > input.now.getTime()) {
    throw new OrderError(
      'COD_SUSPENDED',
      'Cash on delivery is not available to this account for now, after deliveries were refused',
      { until: until.toISOString(), refusals: input.refusedAt.length },
    );
  }
  if (input.policy.requireConfirmedPhone && !input.phoneConfirmed) {
    throw new OrderError(
      'PHONE_NOT_CONFIRMED',
      'Confirm this phone number with a code to pay cash on delivery',
      {
        phone: input.phone,
      },
    );
  }
}

/** Inside the checkout, with this checkout's orders counted: the buyer's open COD value must stay under the cap. */
export function assertWithinCodCap(openVnd: number, thisCheckoutVnd: number, policy: CodPolicy): void {
  if (policy.maxOpenVnd === 0 || openVnd <= policy.maxOpenVnd) return;
  throw new OrderError(
    'COD_LIMIT_EXCEEDED',
    'This order would take your cash-on-delivery orders not yet delivered over the limit',
    {
      capVnd: policy.maxOpenVnd,
      openVnd: openVnd - thisCheckoutVnd,
      orderVnd: thisCheckoutVnd,
    },
  );
}
