import { isConnectionLost } from './pg-errors';

/** An error shaped as node-postgres reports a server message (a DatabaseError carries its SQLSTATE in `code`). */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

/** TypeORM wraps a failed query: the driver's error is its `driverError`. */
function queryFailed(driverError: Error): Error {
  return Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });
}

class QueryRunnerProviderAlreadyReleasedError extends Error {
  override name = 'QueryRunnerProviderAlreadyReleasedError';
}

describe('isConnectionLost: the database went away under the request', () => {
  it.each([
    [
      'the backend was terminated (pg_terminate_backend)',
      serverError('57P01', 'terminating connection due to administrator command'),
    ],
    [
      'the server crashed',
      serverError('57P02', 'terminating connection because of crash of another server process'),
    ],
    ['the server is starting or shutting down', serverError('57P03', 'the database system is starting up')],
    ['a connection exception', serverError('08006', 'connection failure')],
    ['the socket closed', new Error('Connection terminated unexpectedly')],
    [
      'the client is no longer usable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'the server refused the connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'wrapped by TypeORM',
      queryFailed(serverError('57P01', 'terminating connection due to administrator command')),
    ],
    [
      'the next statement of a transaction whose connection was cut',
      new QueryRunnerProviderAlreadyReleasedError('released'),
    ],
  ])('%s', (_, error) => {
    expect(isConnectionLost(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      queryFailed(serverError('23505', 'duplicate key value violates unique constraint')),
    ],
    [
      'a statement timeout',
      queryFailed(serverError('57014', 'canceling statement due to statement timeout')),
    ],
    ['a serialization failure', queryFailed(serverError('40001', 'could not serialize access'))],
    [
      'a statement sent with the wrong number of parameters (a bug, not a lost connection)',
      queryFailed(
        serverError('08P01', 'bind message supplies 1 parameters, but prepared statement "" requires 2'),
      ),
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('not %s', (_, error) => {
    expect(isConnectionLost(error)).toBe(false);
  });
});
