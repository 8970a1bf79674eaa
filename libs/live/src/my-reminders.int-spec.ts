import { CatalogueHttpModule, ProductView } from '@ocop/catalogue';
import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  MadeUser,
  makeLineupProducts,
  makeSession,
  makeStreamer,
  makeBranchTree,
  makeUser,
  TestApp,
} from '@ocop/testing';
import type { ReminderView } from './application/views';
import { LiveHttpModule } from './live-http.module';

describe('GET /api/me/reminders: the upcoming sessions I asked to be reminded of', () => {
  let t: TestApp;
  let products: ProductView[];
  let host: MadeUser;

  const HOUR = 3600 * 1000;
  const remind = (sessionId: string, user: MadeUser) =>
    t.http().post(`/api/sessions/${sessionId}/reminders`).set(authHeader(user.accessToken));
  const mine = async (user: MadeUser): Promise<ReminderView[]> => {
    const res = await t.http().get('/api/me/reminders').set(authHeader(user.accessToken));
    expect(res.status).toBe(200);
    return (res.body as { items: ReminderView[] }).items;
  };

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    products = await makeLineupProducts(t, 1);
    host = await makeStreamer(t, (await makeBranchTree(t)).communeA1.id);
  });
  afterAll(() => t?.close());

  it('lists my reminders soonest first with when each fires, and survives asking twice', async () => {
    const later = await makeSession(t, { host, products, startInMs: 48 * HOUR });
    const sooner = await makeSession(t, { host, products, startInMs: 6 * HOUR });
    const notAsked = await makeSession(t, { host, products, startInMs: 12 * HOUR });
    const viewer = await makeUser(t);
    const someoneElse = await makeUser(t);

    expect(await mine(viewer)).toEqual([]);
    for (const s of [later, sooner, later]) expect((await remind(s.session.id, viewer)).status).toBe(200);
    expect((await remind(notAsked.session.id, someoneElse)).status).toBe(200);

    expect(await mine(viewer)).toEqual([
      { sessionId: sooner.session.id, reminded: true, remindAt: sooner.session.scheduledStartAt },
      { sessionId: later.session.id, reminded: true, remindAt: later.session.scheduledStartAt },
    ]);
    expect((await mine(someoneElse)).map((r) => r.sessionId)).toEqual([notAsked.session.id]);

    // Forgetting one drops it.
    const forget = await t
      .http()
      .delete(`/api/sessions/${later.session.id}/reminders`)
      .set(authHeader(viewer.accessToken));
    expect(forget.status).toBe(204);
    expect((await mine(viewer)).map((r) => r.sessionId)).toEqual([sooner.session.id]);
  });

  it('a rescheduled session moves its remindAt; a session that went live or was cancelled drops out', async () => {
    const moved = await makeSession(t, { host, products, startInMs: 24 * HOUR });
    const goesLive = await makeSession(t, { host, products, startInMs: 24 * HOUR });
    const cancelled = await makeSession(t, { host, products, startInMs: 24 * HOUR });
    const viewer = await makeUser(t);
    for (const s of [moved, goesLive, cancelled])
      expect((await remind(s.session.id, viewer)).status).toBe(200);

    const newStart = new Date(Date.now() + 30 * HOUR).toISOString();
    const patch = await t
      .http()
      .patch(`/api/sessions/${moved.session.id}`)
      .set(authHeader(host.accessToken))
      .send({ scheduledStartAt: newStart });
    expect(patch.status).toBe(200);
    const live = await t
      .http()
      .post(`/api/sessions/${goesLive.session.id}/go-live`)
      .set(authHeader(host.accessToken));
    expect(live.status).toBe(200);
    const cancel = await t
      .http()
      .post(`/api/sessions/${cancelled.session.id}/cancel`)
      .set(authHeader(host.accessToken));
    expect(cancel.status).toBe(200);

    const items = await mine(viewer);
    expect(items).toHaveLength(1);
    expect(items[0]!.sessionId).toBe(moved.session.id);
    expect(Date.parse(items[0]!.remindAt)).toBe(Date.parse(patch.body.scheduledStartAt as string));
  });

  it('needs a signed-in user', async () => {
    const res = await t.http().get('/api/me/reminders');
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
