import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@ocop/identity';
import { LiveModule } from '@ocop/live';
import { BannedWordsService } from './application/banned-words.service';
import { ChatFacade } from './application/chat.facade';
import { ChatService } from './application/chat.service';
import { MessageBatcher } from './application/message-batcher';
import { ModerationService } from './application/moderation.service';
import { ReactionsService } from './application/reactions.service';
import { RoomBroadcaster } from './application/room-broadcaster';
import { RoomService } from './application/room.service';
import { SessionBannedWordsService } from './application/session-banned-words.service';
import { SessionDirectory } from './application/session-directory';
import { CHAT_ENTITIES } from './infrastructure/chat.entities';
import { MessagesRepository } from './infrastructure/messages.repository';
import { ModerationRepository } from './infrastructure/moderation.repository';
import { RoomStateCache } from './infrastructure/room-state.cache';
import { ChatGateway } from './ws/chat.gateway';

const SERVICES = [
  ChatFacade,
  RoomService,
  ChatService,
  ModerationService,
  ReactionsService,
  BannedWordsService,
  SessionBannedWordsService,
];

/**
 * Durable chat, reactions and moderation for live sessions, with the socket.io room gateway. The api imports it
 * (through ChatHttpModule); it needs the RedisIoAdapter for sockets and RealtimeModule for the emitter.
 */
@Module({
  imports: [TypeOrmModule.forFeature(CHAT_ENTITIES), LiveModule, IdentityModule],
  providers: [
    ...SERVICES,
    SessionDirectory,
    MessageBatcher,
    RoomBroadcaster,
    MessagesRepository,
    ModerationRepository,
    RoomStateCache,
    ChatGateway,
  ],
  exports: SERVICES,
})
export class ChatModule {}
