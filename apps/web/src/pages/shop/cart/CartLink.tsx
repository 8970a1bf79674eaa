import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useCartCount } from './cart-store';
import './cart.css';

/** The header's cart button: a cart icon with how many items wait in it. */
export function CartLink({ onClick }: { onClick?: () => void }) {
  const { t } = useTranslation('cart');
  const count = useCartCount();
  return (
    <NavLink
      to="/cart"
      className="cart-link"
      data-testid="cart-link"
      aria-label={t('badge', { count })}
      onClick={onClick}
    >
      <svg
        aria-hidden="true"
        width="24"
        height="24"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.6a2 2 0 0 0 2-1.5L21 8H6.2" />
        <circle cx="10" cy="20" r="1.4" />
        <circle cx="17" cy="20" r="1.4" />
      </svg>
      {count > 0 && (
        <span className="cart-count" data-testid="cart-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </NavLink>
  );
}
