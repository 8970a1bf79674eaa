import { defineErrors } from '@ocop/kernel';

export const AuthErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  TokenExpired: 'TOKEN_EXPIRED',
  TokenInvalid: 'TOKEN_INVALID',
  TokenRevoked: 'TOKEN_REVOKED',
  RoleRequired: 'ROLE_REQUIRED',
  RateLimited: 'RATE_LIMITED',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

export const AuthError = defineErrors<AuthErrorCode>({
  UNAUTHENTICATED: 'unauthenticated',
  TOKEN_EXPIRED: 'unauthenticated',
  TOKEN_INVALID: 'unauthenticated',
  TOKEN_REVOKED: 'unauthenticated',
  ROLE_REQUIRED: 'forbidden',
  RATE_LIMITED: 'rate_limited',
});
