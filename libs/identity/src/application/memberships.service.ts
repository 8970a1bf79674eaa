import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, Page, PageRequest, pageOffset } from '@ocop/kernel';
import { assertActive } from '../domain/branch-rules';
import { IdentityError } from '../domain/identity.errors';
import { canTransition, MembershipStatus } from '../domain/membership-rules';
import { BranchRepository } from '../infrastructure/branch.repository';
import { AccessRevocations } from './access-revocations.service';
import { Actor, AdminScopeService, SYSTEM } from './admin-scope.service';
import { UsersService } from './users.service';

export interface MembershipView {
  id: string;
  userId: string;
  userDisplayName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  status: MembershipStatus;
  appliedAt: Date;
  decidedAt: Date | null;
  validFrom: Date | null;
  validTo: Date | null;
  endReason: string | null;
}

interface MembershipRow {
  id: string;
  user_id: string;
  display_name: string;
  branch_id: string;
  code: string;
  name: string;
  status: MembershipStatus;
  applied_at: Date;
  decided_at: Date | null;
  valid_from: Date | null;
  valid_to: Date | null;
  end_reason: string | null;
}

const SELECT = `SELECT m.id, m.user_id, u.display_name, m.branch_id, b.code, b.name, m.status, m.applied_at, m.decided_at,
                       m.valid_from, m.valid_to, m.end_reason
                  FROM memberships m JOIN users u ON u.id = m.user_id JOIN branches b ON b.id = m.branch_id`;

function toView(row: MembershipRow): MembershipView {
  return {
    id: row.id,
    userId: row.user_id,
    userDisplayName: row.display_name,
    branchId: row.branch_id,
    branchCode: row.code,
    branchName: row.name,
    status: row.status,
    appliedAt: row.applied_at,
    decidedAt: row.decided_at,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    endReason: row.end_reason,
  };
}

/** A branch on the way from an admin's scope root down to a membership's branch. */
export interface BranchCrumb {
  id: string;
  code: string;
  name: string;
}

/** A membership as an admin reviews it: who applied (name and contact) and where the branch sits in their tree. */
export interface MembershipReviewView extends MembershipView {
  userEmail: string | null;
  userPhone: string | null;
  /** From the admin's scope root down to the membership's branch (the tree above the scope is not shown). */
  branchPath: BranchCrumb[];
}

interface MembershipReviewRow extends MembershipRow {
  email: string | null;
  phone: string | null;
  path: string[];
  total: number;
}

