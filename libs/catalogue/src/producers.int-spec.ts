import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  BranchTree,
  createTestApp,
  makeBranchTree,
  makeUser,
  producerBody,
  TestApp,
  tokenFor,
} from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';

describe('producers', () => {
  let t: TestApp;
  let tree: BranchTree;

  beforeAll(async () => {
    t = await createTestApp({ imports: [CatalogueHttpModule, IdentityHttpModule] });
    tree = await makeBranchTree(t);
  });
  afterAll(() => t.close());

  const producers = async () =>
    Number(((await t.db.query(`SELECT count(*)::int AS n FROM producers`)) as { n: number }[])[0]?.n);

  it('a signed-in user creates their producer profile once and becomes a farmer', async () => {
    const user = await makeUser(t);
    const body = producerBody(tree.communeA1.id, {
      phone: '0912 345 678',
      location: { province: 'Hà Nội', commune: 'Xã Bát Tràng', street: 'Thôn 3' },
    });
    const res = await t
      .http()
      .post('/api/producers')
      .set(authHeader(user.accessToken))
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'cooperative',
      phone: '+84912345678',
      location: { province: { code: 'ha-noi', name: 'Hà Nội' }, commune: 'Xã Bát Tràng', street: 'Thôn 3' },
      branchId: tree.communeA1.id,
    });
    // The role is granted in identity, which retires the shopper-only token; a refreshed token carries the role.
    const retired = await t.http().get('/api/me').set(authHeader(user.accessToken)).expect(401);
    expect(retired.body.code).toBe('TOKEN_REVOKED');
    const token = await tokenFor(t, user.id);
    const again = await t
      .http()
      .post('/api/producers')
      .set(authHeader(token))
      .send(producerBody(tree.communeA1.id))
      .expect(409);
    expect(again.body.code).toBe('PRODUCER_ALREADY_EXISTS');
    expect((await t.db.query(`SELECT 1 FROM producers WHERE owner_user_id = $1`, [user.id])).length).toBe(1);
    const me = await t.http().get('/api/producers/me').set(authHeader(token)).expect(200);
    expect(me.body.id).toBe(res.body.id);
    const pub = await t.http().get(`/api/producers/${res.body.id}`).expect(200);
    expect(pub.body.name).toBe(body.name);
  });

  it('two simultaneous creations by the same user make one profile', async () => {
    const user = await makeUser(t);
    const statuses = await Promise.all(
      [1, 2, 3].map(() =>
        t
          .http()
          .post('/api/producers')
          .set(authHeader(user.accessToken))
          .send(producerBody(tree.communeA1.id)),
      ),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([201, 409, 409]);
  });

  it('a farmer edits their profile; the branch must exist', async () => {
    const user = await makeUser(t);
    await t
      .http()
      .post('/api/producers')
      .set(authHeader(user.accessToken))
      .send(producerBody(tree.communeA1.id))
      .expect(201);
    // Now a farmer: the token of the shopper is retired, a fresh one carries the role.
    const farmer = { ...user, accessToken: await tokenFor(t, user.id) };
    const res = await t
      .http()
      .patch('/api/producers/me')
      .set(authHeader(farmer.accessToken))
      .send({ kind: 'household', location: { province: 'quang-ninh' }, branchId: tree.communeB1.id })
      .expect(200);
    expect(res.body).toMatchObject({
      kind: 'household',
      location: { province: { code: 'quang-ninh' } },
      branchId: tree.communeB1.id,
    });
    const unknown = await t
      .http()
      .patch('/api/producers/me')
      .set(authHeader(farmer.accessToken))
      .send({ branchId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(unknown.body.code).toBe('UNKNOWN_BRANCH');
  });

  it.each([
    ['an unknown province', { location: { province: 'Atlantis', commune: 'X' } }],
    ['a landline phone', { phone: '024 3825 1234' }],
    ['a phone as a number', { phone: 912345678 }],
    ['an unknown kind', { kind: 'corporation' }],
    ['a one-letter name', { name: 'A' }],
    ['a malformed branch id', { branchId: 'district-1' }],
    ['a location as a string', { location: 'Hà Nội' }],
    ['an unknown location field', { location: { province: 'ha-noi', commune: 'X', country: 'VN' } }],
    ['ownerUserId', { ownerUserId: '00000000-0000-4000-8000-000000000000' }],
  ])('rejects %s with 400 and writes nothing', async (_label, overrides) => {
    const user = await makeUser(t);
    const before = await producers();
    const res = await t
      .http()
      .post('/api/producers')
      .set(authHeader(user.accessToken))
      .send({ ...producerBody(tree.communeA1.id), ...overrides });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await producers()).toBe(before);
  });

  it('an unknown branch is 422 UNKNOWN_BRANCH; a user without a profile gets 403 on /me', async () => {
    const user = await makeUser(t);
    const res = await t
      .http()
      .post('/api/producers')
      .set(authHeader(user.accessToken))
      .send(producerBody('00000000-0000-4000-8000-000000000000'))
      .expect(422);
    expect(res.body.code).toBe('UNKNOWN_BRANCH');
    const me = await t.http().get('/api/producers/me').set(authHeader(user.accessToken)).expect(403);
    expect(me.body.code).toBe('PRODUCER_PROFILE_REQUIRED');
  });
});
