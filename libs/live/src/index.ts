import './live.events';

export * from './live.module';
export * from './live-http.module';
export * from './live-jobs.module';
export type { PinsUpdate, PinsStock, PresenceUpdate } from './live.events';
export { LiveFacade } from './application/live.facade';
// Services the demo seed (apps/cli) and tests call directly, without HTTP.
export { SessionsService } from './application/sessions.service';
export { StaffService } from './application/staff.service';
export { PinsService } from './application/pins.service';
export { PresenceService, PRESENCE_OPTIONS, DEFAULT_PRESENCE_OPTIONS } from './application/presence.service';
export type { PresenceOptions } from './application/presence.service';
export type {
  LineupCard,
  PinnedProductCard,
  ReminderView,
  SessionDetail,
  SessionView,
  StaffView,
  UserNotification,
} from './application/views';
export type { SessionInput, SessionPatch } from './application/inputs';
export * from './domain';
