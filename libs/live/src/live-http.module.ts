import { Module } from '@nestjs/common';
import { LiveModule } from './live.module';
import { FlashDealsController } from './http/flash-deals.controller';
import { LiveGateway } from './http/live.gateway';
import { NotificationsController } from './http/notifications.controller';
import { SessionPeopleController } from './http/session-people.controller';
import { SessionsController } from './http/sessions.controller';

@Module({
  imports: [LiveModule],
  controllers: [SessionsController, SessionPeopleController, NotificationsController, FlashDealsController],
  providers: [LiveGateway],
})
export class LiveHttpModule {}
