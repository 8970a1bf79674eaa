/**
 * What kind of failure a domain error is. The HTTP edge maps each kind to one status code; domain code never
 * speaks HTTP. Every context declares `Record<ItsErrorCode, ErrorKind>`, so a new code without a kind fails to
 * compile.
 */
export type ErrorKind =
  | 'invalid' // the request is malformed or breaks a rule about its own content (400)
  | 'unauthenticated' // no valid credentials (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // the thing does not exist, or the caller may not know it exists (404)
  | 'conflict' // the request is valid but clashes with the current state (409)
  | 'too_large' // the payload is too large (413)
  | 'unsupported' // the payload's real type is not one this endpoint takes (415)
  | 'unprocessable' // understood but cannot be carried out in the domain (422)
  | 'rate_limited' // too many attempts (429)
  | 'unavailable'; // a dependency is switched off or down (503)

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Builds a context's error class whose kinds come from an exhaustive table. */
export function defineErrors<Code extends string>(kinds: Record<Code, ErrorKind>) {
  return class ContextError extends DomainError<Code> {
    constructor(code: Code, message: string, details?: Record<string, unknown>) {
      super(code, kinds[code], message, details);
    }
  };
}

/** Errors every edge can raise regardless of context. */
export const CommonErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  InvalidText: 'INVALID_TEXT',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RateLimited: 'RATE_LIMITED',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** A transient failure (the database connection dropped mid-request): the same request may be sent again. */
  TryAgain: 'TRY_AGAIN',
  Internal: 'INTERNAL',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

export const CommonError = defineErrors<CommonErrorCode>({
  VALIDATION_FAILED: 'invalid',
  INVALID_TEXT: 'invalid',
  MALFORMED_JSON: 'invalid',
  PAYLOAD_TOO_LARGE: 'too_large',
  UNSUPPORTED_MEDIA_TYPE: 'invalid',
  ROUTE_NOT_FOUND: 'not_found',
  UNAUTHENTICATED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  RATE_LIMITED: 'rate_limited',
  SERVICE_UNAVAILABLE: 'unavailable',
  TRY_AGAIN: 'unavailable',
  INTERNAL: 'unavailable',
});

/** Seconds a client waits before sending again a request answered TRY_AGAIN (its Retry-After). */
export const TRY_AGAIN_AFTER_SECONDS = 1;

/** TRY_AGAIN (503, Retry-After): nothing was half-written, and the same request may be sent again. */
export function tryAgain(reason: string): InstanceType<typeof CommonError> {
  return new CommonError('TRY_AGAIN', 'A brief interruption on our side: send the same request again', {
    reason,
    retryAfterSeconds: TRY_AGAIN_AFTER_SECONDS,
  });
}
