import { Inject, Injectable } from '@nestjs/common';
import { AuthError, AuthUser, hasRole, Role } from '@ocop/auth';
import { IdentityFacade } from '@ocop/identity';
import { Clock, CLOCK } from '@ocop/kernel';
import type { TypedSocket } from '@ocop/realtime';
import { defaultPeriod } from '../domain';
import { BranchTotalsRepository } from '../infrastructure/branch-totals.repository';
import { SalesRepository } from '../infrastructure/sales.repository';
import {
  BranchDashboardTotals,
  DashboardJoined,
  DashboardJoinPayload,
  dashboardRooms,
  FarmerDashboardTotals,
} from '../reports.events';

/** Who may watch which dashboard, and the figures a dashboard shows (today and the last 30 days). */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly identity: IdentityFacade,
    private readonly totals: BranchTotalsRepository,
    private readonly sales: SalesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Joins the socket to a dashboard room and answers the current figures. A branch: admins, inside their subtree
   * (403 ADMIN_SCOPE_REQUIRED / 404 BRANCH_NOT_FOUND otherwise). The farmer dashboard: the caller's own sales.
   */
  async join(socket: TypedSocket, user: AuthUser, input: DashboardJoinPayload): Promise<DashboardJoined> {
    const room = await this.authorise(user, input);
    const totals =
      input.scope === 'branch' ? await this.branchTotals(input.branchId) : await this.farmerTotals(user.id);
    await socket.join(room);
    return { room, totals };
  }

  async leave(socket: TypedSocket, user: AuthUser, input: DashboardJoinPayload): Promise<{ left: boolean }> {
    const room =
      input.scope === 'branch' ? dashboardRooms.branch(input.branchId) : dashboardRooms.farmer(user.id);
    const joined = socket.rooms.has(room);
    await socket.leave(room);
    return { left: joined };
  }

  async branchTotals(branchId: string): Promise<BranchDashboardTotals> {
    const now = this.clock.now();
    const period = defaultPeriod(now);
    const figures = await this.totals.dashboardFigures(branchId, period);
    return { scope: 'branch', branchId, day: period.to, ...period, ...figures, at: now.toISOString() };
  }

  async farmerTotals(userId: string): Promise<FarmerDashboardTotals> {
    const now = this.clock.now();
    const period = defaultPeriod(now);
    const figures = await this.sales.farmerDashboardFigures(userId, period);
    return { scope: 'farmer', day: period.to, ...period, ...figures, at: now.toISOString() };
  }

  private async authorise(user: AuthUser, input: DashboardJoinPayload): Promise<string> {
    if (input.scope === 'branch') {
      requireRole(user, 'admin');
      await this.identity.assertBranchInAdminScope(user.id, input.branchId);
      return dashboardRooms.branch(input.branchId);
    }
    requireRole(user, 'farmer');
    return dashboardRooms.farmer(user.id);
  }
}

/** The same answer as the HTTP role guard: 403 ROLE_REQUIRED. */
function requireRole(user: AuthUser, role: Role): void {
  if (!hasRole(user, role)) {
    throw new AuthError('ROLE_REQUIRED', `This needs the role ${role}`, { roles: [role] });
  }
}
