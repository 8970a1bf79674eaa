import { LiveError } from './live.errors';

export const TITLE_MIN = 1;
export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const LINEUP_MIN = 1;
export const LINEUP_MAX = 50;
export const MAX_PINS = 3;
export const MAX_STAFF = 20;
export const MAX_SCHEDULE_AHEAD_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;

export const STAFF_ROLES = ['cohost', 'moderator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type SessionRole = 'host' | 'cohost' | 'moderator' | 'viewer';

/** A session starts in the future, at most 90 days ahead. */
export function assertStartTime(startAt: Date, now: Date): void {
  const ms = startAt.getTime();
  if (Number.isNaN(ms))
    throw new LiveError('START_TIME_OUT_OF_RANGE', 'scheduledStartAt is not a valid instant');
  if (ms <= now.getTime()) {
    throw new LiveError('START_TIME_OUT_OF_RANGE', 'scheduledStartAt must be in the future', {
      scheduledStartAt: startAt.toISOString(),
    });
  }
  if (ms > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) {
    throw new LiveError(
      'START_TIME_OUT_OF_RANGE',
      `scheduledStartAt must be within ${MAX_SCHEDULE_AHEAD_DAYS} days`,
      { scheduledStartAt: startAt.toISOString() },
    );
  }
}

/** 1..50 distinct products, in the order given. */
export function assertLineup(productIds: readonly string[]): void {
  if (productIds.length < LINEUP_MIN || productIds.length > LINEUP_MAX) {
    throw new LiveError('INVALID_LINEUP', `A lineup has ${LINEUP_MIN} to ${LINEUP_MAX} products`, {
      count: productIds.length,
    });
  }
  if (new Set(productIds).size !== productIds.length) {
    throw new LiveError('INVALID_LINEUP', 'A product appears twice in the lineup');
  }
}

/** Pinning one more product: only lineup products, at most MAX_PINS at a time; re-pinning is a no-op. */
export function checkPin(
  productId: string,
  lineup: readonly string[],
  pinned: readonly string[],
): 'pin' | 'already_pinned' {
  if (!lineup.includes(productId)) {
    throw new LiveError('PRODUCT_NOT_IN_LINEUP', 'Only products in the session lineup can be pinned', {
      productId,
    });
  }
  if (pinned.includes(productId)) return 'already_pinned';
  if (pinned.length >= MAX_PINS) {
    throw new LiveError(
      'PIN_LIMIT_REACHED',
      `At most ${MAX_PINS} products can be pinned at a time; unpin one first`,
      {
        limit: MAX_PINS,
        pinned: [...pinned],
      },
    );
  }
  return 'pin';
}

/** Who the user is in a session: the host, appointed staff, or a viewer (guests included). */
export function roleIn(
  session: { hostUserId: string },
  staff: readonly { userId: string; role: StaffRole }[],
  userId: string | null,
): SessionRole {
  if (userId === null) return 'viewer';
  if (session.hostUserId === userId) return 'host';
  return staff.find((s) => s.userId === userId)?.role ?? 'viewer';
}

/** Going live, ending and pinning are for the host and co-hosts. */
export function canRunShow(role: SessionRole): boolean {
  return role === 'host' || role === 'cohost';
}

/** The delay of the reminder job: it fires at the start time (now when that has passed). */
export function reminderDelay(startAt: Date, now: Date): number {
  return Math.max(0, startAt.getTime() - now.getTime());
}

/** BullMQ job ids cannot contain ':'; one reminder job per session. */
export function reminderJobId(sessionId: string): string {
  return `reminder-${sessionId}`;
}
