/**
 * The rules of a session's chat room, as pure functions: who may moderate whom, which session states accept
 * messages, slow mode and the size of history pages.
 */

/** Mirrors `SessionRole` of @ocop/live (kept structural so the domain stays free of other contexts). */
export type RoomRole = 'host' | 'cohost' | 'moderator' | 'viewer';
export type RoomStatus = 'scheduled' | 'live' | 'ended' | 'cancelled';

export const MESSAGE_MIN = 1;
export const MESSAGE_MAX = 300;
export const SLOW_MODE_MAX_SECONDS = 300;
export const MUTE_MIN_SECONDS = 10;
export const MUTE_MAX_SECONDS = 86_400;
export const BAN_REASON_MAX = 300;
/** How far back a ban may remove the banned user's messages (minutes); the dialog offers the last few minutes. */
export const BAN_REMOVE_RECENT_MAX_MINUTES = 24 * 60;
export const BAN_REMOVE_RECENT_DEFAULT_MINUTES = 10;

/** Messages a join answers with, history pages, and the longest reconnect catch-up. */
export const JOIN_HISTORY = 50;
export const HISTORY_PAGE = 50;
export const CATCH_UP_MAX = 500;

export const REACTION_KINDS = ['heart', 'like', 'wow', 'haha', 'clap'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export type ReactionCounts = Record<ReactionKind, number>;

export function emptyReactions(): ReactionCounts {
  return { heart: 0, like: 0, wow: 0, haha: 0, clap: 0 };
}

export type ModerationAction =
  | 'delete'
  | 'mute'
  | 'unmute'
  | 'ban'
  | 'unban'
  | 'pin'
  | 'unpin'
  | 'slow_mode'
  | 'banned_word_add'
  | 'banned_word_remove';

export const MODERATION_ACTIONS: readonly ModerationAction[] = [
  'delete',
  'mute',
  'unmute',
  'ban',
  'unban',
  'pin',
  'unpin',
  'slow_mode',
  'banned_word_add',
  'banned_word_remove',
];

const RANK: Record<RoomRole, number> = { viewer: 0, moderator: 1, cohost: 2, host: 3 };

export function isStaff(role: RoomRole): boolean {
  return RANK[role] >= RANK.moderator;
}

/** Pinning, slow mode and the session's banned words belong to the people running the show. */
export function canRunShow(role: RoomRole): boolean {
  return role === 'host' || role === 'cohost';
}

/** Which staff may take which action; viewers take none. */
export function canTake(role: RoomRole, action: ModerationAction): boolean {
  switch (action) {
    case 'pin':
    case 'unpin':
    case 'slow_mode':
    case 'banned_word_add':
    case 'banned_word_remove':
      return canRunShow(role);
    default:
      return isStaff(role);
  }
}

/**
 * Whether `actor` may mute or ban `target`: only someone ranked strictly above (host > cohost > moderator >
 * viewer), so moderators cannot silence the host, cohosts or each other, and nobody can silence the host.
 */
export function canSilence(actor: RoomRole, target: RoomRole): boolean {
  return isStaff(actor) && RANK[actor] > RANK[target];
}

/** Chat is open before the show (viewers wait in the room) and during it; ended and cancelled rooms are read-only. */
export function acceptsMessages(status: RoomStatus): boolean {
  return status === 'scheduled' || status === 'live';
}

/** Staff are never slowed down; others wait `slowModeSeconds` between messages (0 = off). */
export function slowModeApplies(role: RoomRole, slowModeSeconds: number): boolean {
  return slowModeSeconds > 0 && !isStaff(role);
}

export type HistoryQuery =
  | { kind: 'latest'; limit: number }
  | { kind: 'since'; sinceSeq: number; limit: number }
  | { kind: 'before'; beforeSeq: number; limit: number };

/** What a history request asks for: after a seq (catch-up, oldest first), before one (scrolling back), or the latest. */
export function historyQuery(input: {
  sinceSeq?: number;
  beforeSeq?: number;
  limit?: number;
}): HistoryQuery | null {
  if (input.sinceSeq !== undefined && input.beforeSeq !== undefined) return null;
  if (input.sinceSeq !== undefined) {
    return {
      kind: 'since',
      sinceSeq: input.sinceSeq,
      limit: clamp(input.limit ?? CATCH_UP_MAX, CATCH_UP_MAX),
    };
  }
  if (input.beforeSeq !== undefined) {
    return {
      kind: 'before',
      beforeSeq: input.beforeSeq,
      limit: clamp(input.limit ?? HISTORY_PAGE, CATCH_UP_MAX),
    };
  }
  return { kind: 'latest', limit: clamp(input.limit ?? HISTORY_PAGE, CATCH_UP_MAX) };
}

function clamp(limit: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(limit)));
}

/** Mute end, from now and a duration in seconds. */
export function muteUntil(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}
