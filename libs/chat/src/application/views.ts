import type { PinnedProductCard, SessionView } from '@ocop/live';
import type { ModerationAction, ReactionCounts } from '../domain';
import type { BannedWordEntity, ModerationActionEntity } from '../infrastructure/chat.entities';
import type { MessageRow } from '../infrastructure/messages.repository';

/** A chat message as every client sees it (also the `chat:message` event payload). */
export interface ChatMessageView {
  sessionId: string;
  /** Per-session, increasing in commit order; gaps are possible (a retried send), never reordering. */
  seq: number;
  id: string;
  userId: string;
  displayName: string;
  text: string;
  createdAt: string;
}

export interface JoinView {
  session: SessionView;
  pins: PinnedProductCard[];
  viewers: number;
  /** The last 50 messages, or everything after `sinceSeq` (up to 500), oldest first. */
  messages: ChatMessageView[];
  pinnedMessage: ChatMessageView | null;
  slowModeSeconds: number;
  reactions: ReactionCounts;
  /** The caller's role in the session (guests are viewers). */
  role: 'host' | 'cohost' | 'moderator' | 'viewer';
  /** When the caller's own mute ends (ISO), or null when they may chat: shown on every load, not only on the event. */
  mutedUntil: string | null;
}

export interface HistoryView {
  messages: ChatMessageView[];
  /** True when a catch-up hit its limit: ask again after the last seq. */
  hasMore: boolean;
}

export interface BannedWordView {
  id: string;
  sessionId: string | null;
  word: string;
  createdBy: string;
  createdAt: string;
}

export interface ModerationActionView {
  id: string;
  sessionId: string;
  actorUserId: string;
  action: ModerationAction;
  targetUserId: string | null;
  targetMessageId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface ChatSessionStats {
  /** Messages stored and not deleted. */
  messages: number;
  /** Distinct people who posted a message still visible. */
  chatters: number;
  reactions: ReactionCounts;
}

export function messageView(row: MessageRow): ChatMessageView {
  return {
    sessionId: row.sessionId,
    seq: row.seq,
    id: row.id,
    userId: row.userId,
    displayName: row.displayName,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}

export function bannedWordView(w: BannedWordEntity): BannedWordView {
  return {
    id: w.id,
    sessionId: w.sessionId,
    word: w.word,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
  };
}

export function moderationActionView(a: ModerationActionEntity): ModerationActionView {
  return {
    id: a.id,
    sessionId: a.sessionId,
    actorUserId: a.actorUserId,
    action: a.action,
    targetUserId: a.targetUserId,
    targetMessageId: a.targetMessageId,
    details: a.details,
    createdAt: a.createdAt.toISOString(),
  };
}
