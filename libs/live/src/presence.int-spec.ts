import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import { REDIS } from '@ocop/queue';
import { RealtimeEmitter } from '@ocop/realtime';
import {
  authHeader,
  collectSocketEvents,
  createTestApp,
  makeLiveSession,
  socketInTestRoom,
  TestApp,
  TestRoomModule,
  waitMs,
} from '@ocop/testing';
import { PresenceService } from './application/presence.service';
import type { PresenceUpdate } from './live.events';
import { LiveHttpModule } from './live-http.module';

describe('presence in Redis', () => {
  let t: TestApp;
  let presence: PresenceService;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule, TestRoomModule],
      websockets: true,
    });
    presence = t.app.get(PresenceService);
  });
  afterAll(() => t.close());

  /** Another api replica sharing the same Redis (its own replica id), with a short lease for crash tests. */
  const replica = (replicaTtlMs = 30_000) =>
    new PresenceService(t.app.get<Redis>(REDIS), t.app.get(RealtimeEmitter), t.config, {
      replicaTtlMs,
      heartbeatMs: 60_000,
    });

  it('two tabs of one user count once; guests count per socket; leaving decrements', async () => {
    const s = randomUUID();
    expect(await presence.join(s, 'u:an')).toEqual({ viewers: 1 });
    expect(await presence.join(s, 'u:an')).toEqual({ viewers: 1 }); // second tab
    expect(await presence.join(s, 'g:sock1')).toEqual({ viewers: 2 });
    expect(await presence.join(s, 'g:sock2')).toEqual({ viewers: 3 });
    expect(await presence.leave(s, 'u:an')).toEqual({ viewers: 3 }); // one tab still open
    expect(await presence.leave(s, 'u:an')).toEqual({ viewers: 2 });
    expect(await presence.leave(s, 'u:an')).toEqual({ viewers: 2 }); // a double leave changes nothing
    expect(await presence.leave(s, 'g:sock1')).toEqual({ viewers: 1 });
    expect(await presence.count(s)).toBe(1);
  });

  it('keeps the peak and the unique viewers', async () => {
    const s = randomUUID();
    for (const key of ['u:a', 'u:b', 'g:1', 'u:a']) await presence.join(s, key);
    await presence.leave(s, 'g:1');
    await presence.leave(s, 'u:b');
    await presence.join(s, 'u:c');
    expect(await presence.stats(s)).toEqual({ viewers: 2, peak: 3, unique: 4 });
  });

  it('one user on two replicas counts once; concurrent joins stay exact', async () => {
    const s = randomUUID();
    const other = replica();
    await presence.join(s, 'u:x');
    await other.join(s, 'u:x');
    expect(await presence.count(s)).toBe(1);
    await presence.leave(s, 'u:x');
    expect(await other.count(s)).toBe(1);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? presence : other).join(s, `g:${i}`)));
    const stats = await presence.stats(s);
    expect(stats).toMatchObject({ viewers: 201, peak: 201 });
    // Unique viewers are a HyperLogLog estimate (12 kB per session whatever the audience; standard error 0.81%).
    expect(Math.abs(stats.unique - 201)).toBeLessThanOrEqual(4);
    other.stop();
  });

  it("a crashed replica's viewers disappear once its lease lapses; a paused one restores them on its heartbeat", async () => {
    const s = randomUUID();
    await presence.join(s, 'u:stays');
    await presence.join(s, 'u:both');
    const crashing = replica(300);
    await crashing.join(s, 'u:both');
    await crashing.join(s, 'g:gone1');
    await crashing.join(s, 'g:gone2');
    expect(await presence.count(s)).toBe(4);

    crashing.stop(); // no more heartbeats
    await waitMs(450);
    expect(await presence.count(s)).toBe(2); // u:stays and u:both (still on this replica)
    expect((await presence.stats(s)).peak).toBe(4);

    // It was only paused: its next heartbeat re-registers what it holds.
    await crashing.beat();
    expect(await presence.count(s)).toBe(4);
    // And its leaves still count normally.
    await crashing.leave(s, 'g:gone1');
    expect(await presence.count(s)).toBe(3);
  });

  it('broadcasts presence:update to the room, at most about twice a second, ending on the true count', async () => {
    const s = randomUUID();
    const socket = await socketInTestRoom(t, s);
    const { items: updates } = collectSocketEvents<PresenceUpdate>(socket, 'presence:update');

    for (let i = 0; i < 30; i++) await presence.join(s, `g:burst${i}`);
    await presence.leave(s, 'g:burst0');
    await waitMs(1200);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(updates[updates.length - 1]).toEqual({ sessionId: s, viewers: 29 });
  });

  it('ending a session keeps its peak and unique viewers for the summary', async () => {
    const made = await makeLiveSession(t);
    const id = made.session.id;
    for (const key of ['u:1', 'u:2', 'g:3']) await presence.join(id, key);
    await presence.leave(id, 'u:2');
    await presence.join(id, 'u:1');
    const live = await t.http().get(`/api/sessions/${id}`);
    expect(live.body.viewers).toBe(2);
    const ended = await t.http().post(`/api/sessions/${id}/end`).set(authHeader(made.hostToken));
    expect(ended.status).toBe(200);
    const detail = await t.http().get(`/api/sessions/${id}`);
    expect(detail.body).toMatchObject({ status: 'ended', peakViewers: 3, uniqueViewers: 3 });
  });
});
