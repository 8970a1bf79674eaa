import type { Role } from './AuthProvider';

/**
 * Where a user lands after signing in when they did not come for a particular page: the admin's dashboard, the
 * farmer's portal, the streamer's studio, or the shopper home. A user holding several roles lands on the one
 * they most likely signed in to work in (admin, then farmer, then streamer).
 */
export function roleHome(roles: readonly Role[]): string {
  if (roles.includes('admin')) return '/admin';
  if (roles.includes('farmer')) return '/farmer';
  if (roles.includes('streamer')) return '/studio';
  return '/';
}

/**
 * After signing in: the page the user asked for (`?next=`, a path of this app), else their role's home. The home
 * page itself is not a request for a page (the menu's sign-in link carries it), so it yields the role's home too.
 */
export function afterSignIn(next: string | null, roles: readonly Role[]): string {
  const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  return safe && safe !== '/' ? safe : roleHome(roles);
}
