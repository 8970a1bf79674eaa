import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../api/client';
import { authStore } from '../auth/auth-store';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './contract';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;
let socketToken: string | undefined;

/**
 * The tab's one socket to the api (same origin; the Vite dev server forwards it). It carries the signed-in
 * user's token in the handshake; signing in or out reconnects it so rooms see who the viewer now is.
 */
export function getSocket(): AppSocket {
  if (!socket) {
    socketToken = authStore.accessToken();
    socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      auth: (callback) => callback(authStore.accessToken() ? { token: authStore.accessToken() } : {}),
    });
    socket.on('connect_error', (error) => {
      // An expired access token: refresh it once, and the next attempt carries the new one.
      if (/TOKEN_EXPIRED|UNAUTHENTICATED|TOKEN_INVALID/.test(error.message) && authStore.refreshToken()) {
        void authStore.refresh().then(() => socket?.connect());
      }
    });
    authStore.subscribe(() => {
      const token = authStore.accessToken();
      if (token === socketToken || !socket) return;
      socketToken = token;
      socket.disconnect().connect();
    });
  }
  return socket;
}

type EventWithAck = {
  [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]>[1] extends (a: Ack<infer _T>) => void
    ? E
    : never;
}[keyof ClientToServerEvents];

type AckData<E extends EventWithAck> = Parameters<ClientToServerEvents[E]>[1] extends (
  a: Ack<infer T>,
) => void
  ? T
  : never;

/** Emits an event and resolves with its acknowledged data; a refusal or a timeout throws ApiError with its code. */
export async function emitWithAck<E extends EventWithAck>(
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 8000,
): Promise<AckData<E>> {
  // socket.io's own emitWithAck; its overloads cannot follow a generic event name, hence the one cast.
  const socket = getSocket().timeout(timeoutMs);
  const emit = socket.emitWithAck as (
    name: string,
    body: unknown,
  ) => Promise<Ack<AckData<E>>>;
  let answer: Ack<AckData<E>>;
  try {
    answer = await emit.call(socket, event, payload);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'No answer from the server');
  }
  if (answer.ok) return answer.data;
  throw new ApiError(400, answer.code, answer.message, answer.details);
}
