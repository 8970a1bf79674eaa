import { createTestApp, makeBranchTree, TestApp } from '@ocop/testing';
import { BranchTreeService } from './application/branch-tree.service';
import { IdentityHttpModule } from './identity-http.module';

interface Found {
  id: string;
  code: string;
  name: string;
  status: string;
  pathNames: string[];
}

describe('identity: finding a branch to apply to (public)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [IdentityHttpModule] });
  });
  afterAll(() => t?.close());

  const search = async (query: string): Promise<Found[]> =>
    (await t.http().get(`/api/branches${query}`).expect(200)).body as Found[];

  it('finds branches by name without diacritics, shallowest first, with the names along their path', async () => {
    const tree = await makeBranchTree(t);
    const service = t.app.get(BranchTreeService);
    const commune = await service.createBranch('system', {
      code: `${tree.districtA.code}-BTR`,
      name: 'Đoàn xã Bát Tràng',
      type: 'grassroots_union',
      parentId: tree.districtA.id,
    });
    await service.rename('system', tree.districtA.id, `Huyện đoàn Gia Lâm ${tree.city.code}`);

    for (const query of ['bat trang', 'BÁT TRÀNG', 'doan xa bat', tree.districtA.code.toLowerCase()]) {
      const found = await search(`?q=${encodeURIComponent(query)}`);
      expect(found.map((branch) => branch.id)).toContain(commune.id);
    }
    const [hit] = (await search(`?q=${encodeURIComponent(`bat trang ${tree.city.code}`)}`)).filter(
      (branch) => branch.id === commune.id,
    );
    expect(hit?.pathNames).toEqual([
      tree.city.name,
      `Huyện đoàn Gia Lâm ${tree.city.code}`,
      'Đoàn xã Bát Tràng',
    ]);

    const byDistrict = await search(`?q=${encodeURIComponent(`gia lam ${tree.city.code}`)}`);
    expect(byDistrict[0]?.id).toBe(tree.districtA.id);
  });

  it('never lists closed branches, and bounds the answer', async () => {
    const tree = await makeBranchTree(t);
    await t.app.get(BranchTreeService).close('system', tree.cellB1.id);
    const found = await search(`?q=${encodeURIComponent(tree.city.code)}&limit=50`);
    expect(found.map((branch) => branch.id)).not.toContain(tree.cellB1.id);
    expect(found.map((branch) => branch.id)).toContain(tree.cellA1.id);
    expect(found.every((branch) => branch.status === 'active')).toBe(true);
    expect(await search(`?q=${encodeURIComponent(tree.city.code)}&limit=2`)).toHaveLength(2);
  });

  it('answers bad queries with 400 VALIDATION_FAILED', async () => {
    for (const query of ['?limit=0', '?limit=51', '?limit=abc', `?q=${'x'.repeat(101)}`, '?other=1']) {
      const response = await t.http().get(`/api/branches${query}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });
});
