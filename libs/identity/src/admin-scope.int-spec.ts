import { randomUUID } from 'node:crypto';
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

async function counts(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.db.query(`
    SELECT (SELECT count(*) FROM branches)::int AS branches, (SELECT count(*) FROM branch_versions)::int AS versions,
           (SELECT count(*) FROM branch_events)::int AS events, (SELECT count(*) FROM memberships)::int AS memberships,
           (SELECT count(*) FROM admin_assignments)::int AS assignments,
           (SELECT md5(string_agg(id::text || name || status || path::text, ',' ORDER BY id)) FROM branches) AS branch_state,
           (SELECT md5(string_agg(id::text || status || coalesce(valid_to::text, ''), ',' ORDER BY id)) FROM memberships) AS m_state`);
  return rows[0];
}

describe('identity: admin scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule] });
  });
  afterAll(() => t.close());

  it('an admin of one district can neither read nor change the other district (404 every time), nor move their own root', async () => {
    const tree = await makeBranchTree(t);
    const adminA = await makeAdmin(t, tree.districtA.id);
    const adminB = await makeAdmin(t, tree.districtB.id);
    const applicant = await makeUser(t);
    const pending = await t
      .http()
      .post('/api/me/memberships')
      .set(authHeader(applicant.accessToken))
      .send({ branchId: tree.communeB1.id })
      .expect(201);
    const streamerB = await makeStreamer(t, tree.cellB1.id);
    const as = authHeader(adminA.accessToken);
    const before = await counts(t);

    const attempts = [
      () =>
        t
          .http()
          .post('/api/branches')
          .set(as)
          .send({ code: `${tree.communeB1.code}-N`, name: 'N', type: 'cell', parentId: tree.communeB1.id }),
      () => t.http().get(`/api/branches/${tree.districtB.id}/subtree`).set(as),
      () => t.http().get(`/api/branches/${tree.communeB1.id}/ancestry`).set(as),
      () => t.http().patch(`/api/branches/${tree.communeB1.id}`).set(as).send({ name: 'Hijacked' }),
      () =>
        t
          .http()
          .post(`/api/branches/${tree.communeB1.id}/move`)
          .set(as)
          .send({ parentId: tree.districtA.id }),
      () =>
        t
          .http()
          .post(`/api/branches/${tree.communeA1.id}/move`)
          .set(as)
          .send({ parentId: tree.districtB.id }),
      () =>
        t.http().post(`/api/branches/${tree.communeB2.id}/merge`).set(as).send({ intoId: tree.communeB1.id }),
      () =>
        t.http().post(`/api/branches/${tree.communeA2.id}/merge`).set(as).send({ intoId: tree.communeB2.id }),
      () => t.http().post(`/api/branches/${tree.communeB2.id}/close`).set(as),
      () => t.http().get(`/api/branches/${tree.communeB1.id}/members`).set(as),
      () => t.http().get(`/api/branches/${tree.cellB1.id}/members?status=active`).set(as),
      () => t.http().post(`/api/memberships/${pending.body.id}/approve`).set(as),
      () => t.http().post(`/api/memberships/${pending.body.id}/reject`).set(as),
      () => t.http().post(`/api/memberships/${streamerB.membershipId}/end`).set(as),
      () => t.http().post(`/api/branches/${tree.communeB1.id}/admins`).set(as).send({ userId: applicant.id }),
      () => t.http().delete(`/api/branches/${tree.districtB.id}/admins/${adminB.id}`).set(as),
      () => t.http().get(`/api/branches/${tree.city.id}/subtree`).set(as),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect([403, 404]).toContain(res.status);
      expect(res.body.code).toMatch(/_NOT_FOUND$/);
    }
    const ownRoot = await t
      .http()
      .post(`/api/branches/${tree.districtA.id}/move`)
      .set(as)
      .send({ parentId: tree.communeA1.id });
    expect(ownRoot.status).toBe(403);
    const closeRoot = await t.http().post(`/api/branches/${tree.districtA.id}/close`).set(as);
    expect([403, 409]).toContain(closeRoot.status);
    expect(await counts(t)).toEqual(before);

    // Inside their own subtree the same admin can act.
    await t
      .http()
      .post('/api/branches')
      .set(as)
      .send({
        code: `${tree.communeA1.code}-N`,
        name: 'Chi đoàn mới',
        type: 'cell',
        parentId: tree.communeA1.id,
      })
      .expect(201);
    await t
      .http()
      .patch(`/api/branches/${tree.communeA2.id}`)
      .set(as)
      .send({ name: 'Đoàn xã đổi tên' })
      .expect(200);
  });

  it('an admin grants admin of a branch in their subtree; the new admin sees only that subtree; revoking removes the role', async () => {
    const tree = await makeBranchTree(t);
    const cityAdmin = await makeAdmin(t, tree.city.id);
    const user = await makeUser(t);
    const granted = await t
      .http()
      .post(`/api/branches/${tree.communeA1.id}/admins`)
      .set(authHeader(cityAdmin.accessToken))
      .send({ userId: user.id })
      .expect(201);
    expect(granted.body).toMatchObject({
      userId: user.id,
      branchId: tree.communeA1.id,
      grantedBy: cityAdmin.id,
      validTo: null,
    });
    const token = await tokenFor(t, user.id);
    const me = await t.http().get('/api/me').set(authHeader(token)).expect(200);
    expect(me.body.roles).toContain('admin');
    expect(me.body.adminScope).toMatchObject({ id: tree.communeA1.id, code: tree.communeA1.code });
    const sub = await t
      .http()
      .get(`/api/branches/${tree.communeA1.id}/subtree`)
      .set(authHeader(token))
      .expect(200);
    expect(sub.body.map((b: { id: string }) => b.id)).toEqual([tree.communeA1.id, tree.cellA1.id]);
    await t.http().get(`/api/branches/${tree.districtA.id}/subtree`).set(authHeader(token)).expect(404);

    const facade = t.app.get(IdentityFacade);
    expect(await facade.isBranchInAdminScope(user.id, tree.cellA1.id)).toBe(true);
    expect(await facade.isBranchInAdminScope(user.id, tree.communeA2.id)).toBe(false);
    expect((await facade.adminBranchOf(user.id))?.id).toBe(tree.communeA1.id);
    await expect(facade.assertBranchInAdminScope(user.id, tree.cellB1.id)).rejects.toMatchObject({
      code: 'BRANCH_NOT_FOUND',
    });
    await expect(facade.assertBranchInAdminScope(cityAdmin.id, tree.cellB1.id)).resolves.toMatchObject({
      id: tree.cellB1.id,
    });
    await expect(
      facade.assertBranchInAdminScope((await makeUser(t)).id, tree.cellB1.id),
    ).rejects.toMatchObject({
      code: 'ADMIN_SCOPE_REQUIRED',
    });

    await t
      .http()
      .delete(`/api/branches/${tree.communeA1.id}/admins/${user.id}`)
      .set(authHeader(cityAdmin.accessToken))
      .expect(204);
    expect((await facade.findUser(user.id))?.roles).toEqual(['shopper']);
    expect(await facade.adminBranchOf(user.id)).toBeNull();
    // The old token still says admin, but it was retired with the role; and the scope is read from the database:
    // a fresh token has nothing in scope any more.
    const revoked = await t
      .http()
      .get(`/api/branches/${tree.communeA1.id}/subtree`)
      .set(authHeader(token))
      .expect(401);
    expect(revoked.body.code).toBe('TOKEN_REVOKED');
    const fresh = await tokenFor(t, user.id);
    const gone = await t
      .http()
      .get(`/api/branches/${tree.communeA1.id}/subtree`)
      .set(authHeader(fresh))
      .expect(403);
    expect(gone.body.code).toBe('ROLE_REQUIRED');
  });

  it('facade: subtree ids, findBranch and grantRole', async () => {
    const tree = await makeBranchTree(t);
    const facade = t.app.get(IdentityFacade);
    const ids = await facade.subtreeBranchIds(tree.districtA.id);
    expect(ids.sort()).toEqual(
      [tree.districtA.id, tree.communeA1.id, tree.communeA2.id, tree.cellA1.id].sort(),
    );
    expect(await facade.findBranch(tree.cellA1.id)).toEqual({
      id: tree.cellA1.id,
      code: tree.cellA1.code,
      name: tree.cellA1.name,
      type: 'cell',
      status: 'active',
      parentId: tree.communeA1.id,
      path: [tree.city.id, tree.districtA.id, tree.communeA1.id, tree.cellA1.id],
    });
    expect(await facade.findBranch(randomUUID())).toBeNull();
    const user = await makeUser(t);
    await facade.grantRole(user.id, 'farmer');
    await facade.grantRole(user.id, 'farmer');
    expect((await facade.findUser(user.id))?.roles).toEqual(['shopper', 'farmer']);
  });
});
