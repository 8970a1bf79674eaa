import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import webpush from 'web-push';
import { AppConfig, InjectConfig } from '@ocop/config';
import { Clock, CLOCK } from '@ocop/kernel';
import { JobPayload } from '@ocop/queue';
import { LiveError } from '../domain';
import type { NotificationEntity } from '../infrastructure/notification.entity';
import { NotificationsRepository } from '../infrastructure/notifications.repository';
import { PushSubscriptionsRepository } from '../infrastructure/push-subscriptions.repository';
import { NotificationSubjects } from './notification-subjects';
import { pushMessage } from './push-texts';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  locale?: 'vi' | 'en';
}

export type PushOutcome = 'sent' | 'pruned' | 'rejected' | 'gone' | 'off';

/** How long a push service keeps a push for an offline device: news of a live show is stale after an hour. */
const PUSH_TTL_SECONDS = 3600;
const PUSH_TIMEOUT_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function b64urlBytes(value: string): number | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return null;
  return Buffer.from(value.replace(/=+$/, ''), 'base64url').length;
}

/**
 * Web Push: the browsers' subscriptions (stored, validated, capped per user) and the sending, through the web-push
 * library (RFC 8291 encryption, VAPID), one BullMQ job per (notification, subscription). Without VAPID keys pushes
 * are off and only the in-app inbox is written.
 */
@Injectable()
export class PushService {
  private readonly log = new Logger(PushService.name);
  private warnedOff = false;

  constructor(
    private readonly subscriptions: PushSubscriptionsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly subjects: NotificationSubjects,
    @InjectQueue('push') private readonly queue: Queue,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The VAPID public key browsers subscribe with; null when pushes are off. */
  publicKey(): string | null {
    return this.enabled() ? (this.config.VAPID_PUBLIC_KEY ?? null) : null;
  }

  enabled(): boolean {
    const on = Boolean(this.config.VAPID_PUBLIC_KEY && this.config.VAPID_PRIVATE_KEY);
    if (!on && !this.warnedOff) {
      this.warnedOff = true;
      this.log.warn('Web Push is off: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set (the inbox still works)');
    }
    return on;
  }

  async subscribe(userId: string, input: PushSubscriptionInput): Promise<{ id: string; endpoint: string }> {
    this.assertValid(input);
    const row = await this.subscriptions.upsert(
      {
        userId,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        locale: input.locale ?? 'vi',
      },
      this.config.PUSH_MAX_SUBSCRIPTIONS_PER_USER,
    );
    return { id: row.id, endpoint: row.endpoint };
  }

  async unsubscribe(userId: string, endpoint: string): Promise<void> {
    if (!(await this.subscriptions.removeForUser(userId, endpoint))) {
      throw new LiveError('PUSH_SUBSCRIPTION_NOT_FOUND', 'No such push subscription of yours');
    }
  }

  /** Queues one push per subscription of each notification's user (one query for the whole batch). */
  async enqueue(written: NotificationEntity[]): Promise<number> {
    if (written.length === 0 || !this.enabled()) return 0;
    const subs = await this.subscriptions.forUsers([...new Set(written.map((n) => n.userId))]);
    if (subs.length === 0) return 0;
    const byUser = new Map<string, string[]>();
    for (const s of subs) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s.id]);
    const jobs = written.flatMap((n) =>
      (byUser.get(n.userId) ?? []).map((subscriptionId) => {
        const data: JobPayload<'push', 'send'> = { notificationId: n.id, subscriptionId };
        return { name: 'send', data, opts: { jobId: `push-${n.id}-${subscriptionId}`, attempts: 5 } };
      }),
    );
    await this.queue.addBulk(jobs);
    return jobs.length;
  }

  /**
   * The job: encrypts the notification for the subscription and posts it to its push service. 404/410 (the
   * subscription expired or was revoked) deletes it; 429 and 5xx throw, so the job retries with backoff.
   */
  async send(subscriptionId: string, notificationId: string): Promise<PushOutcome> {
    if (!this.enabled()) return 'off';
    const [sub, n] = await Promise.all([
      this.subscriptions.findById(subscriptionId),
      this.notifications.findById(notificationId),
    ]);
    if (!sub || !n || n.userId !== sub.userId) return 'gone';
    const subject = n.sessionId ? ((await this.subjects.load([n.sessionId])).get(n.sessionId) ?? null) : null;
    const message = pushMessage(sub.locale, n, subject);
    const details = webpush.generateRequestDetails(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      JSON.stringify({ ...message, id: n.id }),
      {
        vapidDetails: {
          subject: this.config.VAPID_SUBJECT,
          publicKey: this.config.VAPID_PUBLIC_KEY as string,
          privateKey: this.config.VAPID_PRIVATE_KEY as string,
        },
        TTL: PUSH_TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'high',
        topic: message.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
      },
    );
    const response = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ?? undefined,
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 404 || response.status === 410) {
      await this.subscriptions.prune(sub.id);
      this.log.log({ subscriptionId: sub.id, status: response.status }, 'Push subscription gone: pruned');
      return 'pruned';
    }
    if (response.status === 429 || response.status >= 500) {
      throw new Error(`Push service answered ${response.status}; retrying`);
    }
    if (!response.ok) {
      this.log.warn({ subscriptionId: sub.id, status: response.status }, 'Push service refused the push');
      return 'rejected';
    }
    await this.subscriptions.markSent(sub.id, this.clock.now());
    return 'sent';
  }

  private assertValid(input: PushSubscriptionInput): void {
    const refuse = (reason: string): never => {
      throw new LiveError('PUSH_SUBSCRIPTION_INVALID', reason);
    };
    let url: URL;
    try {
      url = new URL(input.endpoint);
    } catch {
      return refuse('The endpoint is not a URL');
    }
    const loopback = LOOPBACK.has(url.hostname);
    if (url.protocol === 'https:') {
      // A push service is a public host: an address or a local name would make the worker post inside the network.
      if (this.config.NODE_ENV !== 'test' && (loopback || /^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('['))) {
        refuse('The endpoint must be a push service on the internet');
      }
    } else if (!(url.protocol === 'http:' && loopback && this.config.NODE_ENV === 'test')) {
      refuse('The endpoint must be an https URL');
    }
    if (url.username || url.password) refuse('The endpoint may not carry credentials');
    if (b64urlBytes(input.keys.p256dh) !== 65 || Buffer.from(input.keys.p256dh, 'base64url')[0] !== 4) {
      refuse('keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)');
    }
    if (b64urlBytes(input.keys.auth) !== 16) refuse('keys.auth must be 16 bytes, base64url');
  }
}
