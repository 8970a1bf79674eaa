import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, newId, searchWords } from '@ocop/kernel';
import {
  assertActive,
  assertCanAdoptChild,
  BRANCH_CODE_RE,
  BranchSummary,
  BranchType,
  wouldCreateCycle,
} from '../domain/branch-rules';
import { IdentityError } from '../domain/identity.errors';
import { BranchInsert, BranchRecord, BranchRepository, toSummary } from '../infrastructure/branch.repository';
import { Actor, AdminScopeService, SYSTEM } from './admin-scope.service';
import { MembershipsService } from './memberships.service';

export interface NewBranch {
  code: string;
  name: string;
  type: BranchType;
  parentId: string;
}

/**
 * The Youth Union tree. Every change updates the current rows (with their materialised `path`) and, in the same
 * transaction, closes the current version of each touched branch and opens a new one, so the tree can be read
 * as it was at any instant. Structural changes are serialised by one advisory lock.
 */
@Injectable()
export class BranchTreeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repo: BranchRepository,
    private readonly scope: AdminScopeService,
    private readonly memberships: MembershipsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A root (a city union). Only the system creates roots; there is no HTTP route for it. */
  async createRootBranch(input: { code: string; name: string }): Promise<BranchSummary> {
    const now = this.clock.now();
    const code = this.checkCode(input.code);
    return this.tx.run(async (em) => {
      await this.repo.lockTree(em);
      const id = newId();
      await this.insert(
        em,
        { id, code, name: input.name, type: 'city_union', parentId: null, path: [id] },
        now,
      );
      await this.repo.recordEvent(em, {
        type: 'created',
        branchId: id,
        actorUserId: null,
        at: now,
        payload: { code, root: true },
      });
      return toSummary((await this.repo.findById(id, em)) as BranchRecord);
    });
  }

  async createBranch(actor: Actor, input: NewBranch): Promise<BranchSummary> {
    const now = this.clock.now();
    const code = this.checkCode(input.code);
    return this.tx.run(async (em) => {
      await this.repo.lockTree(em);
      const parent = await this.scope.assertInScope(actor, input.parentId, em);
      assertCanAdoptChild(parent);
      const id = newId();
      await this.insert(
        em,
        { id, code, name: input.name, type: input.type, parentId: parent.id, path: [...parent.path, id] },
        now,
      );
      await this.repo.recordEvent(em, {
        type: 'created',
        branchId: id,
        actorUserId: actorId(actor),
        at: now,
        payload: { code, type: input.type, parentId: parent.id },
      });
      return toSummary((await this.repo.findById(id, em)) as BranchRecord);
    });
  }

  async rename(actor: Actor, branchId: string, name: string): Promise<BranchSummary> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const branch = await this.scope.assertInScope(actor, branchId, em, 'update');
      if (branch.name === name) return toSummary(branch);
      await this.repo.rename(em, branchId, name, now);
      await this.repo.snapshot(em, [branchId], now);
      await this.repo.recordEvent(em, {
        type: 'renamed',
        branchId,
        actorUserId: actorId(actor),
        at: now,
        payload: { from: branch.name, to: name },
      });
      return toSummary((await this.repo.findById(branchId, em)) as BranchRecord);
    });
  }

  /** Re-parents a branch with its whole subtree; every node whose path changes gets a new version. */
  async move(actor: Actor, branchId: string, newParentId: string): Promise<BranchSummary> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      await this.repo.lockTree(em);
      const branch = await this.scope.assertInScope(actor, branchId, em);
      const parent = await this.scope.assertInScope(actor, newParentId, em);
      await this.protectScopeRoot(actor, branchId, em, 'move');
      assertActive(branch);
      if (wouldCreateCycle(branchId, parent.path)) {
        throw new IdentityError(
          'BRANCH_MOVE_CYCLE',
          'A branch cannot move under itself or one of its descendants',
        );
      }
      assertCanAdoptChild(parent);
      if (branch.parentId === parent.id) return toSummary(branch);
      await this.repo.setParent(em, [branchId], parent.id, now);
      const changed = await this.repo.rebaseSubtree(em, branchId, parent.path, now);
      await this.repo.snapshot(em, changed, now);
      await this.repo.recordEvent(em, {
        type: 'moved',
        branchId,
        actorUserId: actorId(actor),
        at: now,
        payload: { fromParentId: branch.parentId, toParentId: parent.id, oldPath: branch.path },
      });
      return toSummary((await this.repo.findById(branchId, em)) as BranchRecord);
    });
  }

  /**
   * Merges a branch into another: its children move under `intoId`, its active members are transferred (their
   * old membership ends, a new one starts, history kept), pending applications follow, and it becomes 'merged'.
   */
  async merge(actor: Actor, branchId: string, intoId: string): Promise<BranchSummary> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      await this.repo.lockTree(em);
      const branch = await this.scope.assertInScope(actor, branchId, em, 'update');
      const into = await this.scope.assertInScope(actor, intoId, em, 'update');
      await this.protectScopeRoot(actor, branchId, em, 'merge');
      assertActive(branch);
      assertActive(into);
      if (branch.id === into.id || wouldCreateCycle(branch.id, into.path)) {
        throw new IdentityError(
          'BRANCH_MERGE_INVALID',
          'A branch cannot merge into itself or one of its descendants',
        );
      }
      const children = await this.repo.childIds(em, branchId);
      if (children.length > 0) assertCanAdoptChild(into);

      const changed: string[] = [branchId];
      if (children.length > 0) {
        await this.repo.setParent(em, children, into.id, now);
        for (const child of children)
          changed.push(...(await this.repo.rebaseSubtree(em, child, into.path, now)));
      }
      await this.repo.setStatus(em, branchId, 'merged', into.id, now);
      await this.repo.snapshot(em, changed, now);
      const transferred = await this.memberships.transferAll(em, branchId, into.id, actor, now);
      await this.scope.endAssignmentsOn(em, branchId, actor, now);
      await this.repo.recordEvent(em, {
        type: 'merged',
        branchId,
        actorUserId: actorId(actor),
        at: now,
        payload: { intoId: into.id, children, transferredMemberships: transferred },
      });
      await this.repo.recordEvent(em, {
        type: 'absorbed',
        branchId: into.id,
        actorUserId: actorId(actor),
        at: now,
        payload: { fromId: branchId },
      });
      return toSummary((await this.repo.findById(branchId, em)) as BranchRecord);
    });
  }

  /** Closes an empty branch: no active children and no active members. Pending applications are rejected. */
  async close(actor: Actor, branchId: string): Promise<BranchSummary> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      await this.repo.lockTree(em);
      const branch = await this.scope.assertInScope(actor, branchId, em, 'update');
      await this.protectScopeRoot(actor, branchId, em, 'close');
      assertActive(branch);
      if ((await this.repo.countActiveChildren(branchId, em)) > 0) {
        throw new IdentityError('BRANCH_HAS_ACTIVE_CHILDREN', 'Close or move the child branches first');
      }
      if ((await this.memberships.countActive(em, branchId)) > 0) {
        throw new IdentityError('BRANCH_HAS_ACTIVE_MEMBERS', 'End or transfer the memberships first');
      }
      await this.memberships.rejectPendingOn(em, branchId, actor, now);
      await this.scope.endAssignmentsOn(em, branchId, actor, now);
      await this.repo.setStatus(em, branchId, 'closed', null, now);
      await this.repo.snapshot(em, [branchId], now);
      await this.repo.recordEvent(em, { type: 'closed', branchId, actorUserId: actorId(actor), at: now });
      return toSummary((await this.repo.findById(branchId, em)) as BranchRecord);
    });
  }

  async findBranch(branchId: string): Promise<BranchSummary | null> {
    const branch = await this.repo.findById(branchId);
    return branch ? toSummary(branch) : null;
  }

  /**
   * Public read: anyone sees an active branch (the public tree streamers apply to); a closed or merged branch is
   * visible only to an admin whose scope contains it.
   */
  async readBranch(callerId: string | undefined, branchId: string): Promise<BranchSummary> {
    const branch = await this.repo.findById(branchId);
    if (branch?.status === 'active') return toSummary(branch);
    if (branch && callerId && (await this.scope.isInScope(callerId, branchId))) return toSummary(branch);
    throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
  }

  /** Public: active branches matching the words of `query` (diacritics ignored), for people choosing where to apply. */
  async searchBranches(
    query: string | undefined,
    limit: number,
  ): Promise<(BranchSummary & { pathNames: string[] })[]> {
    const words = searchWords(query ?? '').slice(0, 6);
    const found = await this.repo.searchActive(words, limit);
    return found.map((branch) => ({ ...toSummary(branch), pathNames: branch.pathNames }));
  }

  async findBranchByCode(code: string): Promise<BranchSummary | null> {
    const branch = await this.repo.findByCode(code);
    return branch ? toSummary(branch) : null;
  }

  async subtree(actor: Actor, rootId: string): Promise<BranchSummary[]> {
    await this.scope.assertInScope(actor, rootId);
    return (await this.repo.subtree(rootId)).map(toSummary);
  }

  /** The path of a branch in the actor's scope at an instant (default now); 404 before the branch existed. */
  async ancestryView(
    actor: Actor,
    branchId: string,
    at?: Date,
  ): Promise<{ branchId: string; at: string; path: string[] }> {
    await this.scope.assertInScope(actor, branchId);
    const instant = at ?? this.clock.now();
    const path = await this.repo.pathAt(branchId, instant);
    if (!path) throw new IdentityError('BRANCH_NOT_FOUND', 'The branch did not exist at that time');
    return { branchId, at: instant.toISOString(), path };
  }

  async subtreeBranchIds(rootId: string): Promise<string[]> {
    return (await this.repo.subtree(rootId)).map((b) => b.id);
  }

  async ancestryAt(branchId: string, at: Date): Promise<string[] | null> {
    return this.repo.pathAt(branchId, at);
  }

  private checkCode(code: string): string {
    const normalized = code.trim().toUpperCase();
    if (!BRANCH_CODE_RE.test(normalized)) {
      throw new IdentityError(
        'INVALID_BRANCH_CODE',
        'A branch code is upper-case letters and digits in dash-separated groups',
      );
    }
    return normalized;
  }

  private async insert(em: EntityManager, branch: BranchInsert, now: Date): Promise<void> {
    if (!(await this.repo.insert(em, branch, now))) {
      throw new IdentityError('BRANCH_CODE_TAKEN', `A branch with code ${branch.code} already exists`);
    }
    await this.repo.snapshot(em, [branch.id], now);
  }

  private async protectScopeRoot(
    actor: Actor,
    branchId: string,
    em: EntityManager,
    what: string,
  ): Promise<void> {
    if (actor === SYSTEM) return;
    if ((await this.scope.scopeRootId(actor, em)) === branchId) {
      throw new IdentityError('SCOPE_ROOT_PROTECTED', `You cannot ${what} the branch you administer`);
    }
  }
}

function actorId(actor: Actor): string | null {
  return actor === SYSTEM ? null : actor;
}
