import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, CurrentUser, Public } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { FollowsService, FollowState } from '../application/follows.service';
import { FollowStateResponse } from './dto/follow.dto';

/** Following a host (`:id` is the host's user id). */
@ApiTags('follows')
@Controller('hosts/:id/follow')
export class FollowsController {
  constructor(private readonly follows: FollowsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "The host's follower count, and whether the caller follows them" })
  @ApiOkResponse({ type: FollowStateResponse })
  state(@CurrentUser() user: AuthUser | undefined, @Param() params: IdParam): Promise<FollowState> {
    return this.follows.state(user?.id ?? null, params.id);
  }

  @Put()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Follow the host (idempotent)' })
  @ApiOkResponse({ type: FollowStateResponse })
  follow(@Caller() user: AuthUser, @Param() params: IdParam): Promise<FollowState> {
    return this.follows.follow(user.id, params.id);
  }

  @Delete()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Stop following the host (idempotent)' })
  @ApiOkResponse({ type: FollowStateResponse })
  unfollow(@Caller() user: AuthUser, @Param() params: IdParam): Promise<FollowState> {
    return this.follows.unfollow(user.id, params.id);
  }
}
