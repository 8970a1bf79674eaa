import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { MySessionsService } from '../application/my-sessions.service';
import { MySessionView } from '../application/views';
import { MySessionsQuery } from './dto/my-sessions.request';
import { MySessionPageResponse } from './dto/my-sessions.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/sessions')
export class MySessionsController {
  constructor(private readonly sessions: MySessionsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Sessions I host or am staff of, in every status (cancelled included), newest scheduled first; details at GET /api/sessions/{id}',
  })
  @ApiOkResponse({ type: MySessionPageResponse })
  list(@Caller() user: AuthUser, @Query() query: MySessionsQuery): Promise<Page<MySessionView>> {
    return this.sessions.list(user.id, query.status, query);
  }
}
