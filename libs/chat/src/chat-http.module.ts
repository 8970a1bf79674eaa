import { Module } from '@nestjs/common';
import { ChatModule } from './chat.module';
import { AdminBannedWordsController } from './http/admin-banned-words.controller';
import { SessionChatController } from './http/session-chat.controller';

@Module({
  imports: [ChatModule],
  controllers: [SessionChatController, AdminBannedWordsController],
})
export class ChatHttpModule {}
