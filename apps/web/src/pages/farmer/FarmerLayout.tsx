import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { RequireRole } from '../../auth/RequireRole';
import '../reports/reports.css';
import './farmer.css';

/**
 * The farmer portal: tabs over products, orders, sales and profile. Any signed-in person may open the profile
 * page (creating a producer profile is what makes an account a farmer); the rest needs the farmer role.
 */
export function FarmerLayout() {
  return (
    <RequireRole>
      <FarmerArea />
    </RequireRole>
  );
}

function FarmerArea() {
  const { t } = useTranslation('farmer');
  const { me } = useAuth();
  const location = useLocation();
  const onProfile = location.pathname.replace(/\/$/, '') === '/farmer/profile';
  const ready = Boolean(me?.roles.includes('farmer') && me.hasProducerProfile);

  if (!ready && !onProfile) {
    return (
      <section className="card stack farmer-setup" aria-labelledby="farmer-setup-title">
        <h1 id="farmer-setup-title">{t('setup.title')}</h1>
        <p>{t('setup.text')}</p>
        <Link to="/farmer/profile" className="btn block">
          {t('setup.start')}
        </Link>
      </section>
    );
  }
  if (!ready) return <Outlet />;
  return (
    <RequireRole roles={['farmer']}>
      <nav className="tabs" aria-label={t('tabs.label')}>
        <NavLink to="/farmer" end>
          {t('tabs.products')}
        </NavLink>
        <NavLink to="/farmer/orders">{t('tabs.orders')}</NavLink>
        <NavLink to="/farmer/sales">{t('tabs.sales')}</NavLink>
        <NavLink to="/farmer/settlement">{t('tabs.settlement')}</NavLink>
        <NavLink to="/farmer/profile">{t('tabs.profile')}</NavLink>
      </nav>
      <Outlet />
    </RequireRole>
  );
}
