import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { handleEvent, requireUser, SocketEvent, TypedSocket } from '@ocop/realtime';
import { DashboardsService } from '../application/dashboards.service';
import '../reports.events';
import { DashboardRoomPayload, toJoinPayload } from './dto/dashboard.payloads';

/** Live dashboards over socket.io: each handler validates its payload and makes one call; the answer is the ack. */
@WebSocketGateway()
export class DashboardsGateway {
  constructor(private readonly dashboards: DashboardsService) {}

  @SocketEvent('dashboard:join', DashboardRoomPayload)
  join(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, DashboardRoomPayload, p, (input, user) =>
      this.dashboards.join(s, requireUser(user), toJoinPayload(input)),
    );
  }

  @SocketEvent('dashboard:leave', DashboardRoomPayload)
  leave(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, DashboardRoomPayload, p, (input, user) =>
      this.dashboards.leave(s, requireUser(user), toJoinPayload(input)),
    );
  }
}
