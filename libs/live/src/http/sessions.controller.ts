import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, CurrentUser, Public } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { LineupService } from '../application/lineup.service';
import { SessionsService } from '../application/sessions.service';
import { LineupCard, SessionDetail, SessionListItem, SessionView } from '../application/views';
import { IdParam } from '@ocop/http';
import { SessionProductParam } from './dto/common.request';
import {
  LineupCardResponse,
  SessionDetailResponse,
  SessionPageResponse,
  SessionResponse,
} from './dto/live.response';
import {
  CreateSessionRequest,
  ListSessionsQuery,
  PerBuyerLimitRequest,
  UpdateSessionRequest,
} from './dto/session.request';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly lineup: LineupService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Sessions live now, upcoming or past; by branch subtree and OCOP group',
    description: 'For a signed-in caller, the sessions of the hosts they follow come first.',
  })
  @ApiOkResponse({ type: SessionPageResponse })
  list(
    @CurrentUser() user: AuthUser | undefined,
    @Query() query: ListSessionsQuery,
  ): Promise<Page<SessionListItem>> {
    return this.sessions.list(query, user?.id);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A session with its lineup cards, pins and viewers' })
  @ApiOkResponse({ type: SessionDetailResponse })
  get(@Param() params: IdParam, @CurrentUser() user: AuthUser | undefined): Promise<SessionDetail> {
    return this.sessions.get(params.id, user?.id ?? null);
  }

  @Post()
  @ApiBearerAuth()
  @ApiOperation({ summary: "Schedule a session (approved streamers); the host's branch is snapshotted" })
  @ApiCreatedResponse({ type: SessionResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateSessionRequest): Promise<SessionView> {
    return this.sessions.schedule(user.id, body);
  }

  @Patch(':id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit a scheduled session (host)' })
  @ApiOkResponse({ type: SessionResponse })
  update(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: UpdateSessionRequest,
  ): Promise<SessionView> {
    return this.sessions.update(user.id, params.id, body);
  }

  @Patch(':id/lineup/:productId')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Set or lift the per-buyer limit of a lineup product (host or co-host; before or during the session)',
  })
  @ApiOkResponse({ type: LineupCardResponse })
  setPerBuyerLimit(
    @Caller() user: AuthUser,
    @Param() params: SessionProductParam,
    @Body() body: PerBuyerLimitRequest,
  ): Promise<LineupCard> {
    return this.lineup.setPerBuyerLimit(user.id, params.id, params.productId, body.perBuyerLimit);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cancel a scheduled session (host)' })
  @ApiOkResponse({ type: SessionResponse })
  cancel(@Caller() user: AuthUser, @Param() params: IdParam): Promise<SessionView> {
    return this.sessions.cancel(user.id, params.id);
  }

  @Post(':id/go-live')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Go live (host or co-host)' })
  @ApiOkResponse({ type: SessionResponse })
  goLive(@Caller() user: AuthUser, @Param() params: IdParam): Promise<SessionView> {
    return this.sessions.goLive(user.id, params.id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the live session (host or co-host); peak and unique viewers are kept' })
  @ApiOkResponse({ type: SessionResponse })
  end(@Caller() user: AuthUser, @Param() params: IdParam): Promise<SessionView> {
    return this.sessions.end(user.id, params.id);
  }
}
