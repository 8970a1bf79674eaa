import { Role } from './roles';

/** Who is calling, as proven by the access token. Scope checks against data happen in the contexts. */
export interface AuthUser {
  id: string;
  roles: Role[];
}

export function hasRole(user: AuthUser | undefined, role: Role): boolean {
  return user !== undefined && user.roles.includes(role);
}
