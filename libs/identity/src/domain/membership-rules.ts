export const MEMBERSHIP_STATUSES = ['pending', 'active', 'rejected', 'ended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Which decisions an admin may take on a membership in each status. */
const TRANSITIONS: Record<MembershipStatus, readonly MembershipStatus[]> = {
  pending: ['active', 'rejected'],
  active: ['ended'],
  rejected: [],
  ended: [],
};

export function canTransition(from: MembershipStatus, to: MembershipStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A membership counts for an instant when it had started and had not yet ended: [valid_from, valid_to). */
export function coversInstant(interval: { validFrom: Date | null; validTo: Date | null }, at: Date): boolean {
  if (interval.validFrom === null) return false;
  const t = at.getTime();
  return interval.validFrom.getTime() <= t && (interval.validTo === null || t < interval.validTo.getTime());
}
