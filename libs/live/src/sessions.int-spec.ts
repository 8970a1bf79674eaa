import { ProductView, CatalogueHttpModule } from '@ocop/catalogue';
import { IdentityHttpModule, MembershipsService } from '@ocop/identity';
import {
  addCohost,
  addModerator,
  authHeader,
  BranchTree,
  createTestApp,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeLineupProducts,
  makeLiveSession,
  makeProduct,
  makeSession,
  makeStreamer,
  makeUser,
  sessionBody,
  TestApp,
  tokenFor,
} from '@ocop/testing';
import type { SessionView } from './application/views';
import { LiveHttpModule } from './live-http.module';

const HOUR = 3600 * 1000;

describe('live sessions over HTTP', () => {
  let t: TestApp;
  let tree: BranchTree;
  let products: ProductView[];

  beforeAll(async () => {
    t = await createTestApp({ imports: [LiveHttpModule, CatalogueHttpModule, IdentityHttpModule] });
    tree = await makeBranchTree(t);
    products = await makeLineupProducts(t, 4);
  });
  afterAll(() => t.close());

  const post = (path: string, token: string, body?: object) =>
    t.http().post(path).set(authHeader(token)).send(body);

  describe('scheduling', () => {
    it('an approved streamer schedules a session; the branch and its path are snapshotted', async () => {
      const host = await makeStreamer(t, tree.cellA1.id);
      const body = sessionBody(
        products.slice(0, 2).map((p) => p.id),
        2 * HOUR,
      );
      const res = await post('/api/sessions', host.accessToken, body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: body.title,
        status: 'scheduled',
        hostUserId: host.id,
        hostName: host.displayName,
        branchId: tree.cellA1.id,
        branchPath: [tree.city.id, tree.districtA.id, tree.communeA1.id, tree.cellA1.id],
        scheduledStartAt: body.scheduledStartAt,
        startedAt: null,
        endedAt: null,
        cover: null,
        lineup: body.lineup,
      });
    });

    it('a signed-in user without an active membership cannot schedule (403 STREAMER_MEMBERSHIP_REQUIRED)', async () => {
      const user = await makeUser(t);
      const res = await post('/api/sessions', user.accessToken, sessionBody([products[0]!.id]));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('STREAMER_MEMBERSHIP_REQUIRED');
      const guest = await t
        .http()
        .post('/api/sessions')
        .send(sessionBody([products[0]!.id]));
      expect(guest.status).toBe(401);
    });

    it('the start must be in the future and within 90 days', async () => {
      const host = await makeStreamer(t, tree.communeB1.id);
      for (const startInMs of [-HOUR, 91 * 24 * HOUR]) {
        const res = await post('/api/sessions', host.accessToken, sessionBody([products[0]!.id], startInMs));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('START_TIME_OUT_OF_RANGE');
      }
    });

    it('the lineup holds only active, certified products (a draft is 422 LINEUP_PRODUCT_UNAVAILABLE)', async () => {
      const host = await makeStreamer(t, tree.communeB1.id);
      const farmer = await makeFarmer(t, { branchId: tree.communeB2.id });
      const draft = await makeProduct(t, farmer);
      const res = await post('/api/sessions', host.accessToken, sessionBody([products[0]!.id, draft.id]));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'LINEUP_PRODUCT_UNAVAILABLE',
        details: { productId: draft.id },
      });
      const unknown = await post(
        '/api/sessions',
        host.accessToken,
        sessionBody(['0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b']),
      );
      expect(unknown.status).toBe(422);
    });

    it('the branch snapshot does not change when the host later moves to another branch', async () => {
      const host = await makeStreamer(t, tree.communeA2.id);
      const { session } = await makeSession(t, { host, products: products.slice(0, 1) });
      const memberships = t.app.get(MembershipsService);
      const moved = await memberships.applyForMembership(host.id, tree.communeB2.id);
      await memberships.approveMembership('system', moved.id);

      const after = await t.http().get(`/api/sessions/${session.id}`);
      expect(after.body.branchId).toBe(tree.communeA2.id);
      expect(after.body.branchPath).toEqual([tree.city.id, tree.districtA.id, tree.communeA2.id]);
      // A new session is credited to the new branch (moving ended the old membership: the host's token was renewed).
      const renewed = { ...host, accessToken: await tokenFor(t, host.id) };
      const next = await makeSession(t, { host: renewed, products: products.slice(0, 1) });
      expect(next.session.branchId).toBe(tree.communeB2.id);
      // And the database itself refuses to rewrite the snapshot.
      await expect(
        t.db.query(`UPDATE live_sessions SET branch_id = $2 WHERE id = $1`, [session.id, tree.communeB2.id]),
      ).rejects.toThrow(/immutable/);
    });
  });

  describe('editing and cancelling', () => {
    it('the host edits title, description, start and lineup while scheduled', async () => {
      const made = await makeSession(t, { products: products.slice(0, 2) });
      const start = new Date(Date.now() + 5 * HOUR).toISOString();
      const res = await t
        .http()
        .patch(`/api/sessions/${made.session.id}`)
        .set(authHeader(made.hostToken))
        .send({
          title: '  Phiên mới  ',
          description: 'Mô tả mới',
          scheduledStartAt: start,
          lineup: [products[2]!.id, products[0]!.id],
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Phiên mới',
        description: 'Mô tả mới',
        scheduledStartAt: start,
        lineup: [products[2]!.id, products[0]!.id],
      });
    });

    it('only the host edits or cancels (a co-host gets 403 HOST_ONLY)', async () => {
      const made = await makeSession(t, { products: products.slice(0, 1) });
      const cohost = await makeUser(t);
      await addCohost(t, made, cohost);
      const edit = await t
        .http()
        .patch(`/api/sessions/${made.session.id}`)
        .set(authHeader(cohost.accessToken))
        .send({ title: 'x' });
      expect(edit.status).toBe(403);
      expect(edit.body.code).toBe('HOST_ONLY');
      const cancel = await post(`/api/sessions/${made.session.id}/cancel`, cohost.accessToken);
      expect(cancel.status).toBe(403);
    });

    it('a cancelled or live session can no longer be edited (409 SESSION_NOT_EDITABLE)', async () => {
      const made = await makeLiveSession(t, { products: products.slice(0, 1) });
      const res = await t
        .http()
        .patch(`/api/sessions/${made.session.id}`)
        .set(authHeader(made.hostToken))
        .send({ title: 'Muộn rồi' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SESSION_NOT_EDITABLE');
    });

    it('the host cancels a scheduled session; cancelling again is an illegal transition (409)', async () => {
      const made = await makeSession(t, { products: products.slice(0, 1) });
      const first = await post(`/api/sessions/${made.session.id}/cancel`, made.hostToken);
      expect(first.status).toBe(200);
      expect(first.body.status).toBe('cancelled');
      const again = await post(`/api/sessions/${made.session.id}/cancel`, made.hostToken);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'ILLEGAL_SESSION_TRANSITION',
        details: { from: 'cancelled', action: 'cancel' },
      });
      const goLive = await post(`/api/sessions/${made.session.id}/go-live`, made.hostToken);
      expect(goLive.status).toBe(409);
      expect(goLive.body.code).toBe('ILLEGAL_SESSION_TRANSITION');
    });
  });

  describe('going live and ending', () => {
    it('the host goes live and ends; a moderator and a viewer cannot (403); ended cannot go live again', async () => {
      const made = await makeSession(t, { products: products.slice(0, 1) });
      const moderator = await makeUser(t);
      const viewer = await makeUser(t);
      await addModerator(t, made, moderator);
      for (const who of [moderator, viewer]) {
        const res = await post(`/api/sessions/${made.session.id}/go-live`, who.accessToken);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('HOST_OR_COHOST_ONLY');
      }
      const endEarly = await post(`/api/sessions/${made.session.id}/end`, made.hostToken);
      expect(endEarly.status).toBe(409);
      expect(endEarly.body.code).toBe('ILLEGAL_SESSION_TRANSITION');

      const live = await post(`/api/sessions/${made.session.id}/go-live`, made.hostToken);
      expect(live.status).toBe(200);
      expect(live.body.status).toBe('live');
      expect(live.body.startedAt).toEqual(expect.any(String));
      const cancel = await post(`/api/sessions/${made.session.id}/cancel`, made.hostToken);
      expect(cancel.status).toBe(409);

      const ended = await post(`/api/sessions/${made.session.id}/end`, made.hostToken);
      expect(ended.status).toBe(200);
      expect(ended.body.status).toBe('ended');
      const again = await post(`/api/sessions/${made.session.id}/go-live`, made.hostToken);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_SESSION_TRANSITION');
      const detail = await t.http().get(`/api/sessions/${made.session.id}`);
      expect(detail.body).toMatchObject({ status: 'ended', peakViewers: 0, uniqueViewers: 0 });
    });

    it('a co-host goes live and ends the show', async () => {
      const made = await makeSession(t, { products: products.slice(0, 1) });
      const cohost = await makeUser(t);
      await addCohost(t, made, cohost);
      expect((await post(`/api/sessions/${made.session.id}/go-live`, cohost.accessToken)).status).toBe(200);
      expect((await post(`/api/sessions/${made.session.id}/end`, cohost.accessToken)).status).toBe(200);
    });
  });

  describe('staff', () => {
    it('the host appoints, re-roles and dismisses staff; others cannot', async () => {
      const made = await makeSession(t, { products: products.slice(0, 1) });
      const helper = await makeUser(t);
      const other = await makeUser(t);
      const appointed = await post(`/api/sessions/${made.session.id}/staff`, made.hostToken, {
        userId: helper.id,
        role: 'moderator',
      });
      expect(appointed.status).toBe(200);
      expect(appointed.body).toEqual([expect.objectContaining({ userId: helper.id, role: 'moderator' })]);
      const rerole = await post(`/api/sessions/${made.session.id}/staff`, made.hostToken, {
        userId: helper.id,
        role: 'cohost',
      });
      expect(rerole.body).toEqual([expect.objectContaining({ userId: helper.id, role: 'cohost' })]);

      const byOther = await post(`/api/sessions/${made.session.id}/staff`, other.accessToken, {
        userId: other.id,
        role: 'cohost',
      });
      expect(byOther.status).toBe(403);
      const self = await post(`/api/sessions/${made.session.id}/staff`, made.hostToken, {
        userId: made.host.id,
        role: 'cohost',
      });
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('HOST_CANNOT_BE_STAFF');
      const nobody = await post(`/api/sessions/${made.session.id}/staff`, made.hostToken, {
        userId: '0e3c9b9a-5a0e-4a8e-9a53-0c1d2e3f4a5b',
        role: 'cohost',
      });
      expect(nobody.status).toBe(422);
      expect(nobody.body.code).toBe('USER_NOT_FOUND');

      const dismissed = await t
        .http()
        .delete(`/api/sessions/${made.session.id}/staff/${helper.id}`)
        .set(authHeader(made.hostToken));
      expect(dismissed.status).toBe(204);
      const twice = await t
        .http()
        .delete(`/api/sessions/${made.session.id}/staff/${helper.id}`)
        .set(authHeader(made.hostToken));
      expect(twice.status).toBe(404);
      expect(twice.body.code).toBe('STAFF_NOT_FOUND');
    });
  });

  describe('public listings', () => {
    let listTree: BranchTree;
    let hostA: Awaited<ReturnType<typeof makeStreamer>>;
    let hostB: Awaited<ReturnType<typeof makeStreamer>>;
    let herbs: ProductView;
    const made: Record<string, SessionView> = {};

    beforeAll(async () => {
      listTree = await makeBranchTree(t);
      hostA = await makeStreamer(t, listTree.cellA1.id);
      hostB = await makeStreamer(t, listTree.communeB1.id);
      const admin = await makeAdmin(t, listTree.city.id);
      const farmer = await makeFarmer(t, { branchId: listTree.communeA1.id });
      herbs = await makeActiveProduct(t, { farmer, admin, group: 'herbs' });
      const food = products[0]!;
      made['upcomingA'] = (
        await makeSession(t, { host: hostA, products: [food], startInMs: 3 * HOUR })
      ).session;
      made['upcomingA2'] = (
        await makeSession(t, { host: hostA, products: [food, herbs], startInMs: 2 * HOUR })
      ).session;
      made['liveB'] = (await makeLiveSession(t, { host: hostB, products: [herbs] })).session;
      const past = await makeLiveSession(t, { host: hostB, products: [food] });
      await post(`/api/sessions/${past.session.id}/end`, past.hostToken);
      made['pastB'] = past.session;
      const cancelled = await makeSession(t, { host: hostA, products: [food] });
      await post(`/api/sessions/${cancelled.session.id}/cancel`, cancelled.hostToken);
      made['cancelledA'] = cancelled.session;
    });

    const ids = (body: { items: SessionView[] }) => body.items.map((s) => s.id);

    it('by status, within a branch subtree: upcoming soonest first, live, past; never cancelled', async () => {
      const city = listTree.city.id;
      const upcoming = await t.http().get('/api/sessions').query({ status: 'upcoming', branchId: city });
      expect(upcoming.status).toBe(200);
      expect(ids(upcoming.body)).toEqual([made['upcomingA2']!.id, made['upcomingA']!.id]);
      const live = await t.http().get('/api/sessions').query({ status: 'live', branchId: city });
      expect(ids(live.body)).toEqual([made['liveB']!.id]);
      const past = await t.http().get('/api/sessions').query({ status: 'past', branchId: city });
      expect(ids(past.body)).toEqual([made['pastB']!.id]);
      const all = await t.http().get('/api/sessions').query({ branchId: city });
      expect(all.body.total).toBe(4);
      expect(ids(all.body)).not.toContain(made['cancelledA']!.id);
    });

    it('a branch filter includes its subtree only', async () => {
      const districtA = await t.http().get('/api/sessions').query({ branchId: listTree.districtA.id });
      expect(new Set(ids(districtA.body))).toEqual(new Set([made['upcomingA']!.id, made['upcomingA2']!.id]));
      const cell = await t.http().get('/api/sessions').query({ branchId: listTree.cellA1.id });
      expect(cell.body.total).toBe(2);
      const communeA2 = await t.http().get('/api/sessions').query({ branchId: listTree.communeA2.id });
      expect(communeA2.body).toMatchObject({ items: [], total: 0 });
    });

    it('by OCOP group of a lineup product', async () => {
      const res = await t.http().get('/api/sessions').query({ group: 'herbs', branchId: listTree.city.id });
      expect(new Set(ids(res.body))).toEqual(new Set([made['upcomingA2']!.id, made['liveB']!.id]));
    });

    it('paginated', async () => {
      const first = await t
        .http()
        .get('/api/sessions')
        .query({ branchId: listTree.city.id, pageSize: 3, page: 1 });
      const second = await t
        .http()
        .get('/api/sessions')
        .query({ branchId: listTree.city.id, pageSize: 3, page: 2 });
      expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: 4 });
      expect(first.body.items).toHaveLength(3);
      expect(second.body.items).toHaveLength(1);
      expect(new Set([...ids(first.body), ...ids(second.body)]).size).toBe(4);
    });

    it('a session page shows its lineup cards, public to guests', async () => {
      const res = await t.http().get(`/api/sessions/${made['upcomingA2']!.id}`);
      expect(res.status).toBe(200);
      expect(res.body.lineupProducts).toEqual([
        expect.objectContaining({
          productId: products[0]!.id,
          name: products[0]!.name,
          priceVnd: products[0]!.priceVnd,
        }),
        expect.objectContaining({
          productId: herbs.id,
          group: 'herbs',
          stars: herbs.certificate.stars,
          pinned: false,
        }),
      ]);
      expect(res.body).toMatchObject({ pins: [], viewers: 0, hostName: hostA.displayName });
    });
  });
});
