import { Module } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { rooms, TypedSocket } from '@ocop/realtime';

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
