import {
  ConnectedSocket,
  MessageBody,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import { handleEvent, requireUser, SocketEvent, TypedServer, TypedSocket } from '@ocop/realtime';
import { ChatService } from '../application/chat.service';
import { ModerationService } from '../application/moderation.service';
import { ReactionsService } from '../application/reactions.service';
import { RoomBroadcaster } from '../application/room-broadcaster';
import { RoomService } from '../application/room.service';
import '../chat.events';
import {
  BanPayload,
  HistoryPayload,
  JoinPayload,
  MessageRefPayload,
  MutePayload,
  PinPayload,
  ReactPayload,
  SendPayload,
  SessionPayload,
  SlowModePayload,
  UserRefPayload,
} from './chat.payloads';

/** The live room over socket.io: each handler validates its payload and makes one call; the answer is the ack. */
@WebSocketGateway()
export class ChatGateway implements OnGatewayInit, OnGatewayDisconnect {
  constructor(
    private readonly room: RoomService,
    private readonly chat: ChatService,
    private readonly reactions: ReactionsService,
    private readonly moderation: ModerationService,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  afterInit(server: TypedServer): void {
    this.broadcaster.attach(server);
  }

  async handleDisconnect(socket: TypedSocket): Promise<void> {
    await this.room.disconnected(socket);
  }

  @SocketEvent('session:join', JoinPayload)
  join(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, JoinPayload, p, (input, user) => this.room.join(s, user, input));
  }

  @SocketEvent('session:leave', SessionPayload)
  leave(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, SessionPayload, p, (input) => this.room.leave(s, input));
  }

  @SocketEvent('chat:send', SendPayload)
  send(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, SendPayload, p, (input, user) => this.chat.send(s, requireUser(user), input));
  }

  @SocketEvent('chat:history', HistoryPayload)
  history(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, HistoryPayload, p, (input) => this.room.history(input));
  }

  @SocketEvent('chat:react', ReactPayload)
  react(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, ReactPayload, p, (input, user) =>
      this.reactions.react(s, requireUser(user), input),
    );
  }

  @SocketEvent('chat:delete', MessageRefPayload)
  delete(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, MessageRefPayload, p, (input, user) =>
      this.moderation.deleteMessage(requireUser(user), input),
    );
  }

  @SocketEvent('chat:mute', MutePayload)
  mute(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, MutePayload, p, (input, user) => this.moderation.mute(requireUser(user), input));
  }

  @SocketEvent('chat:unmute', UserRefPayload)
  unmute(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, UserRefPayload, p, (input, user) =>
      this.moderation.unmute(requireUser(user), input),
    );
  }

  @SocketEvent('chat:ban', BanPayload)
  ban(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, BanPayload, p, (input, user) => this.moderation.ban(requireUser(user), input));
  }

  @SocketEvent('chat:unban', UserRefPayload)
  unban(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, UserRefPayload, p, (input, user) =>
      this.moderation.unban(requireUser(user), input),
    );
  }

  @SocketEvent('chat:pin', PinPayload)
  pin(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, PinPayload, p, (input, user) => this.moderation.pin(requireUser(user), input));
  }

  @SocketEvent('chat:slow-mode', SlowModePayload)
  slowMode(@ConnectedSocket() s: TypedSocket, @MessageBody() p: unknown) {
    return handleEvent(s, SlowModePayload, p, (input, user) =>
      this.moderation.slowMode(requireUser(user), input),
    );
  }
}
