import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { RemindersService } from '../application/reminders.service';
import { ReminderView } from '../application/views';
import { MyRemindersResponse } from './dto/live.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/reminders')
export class MyRemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @ApiOperation({
    summary:
      'The upcoming sessions I asked to be reminded of (POST /api/sessions/{id}/reminders), soonest first; a ' +
      'session that went live, ended or was cancelled drops out',
  })
  @ApiOkResponse({ type: MyRemindersResponse })
  async list(@Caller() user: AuthUser): Promise<{ items: ReminderView[] }> {
    return { items: await this.reminders.listMine(user.id) };
  }
}
