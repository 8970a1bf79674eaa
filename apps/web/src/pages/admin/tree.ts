import type { Schema } from '../../api/client';

type Branch = Schema<'BranchResponse'>;

export interface BranchNode {
  branch: Branch;
  depth: number;
  children: BranchNode[];
}

/**
 * The tree under `rootId` from a flat subtree list (any order): active children first, each group sorted by name
 * (Vietnamese collation),
 * a branch whose parent is missing from the list is left out, and a cycle cannot loop (each branch once).
 */
export function buildTree(branches: readonly Branch[], rootId: string): BranchNode | undefined {
  const byParent = new Map<string, Branch[]>();
  const root = branches.find((branch) => branch.id === rootId);
  if (!root) return undefined;
  for (const branch of branches) {
    if (branch.id === rootId || !branch.parentId) continue;
    const list = byParent.get(branch.parentId) ?? [];
    list.push(branch);
    byParent.set(branch.parentId, list);
  }
  const seen = new Set<string>();
  const grow = (branch: Branch, depth: number): BranchNode => {
    seen.add(branch.id);
    const children = (byParent.get(branch.id) ?? [])
      .filter((child) => !seen.has(child.id))
      .sort(
        (a, b) =>
          Number(a.status !== 'active') - Number(b.status !== 'active') || a.name.localeCompare(b.name, 'vi'),
      )
      .map((child) => grow(child, depth + 1));
    return { branch, depth, children };
  };
  return grow(root, 0);
}

/** Depth-first, parents before children. */
export function flatten(node: BranchNode | undefined): BranchNode[] {
  if (!node) return [];
  return [node, ...node.children.flatMap(flatten)];
}

/** The ids of a node and everything under it (a branch cannot move under these: BRANCH_MOVE_CYCLE). */
export function selfAndDescendants(node: BranchNode): Set<string> {
  return new Set(flatten(node).map((entry) => entry.branch.id));
}

export function findNode(node: BranchNode | undefined, id: string): BranchNode | undefined {
  return flatten(node).find((entry) => entry.branch.id === id);
}

/** Where a branch may move: any active branch outside its own subtree that is not a cell (cells have no children). */
export function moveTargets(tree: BranchNode | undefined, moving: BranchNode): Branch[] {
  const excluded = selfAndDescendants(moving);
  return flatten(tree)
    .map((entry) => entry.branch)
    .filter(
      (branch) =>
        !excluded.has(branch.id) &&
        branch.status === 'active' &&
        branch.type !== 'cell' &&
        branch.id !== moving.branch.parentId,
    );
}

/** Where a branch may merge into: another active branch outside its own subtree. */
export function mergeTargets(tree: BranchNode | undefined, merging: BranchNode): Branch[] {
  const excluded = selfAndDescendants(merging);
  return flatten(tree)
    .map((entry) => entry.branch)
    .filter((branch) => !excluded.has(branch.id) && branch.status === 'active');
}

/** The ids expanded by default: the root and its children, so the first two levels show. */
export function initiallyExpanded(tree: BranchNode | undefined): Set<string> {
  if (!tree) return new Set();
  return new Set([tree.branch.id]);
}

export const BRANCH_TYPES = ['city_union', 'district_union', 'grassroots_union', 'cell'] as const;
export type BranchType = (typeof BRANCH_TYPES)[number];

/** The usual type of a new child: one level down the Youth Union hierarchy (the admin can change it). */
export function childTypeOf(parent: BranchType): BranchType {
  switch (parent) {
    case 'city_union':
      return 'grassroots_union';
    case 'district_union':
      return 'grassroots_union';
    default:
      return 'cell';
  }
}

/** Branch codes: upper-case letters and digits in dash-separated groups (HN-GL-BT). */
export function isBranchCode(code: string): boolean {
  return /^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(code);
}
