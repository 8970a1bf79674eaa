import './live.events';

export * from './live.module';
export * from './live-http.module';
export * from './live-jobs.module';
export type { PinsUpdate, PinsStock, PresenceUpdate } from './live.events';
export { LiveFacade } from './application/live.facade';
export type { DealTake, QuotaTake } from './application/deal-units.service';
// Services the demo seed (apps/cli) and tests call directly, without HTTP.
export { SessionsService } from './application/sessions.service';
export { StaffService } from './application/staff.service';
export { PinsService } from './application/pins.service';
export { FlashDealsService } from './application/flash-deals.service';
export { LineupService } from './application/lineup.service';
export { DealEndings } from './application/deal-endings.service';
export { StreamIngestService } from './application/stream-ingest.service';
export { ChaptersService } from './application/chapters.service';
export { StreamSettingsService } from './application/stream-settings.service';
export { FollowsService } from './application/follows.service';
export type { FollowState } from './application/follows.service';
export { InboxService, FAN_OUT_BATCH } from './application/inbox.service';
export type { OrderStatusChange } from './application/inbox.service';
export { PushService } from './application/push.service';
export type { PushOutcome, PushSubscriptionInput } from './application/push.service';
export type { SessionStartedPayload } from './live.events';
export { PresenceService, PRESENCE_OPTIONS, DEFAULT_PRESENCE_OPTIONS } from './application/presence.service';
export type { PresenceOptions } from './application/presence.service';
export type {
  DealView,
  LineupCard,
  MySessionView,
  PinEvent,
  PinnedProductCard,
  ReminderView,
  ReplayChapter,
  ReplayChapters,
  SessionDetail,
  SessionView,
  StaffView,
  StreamSettings,
  UserNotification,
} from './application/views';
export type { DealInput, SessionInput, SessionPatch } from './application/inputs';
export * from './domain';
