import { byProductId, CheckoutRequest } from './checkout';
import { OrderError } from './order.errors';

const KEY_RE = /^[A-Za-z0-9_\-:.]{8,128}$/;

/** An Idempotency-Key header: 8 to 128 of letters, digits, `-`, `_`, `:`, `.` (a UUID fits). */
export function assertIdempotencyKey(value: unknown): string {
  if (typeof value !== 'string' || !KEY_RE.test(value.trim())) {
    throw new OrderError(
      'IDEMPOTENCY_KEY_INVALID',
      'An Idempotency-Key header of 8 to 128 letters, digits, "-", "_", ":" or "." is required',
    );
  }
  return value.trim();
}

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, strings in NFC, dates as ISO strings.
 * Equal values give equal text whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.normalize('NFC'));
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Only finite numbers have a canonical form');
      return JSON.stringify(value);
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      return `{${Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    default:
      throw new TypeError(`No canonical form for a ${typeof value}`);
  }
}

/**
 * The fingerprint of a checkout body: the canonical JSON of the *validated, normalized* request (so "0912 345
 * 678" and "+84912345678", "ha noi" and "Hà Nội", or lines in another order are the same body), prefixed with
 * a version. Pure and reversible on purpose: the infrastructure may store it as is or hash it (SHA-256) before
 * storing; the domain never hashes, so it needs no crypto.
 */
export function checkoutFingerprint(request: CheckoutRequest): string {
  const lines = [...request.lines].sort(byProductId);
  return `checkout.v1:${canonicalJson({ ...request, lines })}`;
}

export type IdempotencyDecision = 'new' | 'replay' | 'conflict' | 'in_progress';

export interface StoredIdempotentRequest<R> {
  fingerprint: string;
  /** Absent while the first request with this key is still being processed. */
  result?: R;
}

/**
 * What to do with a request carrying a key already seen (or not):
 * - nothing stored: `new`, process it;
 * - same body, finished: `replay` the stored result;
 * - same body, first request still running (a double tap): `in_progress`, answer 409 and let the client retry;
 * - a different body under the same key: `conflict`, IDEMPOTENCY_KEY_REUSED.
 */
export function decideIdempotency<R>(
  stored: StoredIdempotentRequest<R> | undefined,
  incomingFingerprint: string,
): IdempotencyDecision {
  if (!stored) return 'new';
  if (stored.fingerprint !== incomingFingerprint) return 'conflict';
  return stored.result === undefined ? 'in_progress' : 'replay';
}

/** The decision as the edge acts on it: the stored result to replay, `undefined` to process, or a coded error. */
export function resolveIdempotency<R>(
  stored: StoredIdempotentRequest<R> | undefined,
  incomingFingerprint: string,
): R | undefined {
  const decision = decideIdempotency(stored, incomingFingerprint);
  switch (decision) {
    case 'new':
      return undefined;
    case 'replay':
      return stored?.result;
    case 'in_progress':
      throw new OrderError(
        'IDEMPOTENT_REQUEST_IN_PROGRESS',
        'The same request is still being processed; retry shortly',
      );
    case 'conflict':
      throw new OrderError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different body',
      );
  }
}
