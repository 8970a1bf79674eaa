import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, IsoDate } from '@ocop/kernel';
import { resolvePeriod } from '../domain';
import { BranchTotalsRepository, BranchTotalsRow } from '../infrastructure/branch-totals.repository';
import { assertInScope } from './admin-scope';
import { BranchFiguresView, BranchTotalsView, BranchTrendView, LeaderboardView } from './views';

export interface PeriodInput {
  from?: IsoDate;
  to?: IsoDate;
}

export interface LeaderboardInput extends PeriodInput {
  by: 'branch' | 'streamer';
  limit: number;
  parentId?: string;
}

/** Per-branch totals with the roll-up through the tree, and leaderboards, inside the admin's own subtree. */
@Injectable()
export class BranchTotalsService {
  constructor(
    private readonly repo: BranchTotalsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The branch (default: the admin's scope root) and its whole current subtree, own and subtree figures. */
  async branchTotals(
    adminUserId: string,
    input: PeriodInput & { branchId?: string },
  ): Promise<BranchTotalsView> {
    const period = resolvePeriod(input, this.clock.now());
    const result = await this.repo.branchTotals(adminUserId, input.branchId ?? null, period);
    const branchId = assertInScope(result);
    return { ...period, branchId, branches: depthFirst(branchId, result.rows) };
  }

  /** The branch's (default: the admin's scope root) own and subtree figures for each day of the period. */
  async branchTrend(
    adminUserId: string,
    input: PeriodInput & { branchId?: string },
  ): Promise<BranchTrendView> {
    const period = resolvePeriod(input, this.clock.now());
    const result = await this.repo.branchTrend(adminUserId, input.branchId ?? null, period);
    const branchId = assertInScope(result);
    return {
      branchId,
      ...period,
      days: result.rows.map((r) => ({ day: r.day as IsoDate, own: r.own, subtree: r.subtree })),
    };
  }

  async leaderboard(adminUserId: string, input: LeaderboardInput): Promise<LeaderboardView> {
    const period = resolvePeriod(input, this.clock.now());
    const parentId = input.parentId ?? null;
    if (input.by === 'streamer') {
      const result = await this.repo.rankStreamers(adminUserId, parentId, period, input.limit);
      const branchId = assertInScope(result);
      return {
        by: 'streamer',
        ...period,
        branchId,
        items: result.rows.map((r, i) => ({
          rank: i + 1,
          hostUserId: r.hostUserId,
          displayName: r.displayName,
          ...r.figures,
        })),
      };
    }
    const result = await this.repo.rankBranches(adminUserId, parentId, period, input.limit);
    assertInScope(result);
    return {
      by: 'branch',
      ...period,
      ranking: parentId === null ? 'own' : 'subtree',
      parentId,
      items: result.rows.map((r, i) => ({
        rank: i + 1,
        branchId: r.id,
        code: r.code,
        name: r.name,
        ...r.figures,
      })),
    };
  }
}

/** The root first, then each branch followed by its children (by code), with depths relative to the root. */
function depthFirst(rootId: string, rows: readonly BranchTotalsRow[]): BranchFiguresView[] {
  const children = new Map<string, BranchTotalsRow[]>();
  for (const row of rows) {
    if (row.parentId === null || row.id === rootId) continue;
    const list = children.get(row.parentId);
    if (list) list.push(row);
    else children.set(row.parentId, [row]);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const root = rows.find((r) => r.id === rootId);
  if (!root) return [];
  const out: BranchFiguresView[] = [];
  const stack: [BranchTotalsRow, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [row, depth] = stack.pop()!;
    out.push({
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      status: row.status,
      // The parent of the branch asked for lies outside this answer (and maybe outside the caller's scope).
      parentId: depth === 0 ? null : row.parentId,
      depth,
      own: row.own,
      subtree: row.subtree,
    });
    const kids = children.get(row.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, depth + 1]);
  }
  return out;
}
