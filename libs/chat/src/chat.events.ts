import type { AckCallback } from '@ocop/realtime';
import type { ChatMessageView, HistoryView, JoinView } from './application/views';
import type { ReactionCounts, ReactionKind } from './domain';

// The chat part of the socket.io contract. Payload shapes are validated at the edge by the classes in
// ws/chat.payloads.ts; these types are what typed clients (web app, e2e tests, benchmarks) code against.

export interface SessionJoinPayload {
  sessionId: string;
  sinceSeq?: number;
}
export interface SessionRefPayload {
  sessionId: string;
}
export interface ChatSendPayload {
  sessionId: string;
  text: string;
  clientId?: string;
}
export interface ChatHistoryPayload {
  sessionId: string;
  sinceSeq?: number;
  beforeSeq?: number;
  limit?: number;
}
export interface ChatReactPayload {
  sessionId: string;
  kind: ReactionKind;
}
export interface ChatMessageRefPayload {
  sessionId: string;
  messageId: string;
}
export interface ChatMutePayload {
  sessionId: string;
  userId: string;
  seconds: number;
}
export interface ChatUserRefPayload {
  sessionId: string;
  userId: string;
}
export interface ChatBanPayload {
  sessionId: string;
  userId: string;
  reason?: string;
}
export interface ChatPinPayload {
  sessionId: string;
  messageId: string | null;
}
export interface ChatSlowModePayload {
  sessionId: string;
  seconds: number;
}

export interface ChatDeletedEvent {
  sessionId: string;
  messageId: string;
}
export interface ChatReactionsEvent {
  sessionId: string;
  /** Reactions counted on one replica since its previous flush (at most 4 flushes a second per replica). */
  counts: ReactionCounts;
  /** Session totals across replicas after this flush. */
  totals: ReactionCounts;
}
export interface ChatPinnedEvent {
  sessionId: string;
  message: ChatMessageView | null;
}
export interface ChatSlowModeEvent {
  sessionId: string;
  seconds: number;
}
export interface ChatMutedEvent {
  sessionId: string;
  userId: string;
  /** ISO time the mute ends; null when lifted. */
  until: string | null;
}
export interface ChatBannedEvent {
  sessionId: string;
  reason: string | null;
}

declare module '@ocop/realtime' {
  interface ClientToServerEvents {
    'session:join': (payload: SessionJoinPayload, ack: AckCallback<JoinView>) => void;
    'session:leave': (payload: SessionRefPayload, ack: AckCallback<{ left: boolean }>) => void;
    'chat:send': (payload: ChatSendPayload, ack: AckCallback<ChatMessageView>) => void;
    'chat:history': (payload: ChatHistoryPayload, ack: AckCallback<HistoryView>) => void;
    'chat:react': (payload: ChatReactPayload, ack: AckCallback<{ accepted: true }>) => void;
    'chat:delete': (payload: ChatMessageRefPayload, ack: AckCallback<{ messageId: string }>) => void;
    'chat:mute': (payload: ChatMutePayload, ack: AckCallback<{ userId: string; until: string }>) => void;
    'chat:unmute': (payload: ChatUserRefPayload, ack: AckCallback<{ userId: string }>) => void;
    'chat:ban': (payload: ChatBanPayload, ack: AckCallback<{ userId: string }>) => void;
    'chat:unban': (payload: ChatUserRefPayload, ack: AckCallback<{ userId: string }>) => void;
    'chat:pin': (payload: ChatPinPayload, ack: AckCallback<{ message: ChatMessageView | null }>) => void;
    'chat:slow-mode': (payload: ChatSlowModePayload, ack: AckCallback<{ seconds: number }>) => void;
  }
  interface ServerToClientEvents {
    'chat:message': (message: ChatMessageView) => void;
    'chat:deleted': (event: ChatDeletedEvent) => void;
    'chat:reactions': (event: ChatReactionsEvent) => void;
    'chat:pinned': (event: ChatPinnedEvent) => void;
    'chat:slow-mode': (event: ChatSlowModeEvent) => void;
    'chat:muted': (event: ChatMutedEvent) => void;
    'chat:banned': (event: ChatBannedEvent) => void;
  }
}
