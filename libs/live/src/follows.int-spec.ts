import { randomUUID } from 'node:crypto';
import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { OutboxMessage, OutboxSubscribers } from '@ocop/db';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  collectSocketEvents,
  connectSocket,
  createTestApp,
  makeLineupProducts,
  makeSession,
  makeStreamer,
  makeBranchTree,
  makeUser,
  MadeUser,
  nextSocketEvent,
  TestApp,
} from '@ocop/testing';
import type { UserNotification } from './application/views';
import { LiveHttpModule } from './live-http.module';

describe('following hosts: the api, home order and the go-live fan-out', () => {
  let t: TestApp;
  let products: ProductView[];

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule], websockets: true });
    products = await makeLineupProducts(t, 1);
  });
  afterAll(() => t.close());

  const follow = (hostId: string, user: MadeUser) =>
    t.http().put(`/api/hosts/${hostId}/follow`).set(authHeader(user.accessToken));
  const unfollow = (hostId: string, user: MadeUser) =>
    t.http().delete(`/api/hosts/${hostId}/follow`).set(authHeader(user.accessToken));

  it('follows idempotently, counts followers, refuses oneself and unknown hosts', async () => {
    const made = await makeSession(t, { products });
    const hostId = made.host.id;
    const a = await makeUser(t);
    const b = await makeUser(t);

    const guest = await t.http().get(`/api/hosts/${hostId}/follow`);
    expect(guest.status).toBe(200);
    expect(guest.body).toEqual({ hostUserId: hostId, following: false, followers: 0 });

    const first = await follow(hostId, a);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ hostUserId: hostId, following: true, followers: 1 });
    expect((await follow(hostId, a)).body).toEqual({ hostUserId: hostId, following: true, followers: 1 });
    expect((await follow(hostId, b)).body.followers).toBe(2);

    const asB = await t.http().get(`/api/hosts/${hostId}/follow`).set(authHeader(b.accessToken));
    expect(asB.body).toEqual({ hostUserId: hostId, following: true, followers: 2 });

    const self = await t.http().put(`/api/hosts/${hostId}/follow`).set(authHeader(made.hostToken));
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('CANNOT_FOLLOW_SELF');

    const unknown = await follow(randomUUID(), a);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('HOST_NOT_FOUND');
    // A shopper who never streamed is not a host either.
    const notHost = await follow(b.id, a);
    expect(notHost.status).toBe(404);
    expect(notHost.body.code).toBe('HOST_NOT_FOUND');

    const guestPut = await t.http().put(`/api/hosts/${hostId}/follow`);
    expect(guestPut.status).toBe(401);

    expect((await unfollow(hostId, a)).body).toEqual({ hostUserId: hostId, following: false, followers: 1 });
    const again = await unfollow(hostId, a);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ hostUserId: hostId, following: false, followers: 1 });
    const rows = (await t.db.query(`SELECT count(*)::int AS n FROM host_follows WHERE host_user_id = $1`, [
      hostId,
    ])) as { n: number }[];
    expect(rows[0]?.n).toBe(1);
  });

  it("puts followed hosts' sessions first on home for the signed-in follower only", async () => {
    const soon = await makeSession(t, { products, startInMs: 2 * 3600_000 });
    const later = await makeSession(t, { products, startInMs: 30 * 3600_000 });
    const fan = await makeUser(t);
    expect((await follow(later.host.id, fan)).status).toBe(200);

    const positions = async (token?: string) => {
      const req = t.http().get('/api/sessions?status=upcoming&pageSize=100');
      const res = await (token ? req.set(authHeader(token)) : req);
      expect(res.status).toBe(200);
      const ids = (res.body.items as { id: string }[]).map((s) => s.id);
      return { soon: ids.indexOf(soon.session.id), later: ids.indexOf(later.session.id), first: ids[0] };
    };
    const asGuest = await positions();
    expect(asGuest.soon).toBeGreaterThanOrEqual(0);
    expect(asGuest.soon).toBeLessThan(asGuest.later);

    const asFan = await positions(fan.accessToken);
    expect(asFan.first).toBe(later.session.id);
    expect(asFan.later).toBeLessThan(asFan.soon);

    const stranger = await makeUser(t);
    const asStranger = await positions(stranger.accessToken);
    expect(asStranger.soon).toBeLessThan(asStranger.later);
  });

  it('going live writes one outbox message; its fan-out notifies each follower exactly once, even delivered twice', async () => {
    const host = await makeStreamer(t, (await makeBranchTree(t)).communeA1.id);
    const made = await makeSession(t, { products, host });
    const followers = await Promise.all([makeUser(t), makeUser(t), makeUser(t)]);
    for (const f of followers) expect((await follow(host.id, f)).status).toBe(200);
    const bystander = await makeUser(t);
    const [fanSocket, otherSocket] = await Promise.all([
      connectSocket(t, followers[0]!.accessToken),
      connectSocket(t, bystander.accessToken),
    ]);
    const heard = nextSocketEvent<UserNotification>(fanSocket, 'notification', undefined, 10_000);
    const { items: strays } = collectSocketEvents(otherSocket, 'notification');

    const live = await t.http().post(`/api/sessions/${made.session.id}/go-live`).set(authHeader(made.hostToken));
    expect(live.status).toBe(200);

    const outbox = (await t.db.query(
      `SELECT id, topic, key, payload, created_at FROM outbox WHERE topic = 'live.session-started' AND key = $1`,
      [made.session.id],
    )) as { id: string; topic: 'live.session-started'; key: string; payload: OutboxMessage<'live.session-started'>['payload']; created_at: Date }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.payload).toMatchObject({ sessionId: made.session.id, hostUserId: host.id });

    const subscribers = t.app.get(OutboxSubscribers).of('live.session-started');
    expect(subscribers.map((s) => s.name)).toEqual(['live.notify-followers']);
    const message: OutboxMessage<'live.session-started'> = {
      id: outbox[0]!.id,
      topic: 'live.session-started',
      key: outbox[0]!.key,
      payload: outbox[0]!.payload,
      createdAt: outbox[0]!.created_at,
    };
    // At-least-once delivery: the same message twice.
    for (let i = 0; i < 2; i++) for (const s of subscribers) await s.handle(message);

    const counts = (await t.db.query(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE session_id = $1 AND kind = 'host_live' GROUP BY user_id`,
      [made.session.id],
    )) as { user_id: string; n: number }[];
    expect(counts.map((c) => c.user_id).sort()).toEqual(followers.map((f) => f.id).sort());
    expect(counts.every((c) => c.n === 1)).toBe(true);

    const pushed = await heard;
    expect(pushed).toMatchObject({
      kind: 'host_live',
      sessionId: made.session.id,
      sessionTitle: made.session.title,
      hostName: host.displayName,
      readAt: null,
    });
    expect(strays).toEqual([]);

    // The inbox: the item, the unread count, mark read and mark all read.
    const inbox = await t.http().get('/api/me/notifications').set(authHeader(followers[0]!.accessToken));
    expect(inbox.status).toBe(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toEqual(pushed);
    const unread = await t.http().get('/api/me/notifications/unread').set(authHeader(followers[0]!.accessToken));
    expect(unread.body).toEqual({ unread: 1 });
    const all = await t.http().post('/api/me/notifications/read-all').set(authHeader(followers[0]!.accessToken));
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    expect(
      (await t.http().get('/api/me/notifications/unread').set(authHeader(followers[0]!.accessToken))).body,
    ).toEqual({ unread: 0 });
    // Another follower's item stays unread.
    expect(
      (await t.http().get('/api/me/notifications/unread').set(authHeader(followers[1]!.accessToken))).body,
    ).toEqual({ unread: 1 });
  });
});
