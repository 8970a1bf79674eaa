import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK } from '@ocop/kernel';
import { BranchSummary, isInScope } from '../domain/branch-rules';
import { IdentityError } from '../domain/identity.errors';
import { BranchRecord, BranchRepository, toSummary } from '../infrastructure/branch.repository';
import { UsersService } from './users.service';

/** Who acts: a user id, or the platform itself (seed, migrations of data, tests) which has no scope limits. */
export type Actor = string | 'system';
export const SYSTEM: Actor = 'system';

export interface AdminAssignmentView {
  id: string;
  userId: string;
  branchId: string;
  grantedBy: string | null;
  validFrom: Date;
  validTo: Date | null;
}

/**
 * Admin scope: an admin manages the subtree under the one branch they are currently assigned to. Outside their
 * subtree a branch answers 404 BRANCH_NOT_FOUND, exactly as if it did not exist (no leaking of the tree).
 */
@Injectable()
export class AdminScopeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly branches: BranchRepository,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async adminBranchOf(userId: string, em?: EntityManager): Promise<BranchSummary | null> {
    const rows = (await (em ?? this.dataSource.manager).query(
      `SELECT branch_id FROM admin_assignments WHERE user_id = $1 AND valid_to IS NULL`,
      [userId],
    )) as { branch_id: string }[];
    if (!rows[0]) return null;
    const branch = await this.branches.findById(rows[0].branch_id, em);
    return branch ? toSummary(branch) : null;
  }

  /** The branch, when the actor may manage it; otherwise a coded error (403 not an admin, 404 outside scope). */
  async assertInScope(
    actor: Actor,
    branchId: string,
    em?: EntityManager,
    lock?: 'update' | 'share',
  ): Promise<BranchRecord> {
    const branch = await this.branches.findById(branchId, em, lock);
    if (actor === SYSTEM) {
      if (!branch) throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
      return branch;
    }
    const root = await this.adminBranchOf(actor, em);
    if (!root) throw new IdentityError('ADMIN_SCOPE_REQUIRED', 'You are not the admin of any branch');
    if (!branch || !isInScope(root.id, branch.path))
      throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
    return branch;
  }

  async isInScope(adminUserId: string, branchId: string): Promise<boolean> {
    try {
      await this.assertInScope(adminUserId, branchId);
      return true;
    } catch (error) {
      if (error instanceof IdentityError) return false;
      throw error;
    }
  }

  /**
   * The admins whose subtree holds every one of these branches (their current branch is on each branch's path): who
   * may act on something that spans them, such as a checkout's orders of several producers.
   */
  async adminsOver(branchIds: readonly string[]): Promise<string[]> {
    const [first] = branchIds;
    if (first === undefined) return [];
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT a.user_id FROM admin_assignments a
        WHERE a.valid_to IS NULL
          AND a.branch_id = ANY((SELECT path FROM branches WHERE id = $1)::uuid[])
          AND NOT EXISTS (
            SELECT 1 FROM branches b WHERE b.id = ANY($2::uuid[]) AND NOT (a.branch_id = ANY(b.path)))
        ORDER BY a.user_id`,
      [first, [...branchIds]],
    )) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  /** The id of the actor's scope root (null for the system), to protect it from being moved or closed by them. */
  async scopeRootId(actor: Actor, em?: EntityManager): Promise<string | null> {
    if (actor === SYSTEM) return null;
    return (await this.adminBranchOf(actor, em))?.id ?? null;
  }

  /**
   * Makes `userId` the admin of `branchId` (one current assignment per admin) and grants them the admin role.
   * Idempotent for the same branch; an assignment elsewhere is replaced only if the actor also manages it.
   */
  async assignAdmin(actor: Actor, userId: string, branchId: string): Promise<AdminAssignmentView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const branch = await this.assertInScope(actor, branchId, em, 'share');
      if (branch.status !== 'active')
        throw new IdentityError('BRANCH_NOT_ACTIVE', `Branch ${branch.code} is ${branch.status}`);
      if (actor !== SYSTEM && actor === userId) {
        throw new IdentityError('ADMIN_ASSIGNMENT_CONFLICT', 'You cannot change your own admin assignment');
      }
      const user = await this.users.findUser(userId, em);
      if (!user) throw new IdentityError('USER_NOT_FOUND', 'No such user');
      const current = await this.currentAssignment(em, userId, true);
      if (current?.branchId === branchId) return current;
      if (current) {
        const inScope = actor === SYSTEM || (await this.isInScopeTx(em, actor, current.branchId));
        if (!inScope) {
          throw new IdentityError(
            'ADMIN_ASSIGNMENT_CONFLICT',
            'This user already administers a branch outside your scope',
          );
        }
        await this.endAssignment(em, current, actor, now);
      }
      const actorId = actor === SYSTEM ? null : actor;
      const rows = (await em.query(
        `INSERT INTO admin_assignments (user_id, branch_id, granted_by, valid_from) VALUES ($1, $2, $3, $4)
         RETURNING id`,
        [userId, branchId, actorId, now],
      )) as { id: string }[];
      await this.users.grantRole(userId, 'admin', em);
      await this.branches.recordEvent(em, {
        type: 'admin_assigned',
        branchId,
        actorUserId: actorId,
        at: now,
        payload: { userId },
      });
      return {
        id: (rows[0] as { id: string }).id,
        userId,
        branchId,
        grantedBy: actorId,
        validFrom: now,
        validTo: null,
      };
    });
  }

  /** Ends `userId`'s admin assignment on `branchId` and removes their admin role. */
  async revokeAdmin(actor: Actor, userId: string, branchId: string): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      await this.assertInScope(actor, branchId, em);
      if (actor !== SYSTEM && actor === userId) {
        throw new IdentityError('ADMIN_ASSIGNMENT_CONFLICT', 'You cannot change your own admin assignment');
      }
      const current = await this.currentAssignment(em, userId, true);
      if (!current || current.branchId !== branchId) {
        throw new IdentityError('ADMIN_ASSIGNMENT_NOT_FOUND', 'This user is not an admin of this branch');
      }
      await this.endAssignment(em, current, actor, now);
    });
  }

  /** Ends every current assignment on these branches (the branch was closed or merged away). */
  async endAssignmentsOn(em: EntityManager, branchId: string, actor: Actor, now: Date): Promise<void> {
    const rows = (await em.query(
      `SELECT id, user_id, branch_id, granted_by, valid_from, valid_to FROM admin_assignments
        WHERE branch_id = $1 AND valid_to IS NULL FOR UPDATE`,
      [branchId],
    )) as AssignmentRow[];
    for (const row of rows) await this.endAssignment(em, toView(row), actor, now);
  }

  private async isInScopeTx(em: EntityManager, actor: string, branchId: string): Promise<boolean> {
    const root = await this.adminBranchOf(actor, em);
    const branch = await this.branches.findById(branchId, em);
    return !!root && !!branch && isInScope(root.id, branch.path);
  }

  private async currentAssignment(
    em: EntityManager,
    userId: string,
    lock: boolean,
  ): Promise<AdminAssignmentView | null> {
    const rows = (await em.query(
      `SELECT id, user_id, branch_id, granted_by, valid_from, valid_to FROM admin_assignments
        WHERE user_id = $1 AND valid_to IS NULL${lock ? ' FOR UPDATE' : ''}`,
      [userId],
    )) as AssignmentRow[];
    return rows[0] ? toView(rows[0]) : null;
  }

  private async endAssignment(em: EntityManager, assignment: AdminAssignmentView, actor: Actor, now: Date) {
    const actorId = actor === SYSTEM ? null : actor;
    await em.query(`UPDATE admin_assignments SET valid_to = $2, revoked_by = $3 WHERE id = $1`, [
      assignment.id,
      now,
      actorId,
    ]);
    await this.users.revokeRole(assignment.userId, 'admin', em);
    await this.branches.recordEvent(em, {
      type: 'admin_revoked',
      branchId: assignment.branchId,
      actorUserId: actorId,
      at: now,
      payload: { userId: assignment.userId },
    });
  }
}

interface AssignmentRow {
  id: string;
  user_id: string;
  branch_id: string;
  granted_by: string | null;
  valid_from: Date;
  valid_to: Date | null;
}

function toView(row: AssignmentRow): AdminAssignmentView {
  return {
    id: row.id,
    userId: row.user_id,
    branchId: row.branch_id,
    grantedBy: row.granted_by,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}
