import { stdSerializers } from 'pino';

/**
 * What never reaches a log line (DESIGN.md, Security): credentials, tokens, cookies and personal data (phones,
 * street addresses), wherever they sit in a logged object, and the parameters of SQL statements, which can hold
 * any of these (a password hash on registration, an address on checkout).
 */
const SECRET_KEYS = [
  'password',
  'streamKey',
  'stream_key',
  'passwordHash',
  'password_hash',
  'token',
  'accessToken',
  'refreshToken',
  'refresh_token',
  'token_hash',
  'clientSecret',
  'client_secret',
  'cookie',
  'authorization',
  '"set-cookie"',
  '"idempotency-key"',
  'phone',
  'recipientPhone',
  'recipient_phone',
  'street',
  'address',
  'deliveryAddress',
  'delivery_address',
];

/** The keys above at the top of a log line and up to three objects deep (pino's wildcards match one level each). */
export const REDACTED_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
];

/** Properties of database errors that carry the statement's values (TypeORM's QueryFailedError, pg's errors). */
const ERROR_VALUE_KEYS = ['parameters', 'driverError', 'detail', 'where', 'internalQuery'];

// PostgreSQL quotes the offending value in some messages (`invalid input syntax for type integer: "..."`); the
// constraint and relation names it also quotes follow a word, never a colon, and stay readable.
const QUOTED_VALUE = /(:\s*)"(?:[^"\\]|\\.)*"/g;

function withoutValues(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(QUOTED_VALUE, '$1"[redacted]"') : text;
}

/**
 * pino's error serializer without the values a failed SQL statement carries: its parameters, the driver's error
 * and detail ("Key (email)=(...) already exists"), and values quoted in the message. The SQLSTATE, the statement
 * (placeholders only), the constraint and the stack stay, so an operator can still act on the failure. Receives
 * either the error or, under pino-http, the standard serializer's output.
 */
export function serializeError(error: unknown): unknown {
  const serialized: unknown = error instanceof Error ? stdSerializers.err(error) : error;
  if (serialized === null || typeof serialized !== 'object') return serialized;
  const clean: Record<string, unknown> = { ...(serialized as Record<string, unknown>) };
  const fromDatabase = 'query' in clean || 'severity' in clean || 'routine' in clean;
  for (const key of ERROR_VALUE_KEYS) delete clean[key];
  if (fromDatabase) {
    clean['message'] = withoutValues(clean['message']);
    clean['stack'] = withoutValues(clean['stack']);
  }
  if (clean['cause'] !== null && typeof clean['cause'] === 'object') clean['cause'] = serializeError(clean['cause']);
  return clean;
}

// Credentials a URL can carry in its query (the studio camera's ingest socket takes `?token=`): pino-http logs the
// whole URL, so their values are cut from it.
const SECRET_QUERY = /([?&](?:token|access_token|accessToken|refreshToken|refresh_token|key|streamKey|stream_key)=)[^&#]*/gi;

/** The request as pino-http serialises it, without credentials in its URL. */
export function serializeRequest(req: unknown): unknown {
  if (req === null || typeof req !== 'object') return req;
  const clean: Record<string, unknown> = { ...(req as Record<string, unknown>) };
  if (typeof clean['url'] === 'string') clean['url'] = clean['url'].replace(SECRET_QUERY, '$1[redacted]');
  return clean;
}

export const LOG_SERIALIZERS = { err: serializeError, error: serializeError, req: serializeRequest };
