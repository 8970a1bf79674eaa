import type { Socket } from 'socket.io-client';
import { ApiError } from '../api/client';
import { authStore } from '../auth/auth-store';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './contract';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type SocketIo = typeof import('socket.io-client');

let socket: AppSocket | undefined;
let socketToken: string | undefined;

// socket.io-client is its own chunk, out of the pages' initial JavaScript: its download starts as soon as a page
// that talks to the room (this module) loads, beside the page's api calls, and the socket is created when the
// library is in. Until then getSocket() hands out a stand-in that records listeners and queues emits.
let library: Promise<SocketIo> | undefined;
function loadLibrary(): Promise<SocketIo> {
  library ??= import('socket.io-client');
  return library;
}
void loadLibrary().catch(() => {
  library = undefined; // offline: the next getSocket() asks again
});

type Listener = (...args: never[]) => void;
const pendingListeners = new Map<string, Set<Listener>>();
let socketReady: Promise<AppSocket> | undefined;

/** The real socket, once socket.io-client is loaded (created on first call). */
export function loadSocket(): Promise<AppSocket> {
  socketReady ??= loadLibrary().then(
    ({ io }) => {
      const created = createSocket(io);
      for (const [event, listeners] of pendingListeners) {
        for (const listener of listeners) created.on(event as 'connect', listener as () => void);
      }
      pendingListeners.clear();
      for (const call of pendingCalls.splice(0)) call(created);
      return created;
    },
    (error: unknown) => {
      socketReady = undefined;
      throw error;
    },
  );
  return socketReady;
}

/** Calls made on the stand-in before the socket exists, replayed on it in order. */
const pendingCalls: Array<(real: AppSocket) => void> = [];

/**
 * Stands for the socket while its library loads: listeners wait (and can be taken off again), state reads say
 * "not connected", and any other call (connect, emit, ...) is replayed on the socket once it exists.
 */
const standIn: AppSocket = new Proxy({} as AppSocket, {
  get(_target, property) {
    if (socket) {
      const value = Reflect.get(socket, property) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(socket) : value;
    }
    switch (property) {
      case 'connected':
      case 'active':
      case 'recovered':
        return false;
      case 'disconnected':
        return true;
      case 'id':
        return undefined;
      case 'then':
        return undefined; // not a promise
      case 'on':
        return (event: string, listener: Listener) => {
          const listeners = pendingListeners.get(event) ?? new Set<Listener>();
          listeners.add(listener);
          pendingListeners.set(event, listeners);
          return standIn;
        };
      case 'off':
        return (event?: string, listener?: Listener) => {
          if (event === undefined) pendingListeners.clear();
          else if (listener === undefined) pendingListeners.delete(event);
          else pendingListeners.get(event)?.delete(listener);
          return standIn;
        };
      case 'timeout':
        return (ms: number) => ({
          emitWithAck: (...args: unknown[]) =>
            loadSocket().then((real) =>
              (real.timeout(ms).emitWithAck as (...a: unknown[]) => Promise<unknown>)(...args),
            ),
        });
      case 'emitWithAck':
        return (...args: unknown[]) =>
          loadSocket().then((real) => (real.emitWithAck as (...a: unknown[]) => Promise<unknown>)(...args));
      default:
        return (...args: unknown[]) => {
          pendingCalls.push((real) => {
            const method = Reflect.get(real, property) as unknown;
            if (typeof method === 'function') (method as (...a: unknown[]) => unknown).apply(real, args);
          });
          return standIn;
        };
    }
  },
});

/**
 * The tab's one socket to the api (same origin; the Vite dev server forwards it). It carries the signed-in
 * user's token in the handshake; signing in or out reconnects it so rooms see who the viewer now is.
 * Before socket.io-client has loaded, a stand-in that records listeners (see above).
 */
export function getSocket(): AppSocket {
  if (socket) return socket;
  void loadSocket().catch(() => undefined);
  return standIn;
}

function createSocket(io: SocketIo['io']): AppSocket {
  if (!socket) {
    socketToken = authStore.accessToken();
    // After a reload the token comes from the session cookie: the handshake waits for it.
    const ready = authStore.ready();
    socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      auth: (callback) => {
        void ready.then(() => {
          const token = authStore.accessToken();
          socketToken = token;
          callback(token ? { token } : {});
        });
      },
    });
    let refreshedForHandshake = false;
    socket.on('connect', () => {
      refreshedForHandshake = false;
    });
    socket.on('connect_error', (error) => {
      // The token expired or was revoked: one refresh, and the socket reconnects with the new token (or, the
      // session being over, as a guest: see the subscription below).
      const code = (error as Error & { data?: { code?: string } }).data?.code ?? '';
      if (!code.startsWith('TOKEN_') || refreshedForHandshake) return;
      refreshedForHandshake = true;
      void authStore.refresh().then(() => {
        if (socket && !socket.connected && !socket.active) socket.connect();
      });
    });
    // Sign-out-everywhere or a change of roles: the server closes this socket right after; refreshing gives the
    // new roles (and reconnects) or finds the session over (and reconnects as a guest).
    socket.on('auth:revoked', () => {
      void authStore.refresh();
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
  let answer: Ack<AckData<E>>;
  try {
    const socket = (await loadSocket()).timeout(timeoutMs);
    const emit = socket.emitWithAck as (name: string, body: unknown) => Promise<Ack<AckData<E>>>;
    answer = await emit.call(socket, event, payload);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'No answer from the server');
  }
  if (answer.ok) return answer.data;
  throw new ApiError(400, answer.code, answer.message, answer.details);
}
