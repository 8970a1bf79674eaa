import { isUUID, IsIn, ValidateBy } from 'class-validator';
import type { DashboardJoinPayload } from '../../reports.events';

export const DASHBOARD_SCOPES = ['branch', 'farmer'] as const;

/** A branch id for the branch dashboard; none for the farmer dashboard (which is always the caller's own). */
function BranchIdForScope(): PropertyDecorator {
  return ValidateBy({
    name: 'branchIdForScope',
    validator: {
      validate: (value, args) =>
        (args?.object as { scope?: unknown }).scope === 'branch' ? isUUID(value, 'all') : value === undefined,
      defaultMessage: () => 'branchId must be a UUID for scope branch, and absent for scope farmer',
    },
  });
}

/** `dashboard:join` / `dashboard:leave`: { scope: 'branch', branchId } or { scope: 'farmer' }. */
export class DashboardRoomPayload {
  @IsIn(DASHBOARD_SCOPES) scope!: (typeof DASHBOARD_SCOPES)[number];
  @BranchIdForScope() branchId?: string;
}

export function toJoinPayload(p: DashboardRoomPayload): DashboardJoinPayload {
  return p.scope === 'branch' ? { scope: 'branch', branchId: p.branchId! } : { scope: 'farmer' };
}