/**
 * Streamers belong to one branch at a time. A membership is an interval [valid_from, valid_to): moving branch
 * ends the old one and starts a new one, so past sales stay credited where they were made.
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly branches: BranchRepository,
    private readonly scope: AdminScopeService,
    private readonly users: UsersService,
    private readonly revocations: AccessRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One pending application at a time; applying where one is already an active member is a conflict. */
  async applyForMembership(userId: string, branchId: string): Promise<MembershipView> {
    const now = this.clock.now();
    const id = await this.tx.run(async (em) => {
      const branch = await this.branches.findById(branchId, em, 'share');
      if (!branch) throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
      assertActive(branch);
      const current = (await em.query(
        `SELECT branch_id, status FROM memberships WHERE user_id = $1 AND status IN ('pending', 'active')`,
        [userId],
      )) as { branch_id: string; status: MembershipStatus }[];
      if (current.some((m) => m.status === 'active' && m.branch_id === branchId)) {
        throw new IdentityError('ALREADY_MEMBER', 'You are already a member of this branch');
      }
      if (current.some((m) => m.status === 'pending')) {
        throw new IdentityError('APPLICATION_PENDING', 'You already have a pending application');
      }
      try {
        const rows = (await em.query(
          `INSERT INTO memberships (user_id, branch_id, status, applied_at) VALUES ($1, $2, 'pending', $3) RETURNING id`,
          [userId, branchId, now],
        )) as { id: string }[];
        return (rows[0] as { id: string }).id;
      } catch (error) {
        if (isUniqueViolation(error, 'memberships_one_pending_idx')) {
          throw new IdentityError('APPLICATION_PENDING', 'You already have a pending application');
        }
        throw error;
      }
    });
    return (await this.findById(id)) as MembershipView;
  }

  async myMemberships(userId: string): Promise<MembershipView[]> {
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE m.user_id = $1 ORDER BY m.applied_at DESC, m.id`,
      [userId],
    )) as MembershipRow[];
    return rows.map(toView);
  }

  async currentMembership(userId: string): Promise<MembershipView | null> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE m.user_id = $1 AND m.status = 'active'`, [
      userId,
    ])) as MembershipRow[];
    return rows[0] ? toView(rows[0]) : null;
  }

  async listMembers(
    actor: Actor,
    branchId: string,
    status?: 'pending' | 'active',
  ): Promise<MembershipView[]> {
    await this.scope.assertInScope(actor, branchId);
    const rows = (await this.dataSource.query(
      `${SELECT} WHERE m.branch_id = $1 AND m.status = ANY($2::text[]) ORDER BY m.applied_at, m.id`,
      [branchId, status ? [status] : ['pending', 'active']],
    )) as MembershipRow[];
    return rows.map(toView);
  }

  /**
   * Memberships of every branch in the admin's subtree, by status: pending applications oldest first (a queue),
   * other statuses newest first.
   */
  async listInAdminScope(
    adminUserId: string,
    status: MembershipStatus | undefined,
    page: PageRequest,
    branchId?: string,
  ): Promise<Page<MembershipReviewView>> {
    const root = await this.scope.adminBranchOf(adminUserId);
    if (!root) throw new IdentityError('ADMIN_SCOPE_REQUIRED', 'You are not the admin of any branch');
    const order = status === 'pending' ? 'ASC' : 'DESC';
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.user_id, u.display_name, u.email, u.phone, m.branch_id, b.code, b.name, b.path, m.status,
              m.applied_at, m.decided_at, m.valid_from, m.valid_to, m.end_reason, count(*) OVER ()::int AS total
         FROM memberships m JOIN users u ON u.id = m.user_id JOIN branches b ON b.id = m.branch_id
        WHERE b.path @> ARRAY[$1]::uuid[] AND ($2::text IS NULL OR m.status = $2)
          AND ($5::uuid IS NULL OR m.branch_id = $5)
        ORDER BY m.applied_at ${order}, m.id
        LIMIT $3 OFFSET $4`,
      [root.id, status ?? null, page.pageSize, pageOffset(page), branchId ?? null],
    )) as MembershipReviewRow[];
    const trimmed = rows.map((row) => row.path.slice(Math.max(0, row.path.indexOf(root.id))));
    const branches = new Map(
      (await this.branches.findByIds(trimmed.flat())).map((b) => [
        b.id,
        { id: b.id, code: b.code, name: b.name },
      ]),
    );
    const items = rows.map((row, i) => ({
      ...toView(row),
      userEmail: row.email,
      userPhone: row.phone,
      branchPath: (trimmed[i] ?? []).flatMap((id) => {
        const crumb = branches.get(id);
        return crumb ? [crumb] : [];
      }),
    }));
    const total = rows[0]?.total ?? (page.page > 1 ? await this.countInScope(root.id, status) : 0);
    return { items, page: page.page, pageSize: page.pageSize, total };
  }

  /** Grants the streamer role; an active membership elsewhere ends now and this one starts now. */
  async approveMembership(actor: Actor, membershipId: string): Promise<MembershipView> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const m = await this.lockInScope(em, actor, membershipId);
      this.assertTransition(m.status, 'active');
      const branch = await this.branches.findById(m.branch_id, em, 'share');
      if (branch) assertActive(branch);
      const previous = (await em.query(
        `SELECT id FROM memberships WHERE user_id = $1 AND status = 'active' FOR UPDATE`,
        [m.user_id],
      )) as { id: string }[];
      for (const old of previous) await this.end(em, old.id, actor, now, 'moved_branch');
      await em.query(
        `UPDATE memberships SET status = 'active', decided_at = $2, decided_by = $3, valid_from = $2 WHERE id = $1`,
        [membershipId, now, actorId(actor)],
      );
      await this.users.grantRole(m.user_id, 'streamer', em);
    });
    return (await this.findById(membershipId)) as MembershipView;
  }

  async rejectMembership(actor: Actor, membershipId: string): Promise<MembershipView> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const m = await this.lockInScope(em, actor, membershipId);
      this.assertTransition(m.status, 'rejected');
      await em.query(
        `UPDATE memberships SET status = 'rejected', decided_at = $2, decided_by = $3 WHERE id = $1`,
        [membershipId, now, actorId(actor)],
      );
    });
    return (await this.findById(membershipId)) as MembershipView;
  }

  /** Ends an active membership; the user, belonging nowhere, loses the streamer role. */
  async endMembership(actor: Actor, membershipId: string): Promise<MembershipView> {
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const m = await this.lockInScope(em, actor, membershipId);
      this.assertTransition(m.status, 'ended');
      await this.end(em, membershipId, actor, now, 'ended_by_admin');
      await this.users.revokeRole(m.user_id, 'streamer', em);
    });
    return (await this.findById(membershipId)) as MembershipView;
  }

  /** The branch the user belonged to at that instant, with the branch's path as it was then. */
  async membershipAt(userId: string, at: Date): Promise<{ branchId: string; path: string[] } | null> {
    const rows = (await this.dataSource.query(
      `SELECT branch_id FROM memberships
        WHERE user_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
        ORDER BY valid_from DESC LIMIT 1`,
      [userId, at],
    )) as { branch_id: string }[];
    if (!rows[0]) return null;
    const path = await this.branches.pathAt(rows[0].branch_id, at);
    return { branchId: rows[0].branch_id, path: path ?? [] };
  }

  // --- used by the branch tree inside its transactions ---

  async countActive(em: EntityManager, branchId: string): Promise<number> {
    const rows = (await em.query(
      `SELECT count(*)::int AS n FROM memberships WHERE branch_id = $1 AND status = 'active'`,
      [branchId],
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  /** Merge: each active membership ends and a new one starts at `intoId`; pending applications follow. */
  async transferAll(
    em: EntityManager,
    fromId: string,
    intoId: string,
    actor: Actor,
    now: Date,
  ): Promise<number> {
    const active = (await em.query(
      `SELECT id, user_id, applied_at FROM memberships WHERE branch_id = $1 AND status = 'active' FOR UPDATE`,
      [fromId],
    )) as { id: string; user_id: string; applied_at: Date }[];
    for (const m of active) {
      await this.end(em, m.id, actor, now, 'branch_merged');
      await em.query(
        `INSERT INTO memberships (user_id, branch_id, status, applied_at, decided_at, decided_by, valid_from, transferred_from_id)
         VALUES ($1, $2, 'active', $3, $4, $5, $4, $6)`,
        [m.user_id, intoId, m.applied_at, now, actorId(actor), m.id],
      );
    }
    await em.query(`UPDATE memberships SET branch_id = $2 WHERE branch_id = $1 AND status = 'pending'`, [
      fromId,
      intoId,
    ]);
    return active.length;
  }

  async rejectPendingOn(em: EntityManager, branchId: string, actor: Actor, now: Date): Promise<void> {
    await em.query(
      `UPDATE memberships SET status = 'rejected', decided_at = $2, decided_by = $3, end_reason = 'branch_closed'
        WHERE branch_id = $1 AND status = 'pending'`,
      [branchId, now, actorId(actor)],
    );
  }

  /** A membership that ends stops the member's access tokens and sockets (they refresh into what is true now). */
  private async end(em: EntityManager, id: string, actor: Actor, now: Date, reason: string): Promise<void> {
    const rows = (await em.query(
      `UPDATE memberships SET status = 'ended', valid_to = $2, ended_by = $3, end_reason = $4 WHERE id = $1
       RETURNING user_id`,
      [id, now, actorId(actor), reason],
    )) as [{ user_id: string }[], number];
    for (const row of rows[0]) await this.revocations.revoke(em, row.user_id, `membership_ended:${reason}`);
  }

  /** Locks the membership; outside the actor's scope it answers exactly like a missing one. */
  private async lockInScope(em: EntityManager, actor: Actor, membershipId: string) {
    const rows = (await em.query(
      `SELECT id, user_id, branch_id, status FROM memberships WHERE id = $1 FOR UPDATE`,
      [membershipId],
    )) as { id: string; user_id: string; branch_id: string; status: MembershipStatus }[];
    const m = rows[0];
    if (!m) throw new IdentityError('MEMBERSHIP_NOT_FOUND', 'No such membership');
    try {
      await this.scope.assertInScope(actor, m.branch_id, em);
    } catch (error) {
      if (error instanceof IdentityError && error.code === 'BRANCH_NOT_FOUND') {
        throw new IdentityError('MEMBERSHIP_NOT_FOUND', 'No such membership');
      }
      throw error;
    }
    return m;
  }

  private assertTransition(from: MembershipStatus, to: MembershipStatus): void {
    if (canTransition(from, to)) return;
    if (from !== 'pending' && to !== 'ended') {
      throw new IdentityError('MEMBERSHIP_NOT_PENDING', `The membership is ${from}, not pending`);
    }
    throw new IdentityError('MEMBERSHIP_NOT_ACTIVE', `The membership is ${from}, not active`);
  }

  private async countInScope(rootId: string, status: MembershipStatus | undefined): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM memberships m JOIN branches b ON b.id = m.branch_id
        WHERE b.path @> ARRAY[$1]::uuid[] AND ($2::text IS NULL OR m.status = $2)`,
      [rootId, status ?? null],
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  }

  private async findById(id: string): Promise<MembershipView | null> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE m.id = $1`, [id])) as MembershipRow[];
    return rows[0] ? toView(rows[0]) : null;
  }
}

function actorId(actor: Actor): string | null {
  return actor === SYSTEM ? null : actor;
}
