import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '../ui/components';
import { useAuth, type Role } from './AuthProvider';

/** Shows its children to a signed-in user with one of the roles; sends others to sign in, or says why not. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { signedIn, loading, me } = useAuth();
  const location = useLocation();
  if (!signedIn) {
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  if (loading || !me) return <Spinner />;
  if (roles && !roles.some((role) => me.roles.includes(role))) {
    return (
      <p className="alert warn" role="alert">
        {t('state.forbidden')}
      </p>
    );
  }
  return <>{children}</>;
}
