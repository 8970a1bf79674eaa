import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  collectSocketEvents,
  connectSocket,
  createTestApp,
  makeLineupProducts,
  makeSession,
  makeUser,
  MadeUser,
  nextSocketEvent,
  TestApp,
} from '@ocop/testing';
import { RemindersService } from './application/reminders.service';
import type { UserNotification } from './application/views';
import { reminderJobId } from './domain';
import { LiveHttpModule } from './live-http.module';
import { LiveJobsModule } from './live-jobs.module';

describe('session reminders (a real BullMQ worker in the app)', () => {
  let t: TestApp;
  let queue: Queue;
  let products: ProductView[];

  beforeAll(async () => {
    t = await createTestApp({
      imports: [LiveHttpModule, LiveJobsModule, CatalogueHttpModule, IdentityHttpModule],
      websockets: true,
    });
    queue = t.app.get<Queue>(getQueueToken('live'));
    products = await makeLineupProducts(t, 1);
  });
  afterAll(() => t.close());

  const remind = (sessionId: string, user: MadeUser) =>
    t.http().post(`/api/sessions/${sessionId}/reminders`).set(authHeader(user.accessToken));

  it('fires at the start: each reminded user gets one stored notification, pushed to their sockets', async () => {
    const made = await makeSession(t, { products, startInMs: 1500 });
    const viewer = await makeUser(t);
    const changedMind = await makeUser(t);
    const [tab1, tab2, other] = await Promise.all([
      connectSocket(t, viewer.accessToken),
      connectSocket(t, viewer.accessToken),
      connectSocket(t, changedMind.accessToken),
    ]);
    const heard = Promise.all([
      // The session starts in 1.5 s; a loaded CI machine may take a few more seconds to run the delayed job.
      nextSocketEvent<UserNotification>(tab1, 'notification', undefined, 20_000),
      nextSocketEvent<UserNotification>(tab2, 'notification', undefined, 20_000),
    ]);
    const { items: strays } = collectSocketEvents(other, 'notification');

    const first = await remind(made.session.id, viewer);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      sessionId: made.session.id,
      reminded: true,
      remindAt: made.session.scheduledStartAt,
    });
    expect((await remind(made.session.id, viewer)).status).toBe(200); // idempotent
    expect((await remind(made.session.id, changedMind)).status).toBe(200);
    const forget = await t
      .http()
      .delete(`/api/sessions/${made.session.id}/reminders`)
      .set(authHeader(changedMind.accessToken));
    expect(forget.status).toBe(204);

    const [n1, n2] = await heard;
    expect(n1).toEqual(n2);
    expect(n1).toMatchObject({ kind: 'session_reminder', sessionId: made.session.id, readAt: null });
    expect(n1.title).toContain(made.session.title);
    expect(strays).toEqual([]);

    const stored = await t.http().get('/api/me/notifications').set(authHeader(viewer.accessToken));
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual({ items: [n1], page: 1, pageSize: 20, total: 1, unread: 1 });

    // A re-run of the job writes nothing twice.
    const rerun = await t.app.get(RemindersService).deliver(made.session.id);
    expect(rerun.notified).toBe(0);
    const rows = (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE session_id = $1`, [
      made.session.id,
    ])) as { n: number }[];
    expect(rows[0]?.n).toBe(1);

    const read = await t
      .http()
      .post(`/api/me/notifications/${n1.id}/read`)
      .set(authHeader(viewer.accessToken));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const notMine = await t
      .http()
      .post(`/api/me/notifications/${n1.id}/read`)
      .set(authHeader(changedMind.accessToken));
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('NOTIFICATION_NOT_FOUND');
  });

  it('going live early tells reminded viewers at once', async () => {
    const made = await makeSession(t, { products, startInMs: 24 * 3600 * 1000 });
    const viewer = await makeUser(t);
    const socket = await connectSocket(t, viewer.accessToken);
    await remind(made.session.id, viewer);
    const heard = nextSocketEvent<UserNotification>(socket, 'notification');
    expect(
      (await t.http().post(`/api/sessions/${made.session.id}/go-live`).set(authHeader(made.hostToken)))
        .status,
    ).toBe(200);
    expect(await heard).toMatchObject({ sessionId: made.session.id });
    // A live session takes no new reminders.
    const late = await remind(made.session.id, await makeUser(t));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SESSION_NOT_UPCOMING');
  });

  it('rescheduling moves the delayed job; cancelling the session removes it', async () => {
    const made = await makeSession(t, { products, startInMs: 6 * 3600 * 1000 });
    const jobId = reminderJobId(made.session.id);
    const before = await queue.getJob(jobId);
    expect(before).toBeDefined();
    expect(await before!.getState()).toBe('delayed');
    const firesAt = (job: { timestamp: number; delay: number }) => job.timestamp + job.delay;
    expect(Math.abs(firesAt(before!) - Date.parse(made.session.scheduledStartAt))).toBeLessThan(1000);

    const later = new Date(Date.now() + 30 * 3600 * 1000).toISOString();
    const moved = await t
      .http()
      .patch(`/api/sessions/${made.session.id}`)
      .set(authHeader(made.hostToken))
      .send({ scheduledStartAt: later });
    expect(moved.status).toBe(200);
    const after = await queue.getJob(jobId);
    expect(await after!.getState()).toBe('delayed');
    expect(after!.delay).not.toBe(before!.delay);
    expect(Math.abs(firesAt(after!) - Date.parse(later))).toBeLessThan(1000);

    const cancelled = await t
      .http()
      .post(`/api/sessions/${made.session.id}/cancel`)
      .set(authHeader(made.hostToken));
    expect(cancelled.status).toBe(200);
    expect(await queue.getJob(jobId)).toBeUndefined();
  });

  it('a reminder job for a cancelled session does nothing', async () => {
    const made = await makeSession(t, { products });
    const viewer = await makeUser(t);
    await remind(made.session.id, viewer);
    await t.http().post(`/api/sessions/${made.session.id}/cancel`).set(authHeader(made.hostToken));
    expect(await t.app.get(RemindersService).deliver(made.session.id)).toMatchObject({
      notified: 0,
      skipped: 'not_upcoming',
    });
    const stored = await t.http().get('/api/me/notifications').set(authHeader(viewer.accessToken));
    expect(stored.body.total).toBe(0);
  });
});
