import { Module } from '@nestjs/common';
import { LiveModule } from './live.module';
import { FlashDealsController } from './http/flash-deals.controller';
import { LiveGateway } from './http/live.gateway';
import { MyRemindersController } from './http/my-reminders.controller';
import { MySessionsController } from './http/my-sessions.controller';
import { NotificationsController } from './http/notifications.controller';
import { SessionPeopleController } from './http/session-people.controller';
import { SellingSessionsController } from './http/selling-sessions.controller';
import { SessionsController } from './http/sessions.controller';
import { StreamController } from './http/stream.controller';
import { FollowsController } from './http/follows.controller';
import { PushController } from './http/push.controller';

@Module({
  imports: [LiveModule],
  controllers: [
    SessionsController,
    SessionPeopleController,
    NotificationsController,
    FlashDealsController,
    MySessionsController,
    MyRemindersController,
    StreamController,
    SellingSessionsController,
    FollowsController,
    PushController,
  ],
  providers: [LiveGateway],
})
export class LiveHttpModule {}
