import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { RequireRole } from '../../auth/RequireRole';
import '../reports/reports.css';
import './admin.css';

/** The admin area: tabs over totals, the branch tree, streamer approvals, product verification, money and transfers. */
export function AdminLayout() {
  return (
    <RequireRole roles={['admin']}>
      <AdminArea />
    </RequireRole>
  );
}

function AdminArea() {
  const { t } = useTranslation('admin');
  const { me } = useAuth();
  const scope = me?.adminScope;
  const tabs = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the tabs scroll sideways: the current one is brought into sight.
  useEffect(() => {
    tabs.current
      ?.querySelector<HTMLElement>('a[aria-current="page"]')
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [pathname]);
  return (
    <>
      <nav className="tabs" aria-label={t('tabs.label')} ref={tabs}>
        <NavLink to="/admin" end>
          {t('tabs.dashboard')}
        </NavLink>
        <NavLink to="/admin/branches">{t('tabs.branches')}</NavLink>
        <NavLink to="/admin/approvals">{t('tabs.approvals')}</NavLink>
        <NavLink to="/admin/products">{t('tabs.products')}</NavLink>
        <NavLink to="/admin/settlement">{t('tabs.settlement')}</NavLink>
        <NavLink to="/admin/transfers">{t('tabs.transfers')}</NavLink>
      </nav>
      {scope ? (
        <Outlet />
      ) : (
        <p className="alert warn" role="alert">
          {t('noScope')}
        </p>
      )}
    </>
  );
}

/** The admin's scope root (AdminLayout shows nothing under it without one). */
export function useAdminScope() {
  const { me } = useAuth();
  const scope = me?.adminScope;
  if (!scope) throw new Error('useAdminScope outside an admin with a scope');
  return scope;
}
