import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, Page } from '@ocop/kernel';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import { LiveError } from '../domain';
import { FollowsRepository } from '../infrastructure/follows.repository';
import type { NotificationEntity } from '../infrastructure/notification.entity';
import { NotificationsRepository } from '../infrastructure/notifications.repository';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { NotificationSubjects } from './notification-subjects';
import { orderRef, orderStatusText } from './push-texts';
import { PushService } from './push.service';
import { notificationView, UserNotification } from './views';

/** Followers written per statement in a go-live fan-out. */
export const FAN_OUT_BATCH = 500;

/** What the inbox needs of an order's status change (the orders context's outbox message, narrowed). */
export interface OrderStatusChange {
  orderId: string;
  buyerUserId: string;
  to: string;
  actor: 'shopper' | 'farmer' | 'system';
}

/**
 * The user's notification inbox: reminders, followed hosts going live and order status changes; each new item is
 * sent to the user's sockets and, through the push queue, to their installed apps.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly follows: FollowsRepository,
    private readonly sessions: SessionsRepository,
    private readonly subjects: NotificationSubjects,
    private readonly push: PushService,
    private readonly emitter: RealtimeEmitter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(userId: string, page: { page: number; pageSize: number }): Promise<Page<UserNotification> & { unread: number }> {
    const [[rows, total], unread] = await Promise.all([
      this.notifications.listForUser(userId, page),
      this.notifications.unreadCount(userId),
    ]);
    const subjects = await this.subjects.load(rows.flatMap((r) => (r.sessionId ? [r.sessionId] : [])));
    return {
      items: rows.map((r) => notificationView(r, r.sessionId ? subjects.get(r.sessionId) : null)),
      page: page.page,
      pageSize: page.pageSize,
      total,
      unread,
    };
  }

  async unread(userId: string): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(userId) };
  }

  async markRead(userId: string, notificationId: string): Promise<UserNotification> {
    const row = await this.notifications.markRead(userId, notificationId, this.clock.now());
    if (!row) throw new LiveError('NOTIFICATION_NOT_FOUND', 'No such notification', { notificationId });
    const subjects = await this.subjects.load(row.sessionId ? [row.sessionId] : []);
    return notificationView(row, row.sessionId ? subjects.get(row.sessionId) : null);
  }

  async markAllRead(userId: string): Promise<{ marked: number; unread: number }> {
    const marked = await this.notifications.markAllRead(userId, this.clock.now());
    return { marked, unread: 0 };
  }

  /**
   * The go-live fan-out (the worker, from the outbox): the host's followers a batch at a time, one INSERT per batch
   * that skips anyone already told (unique user+session+kind), so a message delivered twice notifies nobody twice.
   */
  async notifyFollowers(sessionId: string): Promise<{ notified: number }> {
    const session = await this.sessions.findById(sessionId);
    if (!session || session.status !== 'live') return { notified: 0 };
    const subject = (await this.subjects.load([sessionId])).get(sessionId);
    const hostName = subject?.hostName ?? '';
    let notified = 0;
    let after: string | null = null;
    for (;;) {
      const followers = await this.follows.followersAfter(session.hostUserId, after, FAN_OUT_BATCH);
      if (followers.length === 0) break;
      const written = await this.notifications.insertMany(
        followers.map((userId) => ({
          userId,
          kind: 'host_live' as const,
          sessionId,
          title: `${hostName} đang phát trực tiếp`.slice(0, 200),
          body: session.title.slice(0, 1000),
        })),
      );
      await this.deliver(written);
      notified += written.length;
      after = followers[followers.length - 1] ?? null;
      if (followers.length < FAN_OUT_BATCH) break;
    }
    return { notified };
  }

  /**
   * An order's status changed (the orders context's outbox message): the buyer is told, once per message, unless
   * they made the change themselves.
   */
  async notifyOrderStatus(messageId: string, change: OrderStatusChange): Promise<{ notified: number }> {
    if (change.actor === 'shopper') return { notified: 0 };
    const written = await this.notifications.insertMany([
      {
        userId: change.buyerUserId,
        kind: 'order_status',
        sessionId: null,
        orderId: change.orderId,
        orderStatus: change.to,
        dedupeKey: `outbox:${messageId}`,
        title: `Đơn hàng ${orderRef(change.orderId)} ${orderStatusText('vi', change.to)}`,
        body: 'Chạm để xem chi tiết đơn hàng.',
      },
    ]);
    await this.deliver(written);
    return { notified: written.length };
  }

  /**
   * Notices another context words itself (a campaign's products at risk, a transfer held for review): one per (user,
   * dedupe key), so a scan run twice tells nobody twice. Returns how many were written now.
   */
  async notifyOnce(
    drafts: {
      userId: string;
      kind: 'campaign_at_risk' | 'transfer_held';
      dedupeKey: string;
      title: string;
      body: string;
    }[],
  ): Promise<{ notified: number }> {
    const written = await this.notifications.insertMany(
      drafts.map((d) => ({
        userId: d.userId,
        kind: d.kind,
        sessionId: null,
        dedupeKey: d.dedupeKey,
        title: d.title.slice(0, 200),
        body: d.body.slice(0, 1000),
      })),
    );
    await this.deliver(written);
    return { notified: written.length };
  }

  /** New notifications to the users' open tabs (sockets) and their installed apps (push jobs, batched). */
  async deliver(written: NotificationEntity[]): Promise<void> {
    if (written.length === 0) return;
    const subjects = await this.subjects.load(written.flatMap((n) => (n.sessionId ? [n.sessionId] : [])));
    for (const n of written) {
      this.emitter.emit(
        rooms.user(n.userId),
        'notification',
        notificationView(n, n.sessionId ? subjects.get(n.sessionId) : null),
      );
    }
    await this.push.enqueue(written);
  }
}
