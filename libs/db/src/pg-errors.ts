/** PostgreSQL SQLSTATE codes the application reacts to. */
export const PgErrorCode = {
  UniqueViolation: '23505',
  ForeignKeyViolation: '23503',
  CheckViolation: '23514',
  SerializationFailure: '40001',
  DeadlockDetected: '40P01',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ??
    (error as { code?: unknown }).code;
  return typeof candidate === 'string' ? candidate : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { constraint?: unknown; driverError?: { constraint?: unknown } }).driverError?.constraint ??
    (error as { constraint?: unknown }).constraint;
  return typeof candidate === 'string' ? candidate : undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    pgErrorCode(error) === PgErrorCode.UniqueViolation &&
    (constraint === undefined || pgConstraint(error) === constraint)
  );
}

/** SQLSTATEs of a server that went away under a query: terminated, shutting down, restarting, or not yet up. */
const CONNECTION_LOST_STATES = new Set(['57P01', '57P02', '57P03']);
const PROTOCOL_VIOLATION = '08P01';
/**
 * What node-postgres and Node's sockets say when the connection under a query is gone (and TypeORM, when a query
 * follows in a transaction whose connection was cut and released).
 */
const CONNECTION_LOST_MESSAGE =
  /Connection terminated|terminating connection|connection provided by a query runner was already released|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i;
const RELEASED_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);
const CONNECTION_LOST_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/**
 * Whether `error` means the PostgreSQL connection was lost mid-request (the backend was terminated, the server failed
 * over or restarted) rather than that the query itself was wrong. Such a request did nothing it did not commit, and a
 * new connection may well succeed: the caller retries where that is safe, and the edge answers 503 TRY_AGAIN.
 */
export function isConnectionLost(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // TypeORM's words for a query that follows, in the same transaction, one whose connection was cut and released.
  if (error instanceof Error && RELEASED_RUNNER.has(error.name)) return true;
  const code = pgErrorCode(error);
  // Class 08 is the connection's, except 08P01 (protocol violation): PostgreSQL answers it to a statement sent with
  // the wrong number of parameters, a mistake in our code that a retry would repeat, and the connection stays usable.
  if (code === PROTOCOL_VIOLATION) return false;
  if (code !== undefined && (code.startsWith('08') || CONNECTION_LOST_STATES.has(code))) return true;
  if (code !== undefined && CONNECTION_LOST_ERRNO.has(code)) return true;
  const driverError = (error as { driverError?: unknown }).driverError;
  const messages = [error, driverError].map((e) =>
    e instanceof Error
      ? e.message
      : typeof e === 'object' && e !== null
        ? String((e as { message?: unknown }).message ?? '')
        : '',
  );
  return messages.some((m) => CONNECTION_LOST_MESSAGE.test(m));
}
