import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { setLanguage } from '../i18n';
import { CartLink } from '../pages/shop/cart/CartLink';
import { NotificationBell } from '../pages/notifications/NotificationBell';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { me, signedIn, hasRole, signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  const next = i18n.language === 'en' ? 'vi' : 'en';
  const close = () => setOpen(false);
  // Streamers, farmers and admins land in their workspace; the home link reads "Shopping" to take them back.
  const worker = hasRole('streamer') || hasRole('farmer') || hasRole('admin');

  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" onClick={close}>
          {t('appName')}
        </NavLink>
        <CartLink onClick={close} />
        {signedIn && <NotificationBell onNavigate={close} />}
        <button type="button" className="btn small secondary" onClick={() => setLanguage(next)}>
          {next.toUpperCase()}
          <span className="visually-hidden" lang={next}>
            {' '}
            {t('language.switchToLabel')}
          </span>
        </button>
        <button
          type="button"
          className="btn small menu-toggle"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((value) => !value)}
        >
          {t('nav.menu')}
        </button>
        <nav id="main-nav" className="app-nav" aria-label={t('nav.mainNavigation')} data-open={open}>
          <NavLink to="/" end onClick={close} data-testid="nav-shopping">
            {worker ? t('nav.shopping', { ns: 'forms' }) : t('nav.home')}
          </NavLink>
          <NavLink to="/products" onClick={close}>
            {t('nav.search')}
          </NavLink>
          {signedIn && (
            <NavLink to="/orders" onClick={close}>
              {t('nav.orders')}
            </NavLink>
          )}
          {hasRole('streamer') || (signedIn && !hasRole('farmer') && !hasRole('admin')) ? (
            <NavLink to="/studio" onClick={close}>
              {t('nav.studio')}
            </NavLink>
          ) : null}
          {hasRole('farmer') && (
            <NavLink to="/farmer" onClick={close}>
              {t('nav.farmer')}
            </NavLink>
          )}
          {hasRole('admin') && (
            <NavLink to="/admin" onClick={close}>
              {t('nav.admin')}
            </NavLink>
          )}
          {hasRole('admin') || hasRole('streamer') ? (
            <NavLink to="/campaigns" onClick={close}>
              {t('nav.campaigns')}
            </NavLink>
          ) : hasRole('farmer') ? (
            <NavLink to="/farmer/campaigns" onClick={close}>
              {t('nav.campaigns')}
            </NavLink>
          ) : null}
          {signedIn ? (
            <button
              type="button"
              data-testid="sign-out"
              onClick={() => {
                close();
                void signOut();
              }}
            >
              {t('nav.signOut')}
              {me ? <span className="visually-hidden"> ({me.displayName})</span> : null}
            </button>
          ) : (
            <>
              <NavLink to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} onClick={close}>
                {t('nav.signIn')}
              </NavLink>
              <NavLink
                to={`/sign-up?next=${encodeURIComponent(location.pathname)}`}
                onClick={close}
                data-testid="nav-sign-up"
              >
                {t('nav.signUp')}
              </NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <ScrollRestoration />
    </>
  );
}
