import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, Page } from '@ocop/kernel';
import { LiveError } from '../domain';
import { NotificationsRepository } from '../infrastructure/notifications.repository';
import { RemindersRepository } from '../infrastructure/reminders.repository';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { InboxService } from './inbox.service';
import { SessionViews } from './session-views';
import { notificationView, ReminderView, UserNotification } from './views';

const BATCH = 500;
/** The most upcoming reminders a user is shown (more than anyone keeps; the soonest first). */
export const MAX_MY_REMINDERS = 200;
/** A job that fires well before the start of a still-scheduled session is stale (the session moved since). */
const EARLY_TOLERANCE_MS = 60_000;

export interface ReminderRun {
  sessionId: string;
  notified: number;
  skipped?: 'unknown' | 'not_upcoming' | 'rescheduled';
}

/** Viewers' reminders, their delivery when the session starts, and users' stored notifications. */
@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly inbox: InboxService,
  ) {}

  /** Idempotent: asking twice keeps one reminder. Only for sessions that have not started. */
  async remind(userId: string, sessionId: string): Promise<ReminderView> {
    const session = await this.views.require(sessionId);
    if (session.status !== 'scheduled') {
      throw new LiveError('SESSION_NOT_UPCOMING', 'Reminders are for sessions that have not started', {
        sessionId,
        status: session.status,
      });
    }
    await this.reminders.add(sessionId, userId);
    return { sessionId, reminded: true, remindAt: session.scheduledStartAt.toISOString() };
  }

  /** Idempotent. */
  async forget(userId: string, sessionId: string): Promise<void> {
    await this.views.require(sessionId);
    await this.reminders.remove(sessionId, userId);
  }

  /** The sessions not started yet that the user asked to be reminded of, soonest first. */
  async listMine(userId: string): Promise<ReminderView[]> {
    const rows = await this.reminders.upcomingForUser(userId, MAX_MY_REMINDERS);
    return rows.map((r) => ({ sessionId: r.sessionId, reminded: true, remindAt: r.remindAt.toISOString() }));
  }

  /**
   * The reminder job: one stored notification per reminded user (a re-run writes none twice), each pushed to the
   * user's sockets. A job for a cancelled, ended or moved session does nothing.
   */
  async deliver(sessionId: string): Promise<ReminderRun> {
    const session = await this.sessions.findById(sessionId);
    if (!session) return { sessionId, notified: 0, skipped: 'unknown' };
    if (session.status !== 'scheduled' && session.status !== 'live') {
      return { sessionId, notified: 0, skipped: 'not_upcoming' };
    }
    const early = session.scheduledStartAt.getTime() - this.clock.now().getTime() > EARLY_TOLERANCE_MS;
    if (session.status === 'scheduled' && early) {
      return { sessionId, notified: 0, skipped: 'rescheduled' };
    }
    let notified = 0;
    let after: string | null = null;
    for (;;) {
      const users = await this.reminders.usersAfter(sessionId, after, BATCH);
      if (users.length === 0) break;
      const written = await this.notifications.insertMany(
        users.map((userId) => ({
          userId,
          kind: 'session_reminder' as const,
          sessionId,
          title: `Sắp phát trực tiếp: ${session.title}`.slice(0, 200),
          body: 'Phiên live bạn đăng ký nhắc đang bắt đầu. Vào xem ngay!',
        })),
      );
      await this.inbox.deliver(written);
      notified += written.length;
      after = users[users.length - 1] ?? null;
      if (users.length < BATCH) break;
    }
    return { sessionId, notified };
  }

  async listNotifications(
    userId: string,
    page: { page: number; pageSize: number },
  ): Promise<Page<UserNotification>> {
    const [rows, total] = await this.notifications.listForUser(userId, page);
    return { items: rows.map((r) => notificationView(r)), page: page.page, pageSize: page.pageSize, total };
  }

  async markRead(userId: string, notificationId: string): Promise<UserNotification> {
    const row = await this.notifications.markRead(userId, notificationId, this.clock.now());
    if (!row) throw new LiveError('NOTIFICATION_NOT_FOUND', 'No such notification', { notificationId });
    return notificationView(row);
  }
}
