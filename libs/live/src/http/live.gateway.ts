import { WebSocketGateway } from '@nestjs/websockets';

/**
 * Live's socket edge. It has no inbound events of its own (chat owns session:join and the room), but declaring it
 * makes the api serve socket.io wherever live is mounted, so that live's server-to-client events (notifications to
 * `user:<id>`, which every signed-in socket joins on connection in RedisIoAdapter; pins, presence and state to
 * `session:<id>`) always have sockets to reach.
 */
@WebSocketGateway()
export class LiveGateway {}
