export interface SessionInput {
  title: string;
  description?: string;
  /** An ISO 8601 instant with its offset. */
  scheduledStartAt: string;
  coverImageUrl?: string;
  lineup: string[];
}

export type SessionPatch = Partial<SessionInput>;

export interface SessionListQuery {
  status?: 'live' | 'upcoming' | 'past';
  branchId?: string;
  group?: string;
  page: number;
  pageSize: number;
}
