import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { handleEvent, requireUser, SocketEvent, TypedSocket } from '@ocop/realtime';
import { CampaignAccessResolver } from '../application/campaign-access';
import { campaignRooms } from '../campaigns.events';
import { CampaignRoomPayload } from './dto/campaigns.request';

/** The live campaign dashboard: an admin of the campaign joins its room and hears `campaign:changed` (throttled). */
@WebSocketGateway()
export class CampaignsGateway {
  constructor(private readonly access: CampaignAccessResolver) {}

  @SocketEvent('campaign:join', CampaignRoomPayload)
  join(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, CampaignRoomPayload, p, async (input, user) => {
      await this.access.admin(input.campaignId, requireUser(user).id);
      const room = campaignRooms.campaign(input.campaignId);
      await s.join(room);
      return { room };
    });
  }

  @SocketEvent('campaign:leave', CampaignRoomPayload)
  leave(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, CampaignRoomPayload, p, async (input) => {
      const room = campaignRooms.campaign(input.campaignId);
      const left = s.rooms.has(room);
      await s.leave(room);
      return { left };
    });
  }
}
