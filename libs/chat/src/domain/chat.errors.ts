import { defineErrors } from '@ocop/kernel';

export const ChatErrorCode = {
  SessionNotFound: 'SESSION_NOT_FOUND',
  ChatClosed: 'CHAT_CLOSED',
  Banned: 'BANNED',
  Muted: 'MUTED',
  BannedWord: 'BANNED_WORD',
  RateLimited: 'RATE_LIMITED',
  SlowMode: 'SLOW_MODE',
  ForbiddenInSession: 'FORBIDDEN_IN_SESSION',
  TargetProtected: 'TARGET_PROTECTED',
  MessageNotFound: 'MESSAGE_NOT_FOUND',
  InvalidHistoryQuery: 'INVALID_HISTORY_QUERY',
  InvalidBannedWord: 'INVALID_BANNED_WORD',
  BannedWordExists: 'BANNED_WORD_EXISTS',
  BannedWordNotFound: 'BANNED_WORD_NOT_FOUND',
  UserNotFound: 'USER_NOT_FOUND',
} as const;
export type ChatErrorCode = (typeof ChatErrorCode)[keyof typeof ChatErrorCode];

export const ChatError = defineErrors<ChatErrorCode>({
  SESSION_NOT_FOUND: 'not_found',
  CHAT_CLOSED: 'conflict',
  BANNED: 'forbidden',
  MUTED: 'forbidden',
  BANNED_WORD: 'unprocessable',
  RATE_LIMITED: 'rate_limited',
  SLOW_MODE: 'rate_limited',
  FORBIDDEN_IN_SESSION: 'forbidden',
  TARGET_PROTECTED: 'forbidden',
  MESSAGE_NOT_FOUND: 'not_found',
  INVALID_HISTORY_QUERY: 'invalid',
  INVALID_BANNED_WORD: 'invalid',
  BANNED_WORD_EXISTS: 'conflict',
  BANNED_WORD_NOT_FOUND: 'not_found',
  USER_NOT_FOUND: 'not_found',
});
export type ChatError = InstanceType<typeof ChatError>;
