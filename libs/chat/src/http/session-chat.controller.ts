import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { ModerationService } from '../application/moderation.service';
import { RoomService } from '../application/room.service';
import { SessionBannedWordsService } from '../application/session-banned-words.service';
import { BannedWordView, HistoryView, ModerationActionView } from '../application/views';
import {
  BannedWordRequest,
  MessagesQuery,
  ModerationLogQuery,
  SessionIdParam,
  SessionWordParams,
} from './dto/chat.request';
import { BannedWordResponse, HistoryResponse, ModerationLogResponse } from './dto/chat.response';

@ApiTags('chat')
@Controller('sessions')
export class SessionChatController {
  constructor(
    private readonly room: RoomService,
    private readonly moderation: ModerationService,
    private readonly words: SessionBannedWordsService,
  ) {}

  @Get(':id/messages')
  @Public()
  @ApiOperation({ summary: 'Chat history: the latest, after sinceSeq (catch-up) or before beforeSeq' })
  @ApiOkResponse({ type: HistoryResponse })
  messages(@Param() params: SessionIdParam, @Query() query: MessagesQuery): Promise<HistoryView> {
    return this.room.history({ sessionId: params.id, ...query });
  }

  @Get(':id/moderation-log')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every moderation action, newest first (host, cohosts, moderators)' })
  @ApiOkResponse({ type: ModerationLogResponse })
  moderationLog(
    @Caller() user: AuthUser,
    @Param() params: SessionIdParam,
    @Query() query: ModerationLogQuery,
  ): Promise<Page<ModerationActionView>> {
    return this.moderation.moderationLog(user, params.id, query);
  }

  @Get(':id/banned-words')
  @ApiBearerAuth()
  @ApiOkResponse({ type: [BannedWordResponse] })
  bannedWords(@Caller() user: AuthUser, @Param() params: SessionIdParam): Promise<BannedWordView[]> {
    return this.words.list(user, params.id);
  }

  @Post(':id/banned-words')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Add a word to the session's list (host, cohosts)" })
  @ApiCreatedResponse({ type: BannedWordResponse })
  addBannedWord(
    @Caller() user: AuthUser,
    @Param() params: SessionIdParam,
    @Body() body: BannedWordRequest,
  ): Promise<BannedWordView> {
    return this.words.add(user, params.id, body.word);
  }

  @Delete(':id/banned-words/:wordId')
  @ApiBearerAuth()
  @ApiOkResponse({ type: BannedWordResponse })
  removeBannedWord(@Caller() user: AuthUser, @Param() params: SessionWordParams): Promise<BannedWordView> {
    return this.words.remove(user, params.id, params.wordId);
  }
}
