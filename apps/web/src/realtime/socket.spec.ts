/** @jest-environment ./apps/web/src/test/jsdom-environment.cjs */

// socket.io-client is its own chunk, loaded after a room page's first render. Until it is in, getSocket() hands out
// a stand-in: listeners put on it (and taken off again) and calls made on it must reach the real socket, in order.
// The library is replaced by a recorder here: what is checked is the hand-over, not socket.io.

type Handler = (...args: unknown[]) => void;

interface FakeSocket {
  connected: boolean;
  log: string[];
  listeners: Map<string, Handler[]>;
  on: (event: string, handler: Handler) => FakeSocket;
  off: (event: string, handler?: Handler) => FakeSocket;
  connect: () => FakeSocket;
  emit: (event: string, ...args: unknown[]) => FakeSocket;
  timeout: (ms: number) => { emitWithAck: (event: string, payload: unknown) => Promise<unknown> };
}

const created: Array<{ options: Record<string, unknown>; socket: FakeSocket }> = [];

jest.mock('socket.io-client', () => ({
  io: (options: Record<string, unknown>) => {
    const socket: FakeSocket = {
      connected: false,
      log: [],
      listeners: new Map(),
      on(event, handler) {
        socket.listeners.set(event, [...(socket.listeners.get(event) ?? []), handler]);
        return socket;
      },
      off(event, handler) {
        socket.listeners.set(
          event,
          (socket.listeners.get(event) ?? []).filter((h) => handler !== undefined && h !== handler),
        );
        return socket;
      },
      connect() {
        socket.log.push('connect');
        return socket;
      },
      emit(event, ...args) {
        socket.log.push(`emit ${event} ${JSON.stringify(args)}`);
        return socket;
      },
      timeout(ms) {
        return {
          emitWithAck: (event, payload) => {
            socket.log.push(`ack ${event} ${JSON.stringify(payload)} within ${ms}`);
            return Promise.resolve({ ok: true, data: { joined: event } });
          },
        };
      },
    };
    created.push({ options, socket });
    return socket;
  },
}));

describe('the socket before and after socket.io-client has loaded', () => {
  it('records listeners and calls on the stand-in, then hands them to the one real socket in order', async () => {
    const { emitWithAck, getSocket, loadSocket } = await import('./socket');
    const standIn = getSocket() as unknown as FakeSocket;
    expect(standIn.connected).toBe(false);
    const onConnect = jest.fn();
    const dropped = jest.fn();
    standIn.on('connect', onConnect);
    standIn.on('chat:message', dropped);
    standIn.off('chat:message', dropped);
    standIn.connect();
    standIn.emit('presence', { here: true });

    const real = (await loadSocket()) as unknown as FakeSocket;
    expect(created).toHaveLength(1);
    expect(created[0]?.options).toMatchObject({ path: '/socket.io' });
    expect(real.listeners.get('connect')).toContain(onConnect);
    expect(real.listeners.get('chat:message') ?? []).not.toContain(dropped);
    expect(real.log).toEqual(['connect', 'emit presence [{"here":true}]']);

    // From now on the stand-in is the socket, and getSocket() the real one.
    expect(getSocket()).toBe(real);
    standIn.off('connect', onConnect);
    expect(real.listeners.get('connect')).not.toContain(onConnect);
    const joined = await emitWithAck('session:join', { sessionId: 's-1' });
    expect(joined).toEqual({ joined: 'session:join' });
    expect(real.log.at(-1)).toBe('ack session:join {"sessionId":"s-1"} within 8000');
    expect(created).toHaveLength(1);
  });
});
