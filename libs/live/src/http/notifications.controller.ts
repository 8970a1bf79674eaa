import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { Page } from '@ocop/kernel';
import { RemindersService } from '../application/reminders.service';
import { UserNotification } from '../application/views';
import { IdParam, PageQuery } from '@ocop/http';
import { NotificationPageResponse, NotificationResponse } from './dto/live.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageResponse })
  list(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<UserNotification>> {
    return this.reminders.listNotifications(user.id, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  read(@Caller() user: AuthUser, @Param() params: IdParam): Promise<UserNotification> {
    return this.reminders.markRead(user.id, params.id);
  }
}
