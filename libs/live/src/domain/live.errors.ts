import { defineErrors } from '@ocop/kernel';

export const LiveErrorCode = {
  SessionNotFound: 'SESSION_NOT_FOUND',
  IllegalSessionTransition: 'ILLEGAL_SESSION_TRANSITION',
  SessionNotEditable: 'SESSION_NOT_EDITABLE',
  SessionClosed: 'SESSION_CLOSED',
  StreamerMembershipRequired: 'STREAMER_MEMBERSHIP_REQUIRED',
  HostOnly: 'HOST_ONLY',
  HostOrCohostOnly: 'HOST_OR_COHOST_ONLY',
  StartTimeOutOfRange: 'START_TIME_OUT_OF_RANGE',
  InvalidLineup: 'INVALID_LINEUP',
  LineupProductUnavailable: 'LINEUP_PRODUCT_UNAVAILABLE',
  ProductNotInLineup: 'PRODUCT_NOT_IN_LINEUP',
  PinLimitReached: 'PIN_LIMIT_REACHED',
  UserNotFound: 'USER_NOT_FOUND',
  HostCannotBeStaff: 'HOST_CANNOT_BE_STAFF',
  StaffLimitReached: 'STAFF_LIMIT_REACHED',
  StaffNotFound: 'STAFF_NOT_FOUND',
  SessionNotUpcoming: 'SESSION_NOT_UPCOMING',
  NotificationNotFound: 'NOTIFICATION_NOT_FOUND',
} as const;
export type LiveErrorCode = (typeof LiveErrorCode)[keyof typeof LiveErrorCode];

export const LiveError = defineErrors<LiveErrorCode>({
  SESSION_NOT_FOUND: 'not_found',
  ILLEGAL_SESSION_TRANSITION: 'conflict',
  SESSION_NOT_EDITABLE: 'conflict',
  SESSION_CLOSED: 'conflict',
  STREAMER_MEMBERSHIP_REQUIRED: 'forbidden',
  HOST_ONLY: 'forbidden',
  HOST_OR_COHOST_ONLY: 'forbidden',
  START_TIME_OUT_OF_RANGE: 'invalid',
  INVALID_LINEUP: 'invalid',
  LINEUP_PRODUCT_UNAVAILABLE: 'unprocessable',
  PRODUCT_NOT_IN_LINEUP: 'unprocessable',
  PIN_LIMIT_REACHED: 'conflict',
  USER_NOT_FOUND: 'unprocessable',
  HOST_CANNOT_BE_STAFF: 'unprocessable',
  STAFF_LIMIT_REACHED: 'conflict',
  STAFF_NOT_FOUND: 'not_found',
  SESSION_NOT_UPCOMING: 'conflict',
  NOTIFICATION_NOT_FOUND: 'not_found',
});
export type LiveError = InstanceType<typeof LiveError>;
