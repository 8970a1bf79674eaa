import './chat.events';

export * from './chat.module';
export * from './chat-http.module';
export type * from './chat.events';
export { ChatFacade } from './application/chat.facade';
export { MESSAGES_PER_SECOND } from './application/chat.service';
export { REACTION_FLUSH_MS, REACTIONS_PER_SECOND } from './application/reactions.service';
export { DEFAULT_BATCHER } from './application/message-batcher';
export type {
  BannedWordView,
  ChatMessageView,
  ChatSessionStats,
  HistoryView,
  JoinView,
  ModerationActionView,
} from './application/views';
export * from './domain';
