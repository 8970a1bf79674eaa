// Pure rules of the streamer studio: Vietnam-time conversion for the schedule form, the flash-deal form's checks
// (the same bounds the api enforces, so a volunteer sees a mistake before sending), and session grouping.

/** Vietnam has kept UTC+7 all year since 1975: no daylight saving, so the offset is fixed. */
export const VN_OFFSET = '+07:00';
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** A `<input type="datetime-local">` value read as Vietnam time -> ISO with the +07:00 offset, or null if malformed. */
export function vnLocalToIso(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${VN_OFFSET}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Reject days that do not exist (2026-02-30 would roll over to March).
  if (isoToVnLocal(date.toISOString()) !== `${y}-${mo}-${d}T${h}:${mi}`) return null;
  return iso;
}

/** An instant -> the `datetime-local` value showing it in Vietnam time ("2026-11-22T19:30"). */
export function isoToVnLocal(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(date.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
}

/** The bounds of a session start (in the future, at most 90 days ahead), as datetime-local values. */
export function startBounds(now: Date = new Date()): { min: string; max: string } {
  return {
    min: isoToVnLocal(new Date(now.getTime() + 60_000)),
    max: isoToVnLocal(new Date(now.getTime() + 90 * 24 * 3600 * 1000)),
  };
}

export type StartError = 'required' | 'invalid' | 'past' | 'tooFar';

/** Why a start time cannot be used, or null when it can. */
export function startError(local: string, now: Date = new Date()): StartError | null {
  if (!local.trim()) return 'required';
  const iso = vnLocalToIso(local);
  if (!iso) return 'invalid';
  const ms = new Date(iso).getTime();
  if (ms <= now.getTime()) return 'past';
  if (ms > now.getTime() + 90 * 24 * 3600 * 1000) return 'tooFar';
  return null;
}

export const DEAL_MIN_PRICE_VND = 1_000;
export const DEAL_MIN_DURATION_S = 10;
export const DEAL_MAX_DURATION_S = 20 * 60;
export const DEAL_MAX_COUNTDOWN_S = 10 * 60;

export interface DealDraft {
  productId: string;
  price: string;
  quantity: string;
  perBuyerLimit: string;
  durationSeconds: string;
  countdownSeconds: string;
}

export interface DealTerms {
  productId: string;
  priceVnd: number;
  quantity: number;
  perBuyerLimit: number;
  durationSeconds: number;
  countdownSeconds?: number;
}

/** The i18n key (under studio:deal.errors) of each broken rule. */
export type DealErrors = Partial<Record<keyof DealDraft, string>>;

/** "150.000", "150 000" or "150000" -> 150000; anything else (decimals, letters) -> NaN. */
export function parseWhole(text: string): number {
  const cleaned = text.replace(/[\s.,₫đ]/g, '');
  if (!/^\d+$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/**
 * Checks a flash-deal draft against the product it is for (its list price and stock): the deal price must be
 * below the list price (and at least 1.000 ₫), 1 to `stock` units, a per-buyer limit of 1 to the quantity, a
 * duration of 10 s to 20 min and an optional countdown of at most 10 min. Returns the terms or the errors.
 */
export function checkDeal(
  draft: DealDraft,
  product: { priceVnd: number; stock: number } | undefined,
): { terms?: DealTerms; errors: DealErrors } {
  const errors: DealErrors = {};
  if (!product) errors.productId = 'productRequired';
  const price = parseWhole(draft.price);
  const quantity = parseWhole(draft.quantity);
  const limit = parseWhole(draft.perBuyerLimit);
  const duration = parseWhole(draft.durationSeconds);
  const countdown = draft.countdownSeconds.trim() === '' ? 0 : parseWhole(draft.countdownSeconds);

  if (!Number.isSafeInteger(price)) errors.price = 'priceRequired';
  else if (price < DEAL_MIN_PRICE_VND) errors.price = 'priceTooLow';
  else if (product && price >= product.priceVnd) errors.price = 'priceNotBelowList';

  if (!Number.isSafeInteger(quantity) || quantity < 1) errors.quantity = 'quantityRequired';
  else if (product && quantity > product.stock) errors.quantity = 'quantityOverStock';

  if (!Number.isSafeInteger(limit) || limit < 1) errors.perBuyerLimit = 'limitRequired';
  else if (Number.isSafeInteger(quantity) && limit > quantity) errors.perBuyerLimit = 'limitOverQuantity';

  if (!Number.isSafeInteger(duration) || duration < DEAL_MIN_DURATION_S || duration > DEAL_MAX_DURATION_S) {
    errors.durationSeconds = 'durationRange';
  }
  if (!Number.isSafeInteger(countdown) || countdown < 0 || countdown > DEAL_MAX_COUNTDOWN_S) {
    errors.countdownSeconds = 'countdownRange';
  }
  if (Object.keys(errors).length > 0 || !product) return { errors };
  return {
    errors,
    terms: {
      productId: draft.productId,
      priceVnd: price,
      quantity,
      perBuyerLimit: limit,
      durationSeconds: duration,
      ...(countdown > 0 ? { countdownSeconds: countdown } : {}),
    },
  };
}

/** 300 -> { minutes: 5, seconds: 0 } for "5 phút"-style labels. */
export function splitDuration(totalSeconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 };
}

export type SessionGroup = 'live' | 'upcoming' | 'ended';

/** live first, then upcoming (soonest first), then ended and cancelled (newest first). */
export function groupSessions<T extends { status: string; scheduledStartAt: string }>(
  sessions: readonly T[],
): Record<SessionGroup, T[]> {
  const groups: Record<SessionGroup, T[]> = { live: [], upcoming: [], ended: [] };
  for (const session of sessions) {
    if (session.status === 'live') groups.live.push(session);
    else if (session.status === 'scheduled') groups.upcoming.push(session);
    else groups.ended.push(session);
  }
  groups.upcoming.sort((a, b) => a.scheduledStartAt.localeCompare(b.scheduledStartAt));
  groups.ended.sort((a, b) => b.scheduledStartAt.localeCompare(a.scheduledStartAt));
  return groups;
}

/** A deal still to watch: not ended by the host and not past its end. */
export function isDealRunning(
  deal: { state: string; endedAt: string | null; endsAt: string },
  now: number,
): boolean {
  return deal.state !== 'ended' && deal.endedAt === null && new Date(deal.endsAt).getTime() > now;
}

/**
 * Who is banned now, from the moderation log (newest first or any order): each user's latest ban/unban wins.
 */
export function currentlyBanned<
  A extends {
    action: string;
    targetUserId: string | null;
    createdAt: string;
    details: Record<string, unknown>;
  },
>(actions: readonly A[]): { userId: string; at: string; reason: string | null }[] {
  const latest = new Map<string, A>();
  for (const action of actions) {
    if ((action.action !== 'ban' && action.action !== 'unban') || !action.targetUserId) continue;
    const seen = latest.get(action.targetUserId);
    if (!seen || seen.createdAt < action.createdAt) latest.set(action.targetUserId, action);
  }
  return [...latest.values()]
    .filter((action) => action.action === 'ban')
    .map((action) => ({
      userId: action.targetUserId as string,
      at: action.createdAt,
      reason: typeof action.details.reason === 'string' ? action.details.reason : null,
    }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Calls `fn` at most once per `intervalMs`; a call inside the window runs once at its end. */
export function throttle(fn: () => void, intervalMs: number, now: () => number = Date.now) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };
  return {
    call() {
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
