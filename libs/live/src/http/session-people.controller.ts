import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { PinsService } from '../application/pins.service';
import { RemindersService } from '../application/reminders.service';
import { StaffService } from '../application/staff.service';
import { PinnedProductCard, ReminderView, StaffView } from '../application/views';
import { IdParam } from '@ocop/http';
import { SessionProductParam, SessionUserParam } from './dto/common.request';
import { PinnedProductResponse, ReminderResponse, StaffResponse } from './dto/live.response';
import { PinRequest, StaffRequest } from './dto/session.request';

/** Staff, pins and reminders of one session. */
@ApiTags('sessions')
@Controller('sessions')
export class SessionPeopleController {
  constructor(
    private readonly staff: StaffService,
    private readonly pinsService: PinsService,
    private readonly reminders: RemindersService,
  ) {}

  @Post(':id/staff')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Appoint a co-host or moderator, or change their role (host)' })
  @ApiOkResponse({ type: [StaffResponse] })
  appoint(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: StaffRequest,
  ): Promise<StaffView[]> {
    return this.staff.appoint(user.id, params.id, body.userId, body.role);
  }

  @Delete(':id/staff/:userId')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Dismiss a co-host or moderator (host)' })
  @ApiNoContentResponse()
  async dismiss(@Caller() user: AuthUser, @Param() params: SessionUserParam): Promise<void> {
    await this.staff.dismiss(user.id, params.id, params.userId);
  }

  @Get(':id/pins')
  @Public()
  @ApiOkResponse({ type: [PinnedProductResponse] })
  pins(@Param() params: IdParam): Promise<PinnedProductCard[]> {
    return this.pinsService.list(params.id);
  }

  @Post(':id/pins')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Pin a lineup product (host or co-host; at most 3 at a time)' })
  @ApiOkResponse({ type: [PinnedProductResponse] })
  pin(
    @Caller() user: AuthUser,
    @Param() params: IdParam,
    @Body() body: PinRequest,
  ): Promise<PinnedProductCard[]> {
    return this.pinsService.pin(user.id, params.id, body.productId);
  }

  @Delete(':id/pins/:productId')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Unpin a product (host or co-host)' })
  @ApiOkResponse({ type: [PinnedProductResponse] })
  unpin(@Caller() user: AuthUser, @Param() params: SessionProductParam): Promise<PinnedProductCard[]> {
    return this.pinsService.unpin(user.id, params.id, params.productId);
  }

  @Post(':id/reminders')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remind me when this session starts (idempotent)' })
  @ApiOkResponse({ type: ReminderResponse })
  remind(@Caller() user: AuthUser, @Param() params: IdParam): Promise<ReminderView> {
    return this.reminders.remind(user.id, params.id);
  }

  @Delete(':id/reminders')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  async forget(@Caller() user: AuthUser, @Param() params: IdParam): Promise<void> {
    await this.reminders.forget(user.id, params.id);
  }
}
