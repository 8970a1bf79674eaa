import { IdentityHttpModule } from '@ocop/identity';
import {
  authHeader,
  createTestApp,
  Farmer,
  makeActiveProduct,
  makeAdmin,
  makeBranchTree,
  makeFarmer,
  makeProduct,
  MadeUser,
  TestApp,
  uniqueSuffix,
} from '@ocop/testing';
import { CatalogueHttpModule } from './catalogue-http.module';

describe('browsing and diacritics-insensitive search', () => {
  let t: TestApp;
  let admin: MadeUser;
  let gom: Farmer;
  let tra: Farmer;
  let caphe: Farmer;
  const ids: Record<string, string> = {};
  const tag = uniqueSuffix().replace(/[^a-z]/g, 'x');

  beforeAll(async () => {
    t = await createTestApp({ imports: [CatalogueHttpModule, IdentityHttpModule] });
    const tree = await makeBranchTree(t);
    admin = await makeAdmin(t, tree.city.id);
    gom = await makeFarmer(t, {
      branchId: tree.communeA1.id,
      producer: { name: `HTX Gốm sứ ${tag}`, location: { province: 'ha-noi', commune: 'Xã Bát Tràng' } },
    });
    tra = await makeFarmer(t, {
      branchId: tree.communeB1.id,
      producer: {
        name: `HTX Chè Tân Cương ${tag}`,
        location: { province: 'Thái Nguyên', commune: 'Xã Tân Cương' },
      },
    });
    caphe = await makeFarmer(t, {
      branchId: tree.communeB2.id,
      producer: {
        name: `Công ty Cà phê ${tag}`,
        kind: 'enterprise',
        location: { province: 'dak-lak', commune: 'Phường Tân Lập' },
      },
    });
    const make = async (key: string, farmer: Farmer, name: string, group: string, stars: number) => {
      ids[key] = (
        await makeActiveProduct(t, {
          farmer,
          admin,
          name,
          group,
          certificate: { stars },
          description: 'Đặc sản',
        })
      ).id;
    };
    await make('binh', gom, 'Bình gốm men lam Bát Tràng', 'handicrafts_souvenirs_decoration', 4);
    await make('am', gom, 'Ấm chén Gốm Bát Tràng', 'handicrafts_souvenirs_decoration', 5);
    await make('tra', tra, 'Trà Thái Nguyên Tân Cương', 'beverages', 5);
    await make('che', tra, 'Chè búp Đại Từ', 'beverages', 4);
    await make('caphe', caphe, 'Cà phê Buôn Ma Thuột rang mộc', 'beverages', 4);
    ids['draft'] = (await makeProduct(t, gom, { name: 'Gốm Bát Tràng chưa duyệt' })).id;
  });
  afterAll(() => t.close());

  const search = async (query: string) => {
    const res = await t.http().get(`/api/products?${query}`).expect(200);
    return res.body as { items: { id: string }[]; total: number; page: number; pageSize: number };
  };
  const found = async (query: string) => (await search(`${query}&pageSize=100`)).items.map((p) => p.id);

  it('"gom bat trang" finds "Gốm Bát Tràng" products, never drafts', async () => {
    const hits = await found('q=gom%20bat%20trang');
    expect(hits).toEqual(expect.arrayContaining([ids['binh'], ids['am']]));
    expect(hits).not.toContain(ids['tra']);
    expect(hits).not.toContain(ids['draft']);
  });

  it('"tra thai nguyen" finds "Trà Thái Nguyên" but not the other tea of the same province', async () => {
    const hits = await found('q=tra%20thai%20nguyen');
    expect(hits).toContain(ids['tra']);
    expect(hits).not.toContain(ids['che']);
  });

  it('matches typed with diacritics, in capitals, by prefix, by producer name and by province', async () => {
    expect(await found(`q=${encodeURIComponent('GỐM Bát')}`)).toEqual(
      expect.arrayContaining([ids['binh'], ids['am']]),
    );
    expect(await found('q=ca%20phe%20buon%20ma%20th')).toContain(ids['caphe']);
    expect(await found(`q=${encodeURIComponent(`che tan cuong ${tag}`)}`)).toEqual(
      expect.arrayContaining([ids['tra'], ids['che']]),
    );
    expect(await found(`q=${encodeURIComponent(`dak lak ${tag}`)}`)).toEqual([ids['caphe']]);
  });

  it('ranks the closer match first', async () => {
    const hits = await found(`q=${encodeURIComponent(`chen gom ${tag}`)}`);
    expect(hits[0]).toBe(ids['am']);
  });

  it('filters by group, stars, province (code or name) and producer', async () => {
    expect(new Set(await found(`group=beverages&q=${tag}`))).toEqual(
      new Set([ids['tra'], ids['che'], ids['caphe']]),
    );
    expect(new Set(await found(`stars=5&q=${tag}`))).toEqual(new Set([ids['am'], ids['tra']]));
    expect(new Set(await found(`province=thai-nguyen&q=${tag}`))).toEqual(new Set([ids['tra'], ids['che']]));
    expect(
      new Set(await found(`province=${encodeURIComponent('Thái Nguyên')}&producerId=${tra.producer.id}`)),
    ).toEqual(new Set([ids['tra'], ids['che']]));
    expect(await found(`producerId=${gom.producer.id}&stars=4`)).toEqual([ids['binh']]);
  });

  it('paginates with a total', async () => {
    const p1 = await search(`producerId=${tra.producer.id}&pageSize=1&page=1`);
    const p2 = await search(`producerId=${tra.producer.id}&pageSize=1&page=2`);
    const p3 = await search(`producerId=${tra.producer.id}&pageSize=1&page=3`);
    expect([p1.total, p2.total, p3.total]).toEqual([2, 2, 2]);
    expect(p1.items).toHaveLength(1);
    expect(p2.items).toHaveLength(1);
    expect(p3.items).toHaveLength(0);
    expect(p1.items[0]?.id).not.toBe(p2.items[0]?.id);
    expect(p1).toMatchObject({ page: 1, pageSize: 1 });
  });

  it('a renamed producer is found by its new name', async () => {
    const newName = `HTX Mây tre đan Phú Vinh ${tag}`;
    await t
      .http()
      .patch('/api/producers/me')
      .set(authHeader(caphe.accessToken))
      .send({ name: newName })
      .expect(200);
    expect(await found(`q=${encodeURIComponent(`may tre dan ${tag}`)}`)).toEqual([ids['caphe']]);
  });

  it.each([
    'stars=2',
    'stars=abc',
    'group=weapons',
    'province=atlantis',
    'producerId=not-a-uuid',
    'pageSize=1000',
    'page=0',
    'sort=price',
    'q=a&q=b',
  ])('rejects ?%s with 400', async (query) => {
    const res = await t.http().get(`/api/products?${query}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('a search with nothing searchable is no filter, and tsquery syntax is harmless', async () => {
    const all = await search(`producerId=${gom.producer.id}&q=${encodeURIComponent('!!& |')}`);
    expect(all.total).toBe(2);
    await t
      .http()
      .get(`/api/products?q=${encodeURIComponent("gom' & !(bat:*")}`)
      .expect(200);
  });
});
