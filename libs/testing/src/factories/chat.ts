import type { ChatMessageView, JoinView } from '@ocop/chat';
import type { Ack } from '@ocop/realtime';
import type { Socket } from 'socket.io-client';
import type { TestApp } from '../test-app';

// Socket helpers for the chat context (mount ChatHttpModule/ChatModule with `websockets: true`). Every helper waits
// with a timeout, so a missing event fails the test instead of hanging it.

/** Resolves once the socket is connected; rejects with the connect_error (its `data.code`). */
export function socketConnected(socket: Socket): Promise<Socket> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A connected socket.io client, as a guest (no token) or a user. */
export function connectSocket(t: TestApp, token?: string): Promise<Socket> {
  return socketConnected(t.socket(token));
}

/** Emits an event and returns its acknowledgement. */
export function socketAck<T = unknown>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 5_000,
): Promise<Ack<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** The data of a successful ack; throws with the code otherwise. */
export async function socketAckOk<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await socketAck<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.code} ${answer.message}`);
  return answer.data;
}

export function joinChatRoom(socket: Socket, sessionId: string, sinceSeq?: number): Promise<JoinView> {
  return socketAckOk<JoinView>(
    socket,
    'session:join',
    sinceSeq === undefined ? { sessionId } : { sessionId, sinceSeq },
  );
}

export function sendChat(
  socket: Socket,
  sessionId: string,
  text: string,
  clientId?: string,
): Promise<Ack<ChatMessageView>> {
  return socketAck<ChatMessageView>(
    socket,
    'chat:send',
    clientId ? { sessionId, text, clientId } : { sessionId, text },
  );
}

/** Sends a chat message and returns the stored message; throws with the code if it was refused. */
export function postChat(socket: Socket, sessionId: string, text: string): Promise<ChatMessageView> {
  return socketAckOk<ChatMessageView>(socket, 'chat:send', { sessionId, text });
}

/** The next `event` on the socket that satisfies `match`. */
export function nextSocketEvent<T = unknown>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Collects every `event` the socket receives from now on (call `stop` to detach). */
export function collectSocketEvents<T = unknown>(
  socket: Socket,
  event: string,
): { items: T[]; stop: () => void } {
  const items: T[] = [];
  const listener = (payload: T) => items.push(payload);
  socket.on(event, listener);
  return { items, stop: () => socket.off(event, listener) };
}

/** Resolves when the server disconnects the socket. */
export function socketDisconnected(socket: Socket, timeoutMs = 5_000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Waits `ms` (e.g. for a rate-limit window to pass). */
export function waitMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 50 ms until it holds; throws once `timeoutMs` has passed. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await waitMs(50);
  }
}
