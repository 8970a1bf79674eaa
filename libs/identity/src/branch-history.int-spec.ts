import { FixedClock } from '@ocop/kernel';
import {
  authHeader,
  createTestApp,
  makeAdmin,
  makeBranchTree,
  makeStreamer,
  makeUser,
  TestApp,
  tokenFor,
} from '@ocop/testing';
import { IdentityFacade } from './application/identity.facade';
import { IdentityHttpModule } from './identity-http.module';

const HOUR = 3_600_000;

describe('identity: branch history, memberships over time', () => {
  let t: TestApp;
  let facade: IdentityFacade;
  const clock = new FixedClock(new Date('2025-03-01T08:00:00Z'));
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule], clock });
    facade = t.app.get(IdentityFacade);
  });
  afterAll(() => t.close());

  it('re-parenting keeps the old ancestry for old dates, for the branch and all its descendants', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const before = clock.now();
    clock.advance(HOUR);
    // July 2025: the district level is abolished and communes report to the city directly.
    const moved = await t
      .http()
      .post(`/api/branches/${tree.communeA1.id}/move`)
      .set(authHeader(admin.accessToken))
      .send({ parentId: tree.city.id })
      .expect(200);
    expect(moved.body).toMatchObject({ parentId: tree.city.id, path: [tree.city.id, tree.communeA1.id] });
    const after = clock.now();
    clock.advance(HOUR);

    expect(await facade.ancestryAt(tree.cellA1.id, before)).toEqual([
      tree.city.id,
      tree.districtA.id,
      tree.communeA1.id,
      tree.cellA1.id,
    ]);
    expect(await facade.ancestryAt(tree.cellA1.id, after)).toEqual([
      tree.city.id,
      tree.communeA1.id,
      tree.cellA1.id,
    ]);
    expect(await facade.ancestryAt(tree.communeA1.id, new Date(before.getTime() - 10 * HOUR))).toBeNull();
    expect((await facade.findBranch(tree.cellA1.id))?.path).toEqual([
      tree.city.id,
      tree.communeA1.id,
      tree.cellA1.id,
    ]);
    expect((await facade.subtreeBranchIds(tree.districtA.id)).sort()).toEqual(
      [tree.districtA.id, tree.communeA2.id].sort(),
    );

    const old = await t
      .http()
      .get(`/api/branches/${tree.cellA1.id}/ancestry?at=${encodeURIComponent(before.toISOString())}`)
      .set(authHeader(admin.accessToken))
      .expect(200);
    expect(old.body.path).toEqual([tree.city.id, tree.districtA.id, tree.communeA1.id, tree.cellA1.id]);
    const now = await t
      .http()
      .get(`/api/branches/${tree.cellA1.id}/ancestry`)
      .set(authHeader(admin.accessToken))
      .expect(200);
    expect(now.body.path).toEqual([tree.city.id, tree.communeA1.id, tree.cellA1.id]);

    // Old versions were closed, never rewritten; exactly one current version per branch.
    const versions = await t.db.query(
      `SELECT path, valid_to FROM branch_versions WHERE branch_id = $1 ORDER BY valid_from`,
      [tree.cellA1.id],
    );
    expect(versions).toHaveLength(2);
    expect(versions[0].path).toHaveLength(4);
    expect(versions[0].valid_to).toEqual(after);
    expect(versions[1].valid_to).toBeNull();
    const events = await t.db.query(`SELECT type, actor_user_id FROM branch_events WHERE branch_id = $1`, [
      tree.communeA1.id,
    ]);
    expect(events).toContainEqual({ type: 'moved', actor_user_id: admin.id });
  });

  it('rejects cycles, and a cell cannot adopt children', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const as = authHeader(admin.accessToken);
    const cycle = await t
      .http()
      .post(`/api/branches/${tree.districtA.id}/move`)
      .set(as)
      .send({ parentId: tree.cellA1.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('BRANCH_MOVE_CYCLE');
    const self = await t
      .http()
      .post(`/api/branches/${tree.districtA.id}/move`)
      .set(as)
      .send({ parentId: tree.districtA.id });
    expect(self.body.code).toBe('BRANCH_MOVE_CYCLE');
    const underCell = await t
      .http()
      .post(`/api/branches/${tree.communeA2.id}/move`)
      .set(as)
      .send({ parentId: tree.cellB1.id });
    expect(underCell.status).toBe(409);
    expect(underCell.body.code).toBe('BRANCH_PARENT_CANNOT_HAVE_CHILDREN');
    const create = await t
      .http()
      .post('/api/branches')
      .set(as)
      .send({ code: `${tree.cellA1.code}-Q`, name: 'Q', type: 'cell', parentId: tree.cellA1.id });
    expect(create.body.code).toBe('BRANCH_PARENT_CANNOT_HAVE_CHILDREN');
    const dup = await t
      .http()
      .post('/api/branches')
      .set(as)
      .send({ code: tree.communeA2.code, name: 'Dup', type: 'cell', parentId: tree.communeA2.id });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('BRANCH_CODE_TAKEN');
  });

  it('a streamer who moves branch keeps the old branch for old dates (membershipAt)', async () => {
    const tree = await makeBranchTree(t);
    const adminA = await makeAdmin(t, tree.districtA.id);
    const adminB = await makeAdmin(t, tree.districtB.id);
    const user = await makeUser(t);
    const ut = authHeader(user.accessToken);

    const applied = await t
      .http()
      .post('/api/me/memberships')
      .set(ut)
      .send({ branchId: tree.cellA1.id })
      .expect(201);
    expect(applied.body).toMatchObject({ status: 'pending', branchId: tree.cellA1.id, validFrom: null });
    const again = await t
      .http()
      .post('/api/me/memberships')
      .set(ut)
      .send({ branchId: tree.communeA2.id })
      .expect(409);
    expect(again.body.code).toBe('APPLICATION_PENDING');
    const listed = await t
      .http()
      .get(`/api/branches/${tree.cellA1.id}/members?status=pending`)
      .set(authHeader(adminA.accessToken))
      .expect(200);
    expect(listed.body.map((m: { id: string }) => m.id)).toEqual([applied.body.id]);

    clock.advance(HOUR);
    const approved = await t
      .http()
      .post(`/api/memberships/${applied.body.id}/approve`)
      .set(authHeader(adminA.accessToken))
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'active',
      validFrom: clock.now().toISOString(),
      validTo: null,
    });
    expect((await facade.findUser(user.id))?.roles).toEqual(['shopper', 'streamer']);
    const inA = clock.now();
    // The approval retired the shopper-only token (a role change): the user goes on with a fresh one.
    await t.http().post('/api/me/memberships').set(ut).send({ branchId: tree.cellA1.id }).expect(401);
    const streamerAuth = authHeader(await tokenFor(t, user.id));
    await t
      .http()
      .post('/api/me/memberships')
      .set(streamerAuth)
      .send({ branchId: tree.cellA1.id })
      .expect(409);

    clock.advance(HOUR);
    const second = await t
      .http()
      .post('/api/me/memberships')
      .set(streamerAuth)
      .send({ branchId: tree.cellB1.id })
      .expect(201);
    await t
      .http()
      .post(`/api/memberships/${second.body.id}/approve`)
      .set(authHeader(adminB.accessToken))
      .expect(200);
    const inB = clock.now();
    clock.advance(HOUR);

    expect(await facade.membershipAt(user.id, new Date(inA.getTime() - 1))).toBeNull();
    expect(await facade.membershipAt(user.id, inA)).toEqual({
      branchId: tree.cellA1.id,
      path: tree.cellA1.path,
    });
    expect(await facade.membershipAt(user.id, inB)).toEqual({
      branchId: tree.cellB1.id,
      path: tree.cellB1.path,
    });

    const me = await t
      .http()
      .get('/api/me')
      .set(authHeader(await tokenFor(t, user.id)))
      .expect(200);
    expect(me.body.membership).toMatchObject({ branchId: tree.cellB1.id, status: 'active' });
    const history = await t
      .http()
      .get('/api/me/memberships')
      .set(authHeader(await tokenFor(t, user.id)))
      .expect(200);
    expect(history.body.map((m: { status: string; branchId: string }) => [m.branchId, m.status])).toEqual([
      [tree.cellB1.id, 'active'],
      [tree.cellA1.id, 'ended'],
    ]);

    // Ending the membership removes the streamer role; the past stays.
    await t
      .http()
      .post(`/api/memberships/${second.body.id}/end`)
      .set(authHeader(adminB.accessToken))
      .expect(200);
    expect((await facade.findUser(user.id))?.roles).toEqual(['shopper']);
    expect(await facade.membershipAt(user.id, inB)).toEqual({
      branchId: tree.cellB1.id,
      path: tree.cellB1.path,
    });
    expect(await facade.membershipAt(user.id, clock.now())).toBeNull();
    const endAgain = await t
      .http()
      .post(`/api/memberships/${second.body.id}/end`)
      .set(authHeader(adminB.accessToken));
    expect(endAgain.status).toBe(409);
  });

  it('merging re-parents children, transfers members with history, and keeps old ancestry', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const streamer = await makeStreamer(t, tree.communeA1.id);
    const applicant = await makeUser(t);
    await t
      .http()
      .post('/api/me/memberships')
      .set(authHeader(applicant.accessToken))
      .send({ branchId: tree.communeA1.id })
      .expect(201);
    const before = clock.now();
    clock.advance(HOUR);

    const merged = await t
      .http()
      .post(`/api/branches/${tree.communeA1.id}/merge`)
      .set(authHeader(admin.accessToken))
      .send({ intoId: tree.communeB1.id })
      .expect(200);
    expect(merged.body).toMatchObject({ status: 'merged' });
    const after = clock.now();
    clock.advance(HOUR);

    expect(await facade.ancestryAt(tree.cellA1.id, before)).toEqual(tree.cellA1.path);
    expect(await facade.ancestryAt(tree.cellA1.id, after)).toEqual([
      tree.city.id,
      tree.districtB.id,
      tree.communeB1.id,
      tree.cellA1.id,
    ]);
    expect(await facade.membershipAt(streamer.id, before)).toEqual({
      branchId: tree.communeA1.id,
      path: tree.communeA1.path,
    });
    expect(await facade.membershipAt(streamer.id, after)).toEqual({
      branchId: tree.communeB1.id,
      path: tree.communeB1.path,
    });
    const members = await t
      .http()
      .get(`/api/branches/${tree.communeB1.id}/members`)
      .set(authHeader(admin.accessToken))
      .expect(200);
    expect(members.body.map((m: { userId: string; status: string }) => [m.userId, m.status]).sort()).toEqual(
      [
        [streamer.id, 'active'],
        [applicant.id, 'pending'],
      ].sort(),
    );
    // A merged branch takes no new members and cannot be merged again.
    const apply = await t
      .http()
      .post('/api/me/memberships')
      .set(authHeader((await makeUser(t)).accessToken))
      .send({ branchId: tree.communeA1.id });
    expect(apply.status).toBe(409);
    expect(apply.body.code).toBe('BRANCH_NOT_ACTIVE');
    const again = await t
      .http()
      .post(`/api/branches/${tree.communeA1.id}/merge`)
      .set(authHeader(admin.accessToken))
      .send({ intoId: tree.communeB2.id });
    expect(again.body.code).toBe('BRANCH_NOT_ACTIVE');
    const intoChild = await t
      .http()
      .post(`/api/branches/${tree.districtB.id}/merge`)
      .set(authHeader(admin.accessToken))
      .send({ intoId: tree.communeB2.id });
    expect(intoChild.body.code).toBe('BRANCH_MERGE_INVALID');
  });

  it('closes a branch only when it has no active children and no active members', async () => {
    const tree = await makeBranchTree(t);
    const admin = await makeAdmin(t, tree.city.id);
    const as = authHeader(admin.accessToken);
    expect(
      (await t.http().post(`/api/branches/${tree.communeB1.id}/close`).set(as).expect(409)).body.code,
    ).toBe('BRANCH_HAS_ACTIVE_CHILDREN');
    const streamer = await makeStreamer(t, tree.communeB2.id);
    expect(
      (await t.http().post(`/api/branches/${tree.communeB2.id}/close`).set(as).expect(409)).body.code,
    ).toBe('BRANCH_HAS_ACTIVE_MEMBERS');
    await t.http().post(`/api/memberships/${streamer.membershipId}/end`).set(as).expect(200);
    const closed = await t.http().post(`/api/branches/${tree.communeB2.id}/close`).set(as).expect(200);
    expect(closed.body.status).toBe('closed');
    // A closed branch is hidden from the public, still visible to its admin.
    await t.http().get(`/api/branches/${tree.communeB2.id}`).expect(404);
    await t.http().get(`/api/branches/${tree.communeB2.id}`).set(as).expect(200);
    await t.http().get(`/api/branches/${tree.communeB1.id}`).expect(200);
  });
});
