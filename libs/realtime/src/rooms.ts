/** Room names, in one place so api replicas, the worker and tests agree. */
export const rooms = {
  /** Everyone watching a live session. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Every socket of one user (notifications, dashboards). */
  user: (userId: string) => `user:${userId}`,
  /** One user's sockets inside one session: a ban disconnects exactly these. */
  sessionUser: (sessionId: string, userId: string) => `session:${sessionId}:user:${userId}`,
  /** The hosts and moderators of a session (moderation views). */
  sessionStaff: (sessionId: string) => `session:${sessionId}:staff`,
} as const;
