import { Module } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { rooms, TypedSocket } from '@ocop/realtime';
import type { Socket } from 'socket.io-client';
import { connectSocket } from './factories/chat';
import type { TestApp } from './test-app';

/**
 * Test-only: `test:join-session {sessionId}` joins the socket to the session's room server-side, so a context's test
 * can listen to what its room hears without the chat context, which owns the real `session:join`.
 */
@WebSocketGateway()
class TestRoomGateway {
  @SubscribeMessage('test:join-session')
  async join(@ConnectedSocket() socket: TypedSocket, @MessageBody() payload: { sessionId: string }) {
    await socket.join(rooms.session(payload.sessionId));
    return { ok: true };
  }
}

@Module({ providers: [TestRoomGateway] })
export class TestRoomModule {}

/** A connected socket (a guest, or the user of `token`) that already hears the session's room via TestRoomModule. */
export async function socketInTestRoom(t: TestApp, sessionId: string, token?: string): Promise<Socket> {
  const socket = await connectSocket(t, token);
  await socket.timeout(2000).emitWithAck('test:join-session', { sessionId });
  return socket;
}
