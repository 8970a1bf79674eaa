import { defineErrors } from '@ocop/kernel';

export const RealtimeErrorCode = {
  UnknownEvent: 'UNKNOWN_EVENT',
  InvalidPayload: 'INVALID_PAYLOAD',
  RateLimited: 'RATE_LIMITED',
  SignInRequired: 'SIGN_IN_REQUIRED',
  NotJoined: 'NOT_JOINED',
} as const;
export type RealtimeErrorCode = (typeof RealtimeErrorCode)[keyof typeof RealtimeErrorCode];

export const RealtimeError = defineErrors<RealtimeErrorCode>({
  UNKNOWN_EVENT: 'invalid',
  INVALID_PAYLOAD: 'invalid',
  RATE_LIMITED: 'rate_limited',
  SIGN_IN_REQUIRED: 'unauthenticated',
  NOT_JOINED: 'conflict',
});
