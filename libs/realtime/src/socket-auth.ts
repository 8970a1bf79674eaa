import type { AccessTokenService } from '@ocop/auth';
import { DomainError } from '@ocop/kernel';
import type { TypedSocket } from './events';

type ConnectError = Error & { data?: { code: string } };

function connectError(code: string, message: string): ConnectError {
  const error: ConnectError = new Error(message);
  error.data = { code };
  return error;
}

/** Reads the access token from the handshake: `auth: { token }` (browsers) or an Authorization header. */
export function handshakeToken(socket: Pick<TypedSocket, 'handshake'>): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown> | undefined;
  if (typeof auth?.['token'] === 'string' && auth['token'].length > 0) return auth['token'];
  const header = socket.handshake.headers['authorization'];
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/**
 * Handshake authentication: no token makes a guest (may watch and read); a valid token a user; a bad or expired
 * token refuses the connection with `connect_error` carrying its code, so the client can refresh and retry. The
 * token's version is read past the process cache: a socket disconnected by a revocation cannot reconnect with it.
 */
export function socketAuthMiddleware(tokens: AccessTokenService) {
  return (socket: TypedSocket, next: (error?: Error) => void): void => {
    socket.data.sessions = new Map();
    const token = handshakeToken(socket);
    if (!token) {
      socket.data.user = null;
      return next();
    }
    tokens.verify(token, { fresh: true }).then(
      (user) => {
        socket.data.user = user;
        next();
      },
      (error: unknown) =>
        next(
          error instanceof DomainError
            ? connectError(error.code, error.message)
            : connectError('TOKEN_INVALID', 'The access token is not valid'),
        ),
    );
  };
}
