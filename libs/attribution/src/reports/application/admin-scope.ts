import { IdentityError } from '@ocop/identity';
import type { ScopeResolution } from '../infrastructure/branch-totals.repository';

/**
 * The same answers as identity's scope checks, for reports that resolve the scope inside their own statement:
 * 403 ADMIN_SCOPE_REQUIRED for a caller who administers no branch, 404 BRANCH_NOT_FOUND for a branch outside the
 * caller's subtree (exactly as if it did not exist).
 */
export function assertInScope(scope: ScopeResolution): string {
  if (scope.rootId === null) {
    throw new IdentityError('ADMIN_SCOPE_REQUIRED', 'You are not the admin of any branch');
  }
  if (scope.targetId === null) throw new IdentityError('BRANCH_NOT_FOUND', 'No such branch');
  return scope.targetId;
}
