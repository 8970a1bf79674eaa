import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { InboxService } from '../application/inbox.service';
import { UserNotification } from '../application/views';
import { IdParam, PageQuery } from '@ocop/http';
import { MarkAllReadResponse, UnreadCountResponse } from './dto/follow.dto';
import { NotificationPageResponse, NotificationResponse } from './dto/live.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<UserNotification> & { unread: number }> {
    return this.inbox.list(user.id, query);
  }

  @Get('unread')
  @ApiOkResponse({ type: UnreadCountResponse })
  unread(@Caller() user: AuthUser): Promise<UnreadCountResponse> {
    return this.inbox.unread(user.id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkAllReadResponse })
  readAll(@Caller() user: AuthUser): Promise<MarkAllReadResponse> {
    return this.inbox.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  read(@Caller() user: AuthUser, @Param() params: IdParam): Promise<UserNotification> {
    return this.inbox.markRead(user.id, params.id);
  }
}
