import type { Socket } from 'socket.io-client';
import { SocketPool } from '../../support/sockets';

/**
 * Chat history for a session, written the way viewers write it (signed-in sockets, `session:join` then
 * `chat:send`), within the chat's per-user rate limit (2 messages a second).
 */

type Ack<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

export async function signInByApi(base: string, identifier: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const body = (await res.json()) as { accessToken?: string };
  if (!res.ok || !body.accessToken)
    throw new Error(`sign-in of ${identifier}: ${res.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

export function emit<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 8000): Promise<Ack<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

export async function joinRoom(socket: Socket, sessionId: string): Promise<void> {
  const joined = await emit(socket, 'session:join', { sessionId });
  if (!joined.ok) throw new Error(`session:join refused: ${joined.code} ${joined.message}`);
}

/** Each of `tokens` sends `perUser` messages to the session's chat, 600 ms apart; resolves the count sent. */
export async function writeChatHistory(
  base: string,
  sessionId: string,
  tokens: string[],
  perUser: number,
): Promise<number> {
  const pool = new SocketPool();
  try {
    const sockets = await Promise.all(tokens.map((token) => pool.connect(base, token)));
    await Promise.all(sockets.map((socket) => joinRoom(socket, sessionId)));
    let sent = 0;
    await Promise.all(
      sockets.map(async (socket, user) => {
        for (let i = 1; i <= perUser; i++) {
          const ack = await emit(socket, 'chat:send', {
            sessionId,
            text: `Người xem ${user + 1}: câu hỏi số ${i} về sản phẩm, còn hàng không ạ?`,
          });
          if (!ack.ok) throw new Error(`chat:send refused: ${ack.code} ${ack.message}`);
          sent++;
          await new Promise((resolve) => setTimeout(resolve, 600));
        }
      }),
    );
    return sent;
  } finally {
    pool.closeAll();
  }
}
