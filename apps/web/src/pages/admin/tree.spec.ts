import type { Schema } from '../../api/client';
import { buildTree, childTypeOf, findNode, flatten, isBranchCode, mergeTargets, moveTargets } from './tree';

type Branch = Schema<'BranchResponse'>;

function branch(
  id: string,
  parentId: string | null,
  name: string,
  type: Branch['type'] = 'grassroots_union',
  status: Branch['status'] = 'active',
): Branch {
  return { id, parentId, name, code: id.toUpperCase(), type, status, path: [] };
}

const flat: Branch[] = [
  branch('gl-bt-c1', 'gl-bt', 'Chi đoàn thôn 1', 'cell'),
  branch('gl', 'hn', 'Đoàn Gia Lâm', 'district_union'),
  branch('hn', null, 'Thành đoàn Hà Nội', 'city_union'),
  branch('gl-bt', 'gl', 'Đoàn xã Bát Tràng'),
  branch('gl-at', 'gl', 'Đoàn xã Ánh Tuyết'),
  branch('hk', 'hn', 'Đoàn phường Hoàn Kiếm'),
  branch('old', 'hn', 'Đoàn cũ', 'grassroots_union', 'closed'),
  branch('elsewhere', 'unknown-parent', 'Ngoài phạm vi'),
];

describe('branch tree from a flat subtree', () => {
  it('nests children under parents, active first, sorted by Vietnamese name, with depths', () => {
    const tree = buildTree(flat, 'hn');
    expect(tree?.branch.id).toBe('hn');
    expect(flatten(tree).map((node) => `${node.depth}:${node.branch.id}`)).toEqual([
      '0:hn',
      '1:gl',
      '2:gl-at',
      '2:gl-bt',
      '3:gl-bt-c1',
      '1:hk',
      '1:old',
    ]);
  });

  it('starts at any root and leaves out what is not under it', () => {
    const tree = buildTree(flat, 'gl');
    expect(flatten(tree).map((node) => node.branch.id)).toEqual(['gl', 'gl-at', 'gl-bt', 'gl-bt-c1']);
    expect(buildTree(flat, 'missing')).toBeUndefined();
  });

  it('does not loop on a cycle', () => {
    const cyclic = [branch('a', null, 'A'), branch('b', 'a', 'B'), { ...branch('a', 'b', 'A again') }];
    expect(flatten(buildTree(cyclic, 'a')).map((node) => node.branch.id)).toEqual(['a', 'b']);
  });

  it('offers move targets outside the branch, active, not cells, not the current parent', () => {
    const tree = buildTree(flat, 'hn');
    const gl = findNode(tree, 'gl');
    expect(gl).toBeDefined();
    if (!gl) return;
    expect(moveTargets(tree, gl).map((target) => target.id)).toEqual(['hk']);
    const bt = findNode(tree, 'gl-bt');
    if (!bt) throw new Error('missing');
    expect(moveTargets(tree, bt).map((target) => target.id)).toEqual(['hn', 'gl-at', 'hk']);
    expect(mergeTargets(tree, bt).map((target) => target.id)).toEqual(['hn', 'gl', 'gl-at', 'hk']);
  });

  it('suggests a child level and checks codes', () => {
    expect(childTypeOf('city_union')).toBe('grassroots_union');
    expect(childTypeOf('grassroots_union')).toBe('cell');
    expect(isBranchCode('HN-GL-BT')).toBe(true);
    expect(isBranchCode('hn-gl')).toBe(false);
    expect(isBranchCode('HN--GL')).toBe(false);
  });
});
