import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@ocop/assets';
import { CatalogueModule } from '@ocop/catalogue';
import { IdentityModule } from '@ocop/identity';
import { QueueModule } from '@ocop/queue';
import { DealAnnouncer } from './application/deal-announcer';
import { DealEndings } from './application/deal-endings.service';
import { DealJobs } from './application/deal-jobs';
import { DealUnitsService } from './application/deal-units.service';
import { FlashDealsService } from './application/flash-deals.service';
import { LineupService } from './application/lineup.service';
import { LiveFacade } from './application/live.facade';
import { MySessionsService } from './application/my-sessions.service';
import { PinsService } from './application/pins.service';
import { PresenceService } from './application/presence.service';
import { ReminderJobs } from './application/reminder-jobs';
import { RemindersService } from './application/reminders.service';
import { SessionRoles } from './application/session-roles.service';
import { SessionViews } from './application/session-views';
import { SessionsService } from './application/sessions.service';
import { StaffService } from './application/staff.service';
import { StockChangedListener } from './application/stock-changed.listener';
import { StreamIngestService } from './application/stream-ingest.service';
import { StreamSettingsService } from './application/stream-settings.service';
import { FlashDealsRepository } from './infrastructure/flash-deals.repository';
import { ListingQuotasRepository } from './infrastructure/listing-quotas.repository';
import { NotificationEntity } from './infrastructure/notification.entity';
import { NotificationsRepository } from './infrastructure/notifications.repository';
import { PinsRepository } from './infrastructure/pins.repository';
import { RemindersRepository } from './infrastructure/reminders.repository';
import { SessionPinEntity } from './infrastructure/session-pin.entity';
import { SessionProductEntity } from './infrastructure/session-product.entity';
import { SessionReminderEntity } from './infrastructure/session-reminder.entity';
import { SessionStaffEntity } from './infrastructure/session-staff.entity';
import { SessionEntity } from './infrastructure/session.entity';
import { SessionsRepository } from './infrastructure/sessions.repository';
import { SellingSessionsRepository } from './infrastructure/selling-sessions.repository';
import { SellingSessionsService } from './application/selling-sessions.service';
import { StaffRepository } from './infrastructure/staff.repository';
import { PinEventEntity } from './infrastructure/pin-event.entity';
import { ChaptersService } from './application/chapters.service';
import { PinEventsRepository } from './infrastructure/pin-events.repository';
import { ExclusionsRepository } from './infrastructure/exclusions.repository';
import { SessionExclusionEntity } from './infrastructure/session-exclusion.entity';
import { SessionStreamEntity } from './infrastructure/session-stream.entity';
import { StreamsRepository } from './infrastructure/streams.repository';
import { FollowsService } from './application/follows.service';
import { InboxService } from './application/inbox.service';
import { NotificationSubjects } from './application/notification-subjects';
import { PushService } from './application/push.service';
import { FollowsRepository } from './infrastructure/follows.repository';
import { HostFollowEntity } from './infrastructure/host-follow.entity';
import { PushSubscriptionEntity } from './infrastructure/push-subscription.entity';
import { PushSubscriptionsRepository } from './infrastructure/push-subscriptions.repository';
import { LiveSubscribers } from './jobs/live.subscribers';

export const LIVE_ENTITIES = [
  SessionEntity,
  SessionProductEntity,
  SessionStaffEntity,
  SessionPinEntity,
  SessionReminderEntity,
  NotificationEntity,
  SessionStreamEntity,
  PinEventEntity,
  HostFollowEntity,
  PushSubscriptionEntity,
  SessionExclusionEntity,
];

const SERVICES = [
  LiveFacade,
  PresenceService,
  SessionsService,
  StaffService,
  PinsService,
  RemindersService,
  LineupService,
  FlashDealsService,
  DealEndings,
  StreamSettingsService,
  StreamIngestService,
  MySessionsService,
  ChaptersService,
  FollowsService,
  InboxService,
  PushService,
];

/**
 * Sessions, lineups, staff, pins, flash deals, reminders and presence, without HTTP: chat, orders, the worker and
 * the CLI import this.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(LIVE_ENTITIES),
    IdentityModule,
    CatalogueModule,
    AssetsModule,
    QueueModule.register('live', 'push'),
  ],
  providers: [
    ...SERVICES,
    SessionViews,
    SessionRoles,
    ReminderJobs,
    DealJobs,
    DealAnnouncer,
    DealUnitsService,
    StockChangedListener,
    SessionsRepository,
    StaffRepository,
    PinsRepository,
    RemindersRepository,
    NotificationsRepository,
    FlashDealsRepository,
    ListingQuotasRepository,
    StreamsRepository,
    PinEventsRepository,
    SellingSessionsRepository,
    SellingSessionsService,
    FollowsRepository,
    PushSubscriptionsRepository,
    NotificationSubjects,
    LiveSubscribers,
    ExclusionsRepository,
  ],
  exports: [...SERVICES, SellingSessionsService],
})
export class LiveModule {}
