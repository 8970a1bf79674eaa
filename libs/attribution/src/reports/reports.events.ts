import type { AckCallback } from '@ocop/realtime';
import type { IsoDate } from '@ocop/kernel';
import type { Figures } from './domain';

/**
 * The live dashboards' part of the socket.io contract. An admin joins a branch of their subtree, a farmer their own
 * sales; both get `dashboard:totals` when the figures move (after the attribution writer commits), at most a few
 * times a second per room, and always once after the last change.
 */

export type DashboardJoinPayload = { scope: 'branch'; branchId: string } | { scope: 'farmer' };

export interface BranchDashboardTotals {
  scope: 'branch';
  branchId: string;
  /** Today in Vietnam, and the 30 days ending today. */
  day: IsoDate;
  from: IsoDate;
  to: IsoDate;
  today: { own: Figures; subtree: Figures };
  period: { own: Figures; subtree: Figures };
  /** When these figures were read (ISO time). */
  at: string;
}

export interface FarmerDashboardTotals {
  scope: 'farmer';
  day: IsoDate;
  from: IsoDate;
  to: IsoDate;
  today: Figures;
  period: Figures;
  at: string;
}

export type DashboardTotals = BranchDashboardTotals | FarmerDashboardTotals;

export interface DashboardJoined {
  room: string;
  totals: DashboardTotals;
}

/** The rooms of the dashboards (api replicas join sockets to them; the worker emits to them through Redis). */
export const dashboardRooms = {
  branch: (branchId: string) => `dashboard:branch:${branchId}`,
  farmer: (userId: string) => `dashboard:farmer:${userId}`,
} as const;

declare module '@ocop/realtime' {
  interface ClientToServerEvents {
    'dashboard:join': (payload: DashboardJoinPayload, ack: AckCallback<DashboardJoined>) => void;
    'dashboard:leave': (payload: DashboardJoinPayload, ack: AckCallback<{ left: boolean }>) => void;
  }
  interface ServerToClientEvents {
    /** Fresh figures of a dashboard room (to dashboardRooms.branch / dashboardRooms.farmer). */
    'dashboard:totals': (totals: DashboardTotals) => void;
  }
}
