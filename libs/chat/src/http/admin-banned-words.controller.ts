import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { BannedWordsService } from '../application/banned-words.service';
import { BannedWordView } from '../application/views';
import { BannedWordRequest, WordIdParam } from './dto/chat.request';
import { BannedWordResponse } from './dto/chat.response';

/** The platform-wide list, applied in every session on top of each session's own. */
@ApiTags('chat')
@Controller('admin/banned-words')
@Roles('admin')
export class AdminBannedWordsController {
  constructor(private readonly words: BannedWordsService) {}

  @Get()
  @ApiOkResponse({ type: [BannedWordResponse] })
  list(): Promise<BannedWordView[]> {
    return this.words.list(null);
  }

  @Post()
  @ApiOperation({ summary: 'Ban a word in every session' })
  @ApiCreatedResponse({ type: BannedWordResponse })
  add(@Caller() user: AuthUser, @Body() body: BannedWordRequest): Promise<BannedWordView> {
    return this.words.add(null, user.id, body.word);
  }

  @Delete(':wordId')
  @ApiOkResponse({ type: BannedWordResponse })
  remove(@Param() params: WordIdParam): Promise<BannedWordView> {
    return this.words.remove(null, params.wordId);
  }
}
