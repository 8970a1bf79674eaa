import { IdentityError } from './identity.errors';

export const BRANCH_TYPES = ['city_union', 'district_union', 'grassroots_union', 'cell'] as const;
export type BranchType = (typeof BRANCH_TYPES)[number];

export const BRANCH_STATUSES = ['active', 'closed', 'merged'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];

/** What other contexts may know about a branch: `path` is the current root-first path, including itself. */
export interface BranchSummary {
  id: string;
  code: string;
  name: string;
  type: BranchType;
  status: BranchStatus;
  parentId: string | null;
  path: string[];
}

/** Branch codes look like "HN", "HN-GL-BT": upper-case letters and digits in dash-separated groups. */
export const BRANCH_CODE_RE = /^[A-Z0-9]{1,16}(?:-[A-Z0-9]{1,16}){0,7}$/;

/**
 * The tree has no fixed depth (the district level was abolished in 2025 and communes now report to the city),
 * so types do not dictate levels. Only two structural rules hold:
 * - a branch has a parent unless it is a root (roots are created by the system, never over HTTP);
 * - a cell (chi đoàn) is the smallest unit of the Youth Union and cannot have children.
 * A new or adopting parent must also be active: closed and merged branches take no new children.
 */
export function assertCanAdoptChild(parent: Pick<BranchSummary, 'type' | 'status' | 'code'>): void {
  if (parent.type === 'cell') {
    throw new IdentityError(
      'BRANCH_PARENT_CANNOT_HAVE_CHILDREN',
      `A cell (${parent.code}) cannot have child branches`,
    );
  }
  if (parent.status !== 'active') {
    throw new IdentityError('BRANCH_NOT_ACTIVE', `Branch ${parent.code} is ${parent.status}`);
  }
}

export function assertActive(branch: Pick<BranchSummary, 'status' | 'code'>): void {
  if (branch.status !== 'active')
    throw new IdentityError('BRANCH_NOT_ACTIVE', `Branch ${branch.code} is ${branch.status}`);
}

/** Moving `branchId` under a parent whose path contains it (itself or a descendant) would make a cycle. */
export function wouldCreateCycle(branchId: string, newParentPath: readonly string[]): boolean {
  return newParentPath.includes(branchId);
}

/**
 * The path a node gets when the subtree rooted at `movedId` is re-attached under a parent with `newParentPath`:
 * the part from `movedId` down stays, the part above it is replaced.
 */
export function rebasePath(
  path: readonly string[],
  movedId: string,
  newParentPath: readonly string[],
): string[] {
  const at = path.indexOf(movedId);
  if (at < 0) throw new RangeError(`${movedId} is not on the path`);
  return [...newParentPath, ...path.slice(at)];
}

/** A branch is inside an admin's scope when the scope root lies on its current path. */
export function isInScope(scopeRootId: string, branchPath: readonly string[]): boolean {
  return branchPath.includes(scopeRootId);
}
