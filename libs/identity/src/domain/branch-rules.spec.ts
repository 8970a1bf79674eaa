import { assertCanAdoptChild, BRANCH_CODE_RE, isInScope, rebasePath, wouldCreateCycle } from './branch-rules';

describe('branch tree rules', () => {
  it('communes move up to the city when the district level is abolished (July 2025)', () => {
    const path = ['hanoi', 'gia-lam', 'bat-trang', 'cell-1'];
    expect(rebasePath(path, 'bat-trang', ['hanoi'])).toEqual(['hanoi', 'bat-trang', 'cell-1']);
    expect(rebasePath(['hanoi', 'gia-lam', 'bat-trang'], 'bat-trang', ['hanoi'])).toEqual([
      'hanoi',
      'bat-trang',
    ]);
    expect(() => rebasePath(path, 'elsewhere', ['hanoi'])).toThrow(RangeError);
  });

  it('a branch cannot move under itself or one of its descendants', () => {
    expect(wouldCreateCycle('gia-lam', ['hanoi', 'gia-lam', 'bat-trang'])).toBe(true);
    expect(wouldCreateCycle('gia-lam', ['hanoi', 'gia-lam'])).toBe(true);
    expect(wouldCreateCycle('bat-trang', ['hanoi', 'long-bien'])).toBe(false);
  });

  it('a cell takes no children, and neither does a closed or merged branch', () => {
    expect(() => assertCanAdoptChild({ code: 'C', type: 'cell', status: 'active' })).toThrow(
      expect.objectContaining({ code: 'BRANCH_PARENT_CANNOT_HAVE_CHILDREN' }),
    );
    expect(() => assertCanAdoptChild({ code: 'G', type: 'grassroots_union', status: 'merged' })).toThrow(
      expect.objectContaining({ code: 'BRANCH_NOT_ACTIVE' }),
    );
    expect(() => assertCanAdoptChild({ code: 'D', type: 'district_union', status: 'active' })).not.toThrow();
  });

  it('an admin of a district sees the district and below, not the city or the neighbour', () => {
    expect(isInScope('gia-lam', ['hanoi', 'gia-lam', 'bat-trang'])).toBe(true);
    expect(isInScope('gia-lam', ['hanoi', 'gia-lam'])).toBe(true);
    expect(isInScope('gia-lam', ['hanoi'])).toBe(false);
    expect(isInScope('gia-lam', ['hanoi', 'long-bien'])).toBe(false);
  });

  it('branch codes are upper-case groups joined by dashes', () => {
    for (const ok of ['HN', 'HN-GL-BT', 'HCM-Q1-P2']) expect(BRANCH_CODE_RE.test(ok)).toBe(true);
    for (const bad of ['hn', 'HN--GL', '-HN', 'HN GL', '', 'HN-'])
      expect(BRANCH_CODE_RE.test(bad)).toBe(false);
  });
});
