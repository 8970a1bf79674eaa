import { AccessTokenService } from '@ocop/auth';
import {
  authHeader,
  BranchTree,
  createTestApp,
  makeAdmin,
  makeBranchTree,
  makeStreamer,
  makeUser,
  MadeUser,
  TestApp,
  tokenFor,
} from '@ocop/testing';
import { IdentityFacade } from './application/identity.facade';
import { UsersService } from './application/users.service';
import type { MembershipReviewView } from './application/memberships.service';
import type { Profile } from './application/profile.service';
import { BRANCH_TYPES } from './domain/branch-rules';
import { IdentityHttpModule } from './identity-http.module';

interface ReviewPage {
  items: MembershipReviewView[];
  page: number;
  pageSize: number;
  total: number;
}

describe('identity: what the web app routes and reviews by', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule] });
  });
  afterAll(() => t?.close());

  const apply = (user: MadeUser, branchId: string) =>
    t.http().post('/api/me/memberships').set(authHeader(user.accessToken)).send({ branchId }).expect(201);
  const review = async (admin: MadeUser, query = ''): Promise<ReviewPage> =>
    (await t.http().get(`/api/admin/memberships${query}`).set(authHeader(admin.accessToken)).expect(200))
      .body as ReviewPage;

  describe('GET /api/admin/memberships', () => {
    let tree: BranchTree;
    let districtAdmin: MadeUser;
    let first: MadeUser;
    let second: MadeUser;
    let outside: MadeUser;
    let member: MadeUser & { membershipId: string };

    beforeAll(async () => {
      tree = await makeBranchTree(t);
      districtAdmin = await makeAdmin(t, tree.districtA.id);
      first = await makeUser(t, { phone: true, displayName: 'Phạm Thu Trang' });
      second = await makeUser(t, { displayName: 'Đỗ Minh Khôi' });
      outside = await makeUser(t);
      await apply(first, tree.communeA1.id);
      await apply(second, tree.cellA1.id);
      await apply(outside, tree.communeB1.id);
      member = await makeStreamer(t, tree.communeA2.id);
    });

    it("pending applications across the admin's whole subtree, oldest first, with contact and branch path", async () => {
      const page = await review(districtAdmin, '?status=pending');
      expect(page).toMatchObject({ page: 1, pageSize: 20, total: 2 });
      expect(page.items).toEqual([
        expect.objectContaining({
          userId: first.id,
          userDisplayName: 'Phạm Thu Trang',
          userEmail: first.email,
          userPhone: expect.stringMatching(/^\+84\d{9}$/),
          branchId: tree.communeA1.id,
          branchName: tree.communeA1.name,
          status: 'pending',
          branchPath: [
            { id: tree.districtA.id, code: tree.districtA.code, name: tree.districtA.name },
            { id: tree.communeA1.id, code: tree.communeA1.code, name: tree.communeA1.name },
          ],
        }),
        expect.objectContaining({
          userId: second.id,
          userDisplayName: 'Đỗ Minh Khôi',
          userPhone: null,
          branchId: tree.cellA1.id,
          branchPath: [tree.districtA.id, tree.communeA1.id, tree.cellA1.id].map((id) =>
            expect.objectContaining({ id }),
          ),
        }),
      ]);
    });

    it('the city admin sees every district; every status without a filter; pages; a decision leaves the queue', async () => {
      const cityAdmin = await makeAdmin(t, tree.city.id);
      const pending = await review(cityAdmin, '?status=pending');
      expect(pending.items.map((m) => m.userId)).toEqual([first.id, second.id, outside.id]);
      expect(pending.items[2]?.branchPath.map((b) => b.id)).toEqual([
        tree.city.id,
        tree.districtB.id,
        tree.communeB1.id,
      ]);

      const all = await review(districtAdmin);
      expect(all.total).toBe(3);
      expect(all.items.map((m) => [m.userId, m.status])).toEqual([
        [member.id, 'active'],
        [second.id, 'pending'],
        [first.id, 'pending'],
      ]);
      const active = await review(districtAdmin, '?status=active');
      expect(active.items.map((m) => m.id)).toEqual([member.membershipId]);
      // one branch's members (the campaign assignment screen lists the streamers of the admin's own branch)
      expect(
        (await review(districtAdmin, `?status=active&branchId=${tree.communeA2.id}`)).items.map((m) => m.id),
      ).toEqual([member.membershipId]);
      expect(
        (await review(districtAdmin, `?branchId=${tree.communeA1.id}`)).items.map((m) => m.userId),
      ).toEqual([first.id]);
      // a branch outside the subtree answers nothing
      expect((await review(districtAdmin, `?branchId=${tree.communeB1.id}`)).total).toBe(0);

      const pageTwo = await review(districtAdmin, '?status=pending&pageSize=1&page=2');
      expect(pageTwo).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(pageTwo.items.map((m) => m.userId)).toEqual([second.id]);
      expect(await review(districtAdmin, '?status=pending&pageSize=1&page=9')).toMatchObject({
        items: [],
        total: 2,
      });

      const firstId = pending.items[0]?.id as string;
      await t
        .http()
        .post(`/api/memberships/${firstId}/approve`)
        .set(authHeader(districtAdmin.accessToken))
        .expect(200);
      expect((await review(districtAdmin, '?status=pending')).items.map((m) => m.userId)).toEqual([
        second.id,
      ]);
    });

    it('only admins with a scope: shoppers 403, a bad status or unknown field 400, guests 401', async () => {
      const shopper = await makeUser(t);
      const forbidden = await t.http().get('/api/admin/memberships').set(authHeader(shopper.accessToken));
      expect(forbidden.status).toBe(403);
      for (const query of ['?status=approved', '?branchId=x', '?pageSize=0']) {
        const res = await t
          .http()
          .get(`/api/admin/memberships${query}`)
          .set(authHeader(districtAdmin.accessToken));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      await t.http().get('/api/admin/memberships').expect(401);

      // The admin role in a token whose assignment has since ended: no scope, no list.
      const former = await makeAdmin(t, tree.communeB2.id);
      const cityAdmin = await makeAdmin(t, tree.city.id);
      await t
        .http()
        .delete(`/api/branches/${tree.communeB2.id}/admins/${former.id}`)
        .set(authHeader(cityAdmin.accessToken))
        .expect(204);
      const revoked = await t.http().get('/api/admin/memberships').set(authHeader(former.accessToken));
      expect(revoked.status).toBe(401);
      expect(revoked.body.code).toBe('TOKEN_REVOKED');
      // Even a token that still says admin at the current version (as one could during the second a replica
      // trusts its cache) finds no scope.
      const access = await t.app.get(UsersService).accessOf(former.id);
      const stale = await t.app
        .get(AccessTokenService)
        .sign({ id: former.id, roles: ['shopper', 'admin'] }, access?.tokenVersion ?? -1);
      const scoped = await t.http().get('/api/admin/memberships').set(authHeader(stale));
      expect(scoped.status).toBe(403);
      expect(scoped.body.code).toBe('ADMIN_SCOPE_REQUIRED');
    });
  });

  describe('GET /api/me routes by role', () => {
    it('an admin gets their scope root; a streamer their branch; a farmer has a producer profile', async () => {
      const tree = await makeBranchTree(t);
      const admin = await makeAdmin(t, tree.districtB.id);
      const me = (await t.http().get('/api/me').set(authHeader(admin.accessToken)).expect(200))
        .body as Profile;
      expect(me).toMatchObject({
        id: admin.id,
        displayName: admin.displayName,
        roles: expect.arrayContaining(['admin']),
        adminScope: { id: tree.districtB.id, name: tree.districtB.name, type: 'district_union' },
        membership: null,
        hasProducerProfile: false,
      });

      const streamer = await makeStreamer(t, tree.cellB1.id);
      const asStreamer = (await t.http().get('/api/me').set(authHeader(streamer.accessToken)).expect(200))
        .body as Profile;
      expect(asStreamer).toMatchObject({
        roles: expect.arrayContaining(['streamer']),
        membership: { branchId: tree.cellB1.id, branchName: tree.cellB1.name, status: 'active' },
        adminScope: null,
        hasProducerProfile: false,
      });

      // Creating the producer profile grants the farmer role (the catalogue does exactly this).
      const farmer = await makeUser(t);
      await t.app.get(IdentityFacade).grantRole(farmer.id, 'farmer');
      const asFarmer = (
        await t
          .http()
          .get('/api/me')
          .set(authHeader(await tokenFor(t, farmer.id)))
          .expect(200)
      ).body as Profile;
      expect(asFarmer).toMatchObject({ roles: expect.arrayContaining(['farmer']), hasProducerProfile: true });
    });
  });

  describe('the tree editor', () => {
    it("GET /api/branches/:id/subtree gives every node's id, name, type, code, parentId and status", async () => {
      const tree = await makeBranchTree(t);
      const admin = await makeAdmin(t, tree.districtA.id);
      await t
        .http()
        .post(`/api/branches/${tree.communeA2.id}/close`)
        .set(authHeader(admin.accessToken))
        .expect(200);
      const res = await t
        .http()
        .get(`/api/branches/${tree.districtA.id}/subtree`)
        .set(authHeader(admin.accessToken))
        .expect(200);
      const nodes = res.body as { id: string; parentId: string | null; status: string; type: string }[];
      expect(nodes).toEqual(
        [tree.districtA, tree.communeA1, tree.communeA2, tree.cellA1].map((b) =>
          expect.objectContaining({
            id: b.id,
            code: b.code,
            name: b.name,
            type: b.type,
            parentId: b.parentId,
            status: b.id === tree.communeA2.id ? 'closed' : 'active',
            path: expect.arrayContaining([b.id]),
          }),
        ),
      );
      expect(nodes.every((n) => (BRANCH_TYPES as readonly string[]).includes(n.type))).toBe(true);
      // Every parent but the root's is in the list: the editor can build the tree from parentId alone.
      const ids = new Set(nodes.map((n) => n.id));
      expect(nodes.filter((n) => n.parentId !== null && !ids.has(n.parentId)).map((n) => n.id)).toEqual([
        tree.districtA.id,
      ]);
    });
  });
});
