import { io, Socket } from 'socket.io-client';

/** socket.io clients for e2e tests against real processes: websocket only, no reconnection, closed by `closeAll`. */
export class SocketPool {
  private readonly sockets: Socket[] = [];

  /** Connects to `url` as the holder of `token` (or as a guest); resolves once connected. */
  async connect(url: string, token?: string): Promise<Socket> {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token } : {},
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets.length = 0;
  }
}

/**
 * Records every `event` a socket receives from now on, so a test can wait for a condition on the latest one
 * without racing the event's arrival.
 */
export interface Recording<T> {
  all: T[];
  /** The first event (at index `from` or later) that satisfies `match`, already received or still to come. */
  until: (match: (p: T) => boolean, timeoutMs?: number, from?: number) => Promise<T>;
}

export function record<T>(socket: Socket, event: string): Recording<T> {
  const all: T[] = [];
  const waiters = new Set<{ match: (p: T) => boolean; resolve: (p: T) => void }>();
  socket.on(event, (payload: T) => {
    all.push(payload);
    for (const waiter of [...waiters]) {
      if (waiter.match(payload)) {
        waiters.delete(waiter);
        waiter.resolve(payload);
      }
    }
  });
  return {
    all,
    until: (match, timeoutMs = 5000, from = 0) => {
      const seen = all.slice(from).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (p: T) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`no matching ${event} within ${timeoutMs} ms (saw ${JSON.stringify(all.slice(-5))})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
