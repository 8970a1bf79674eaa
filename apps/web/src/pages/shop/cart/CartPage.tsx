import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../auth/AuthProvider';
import { formatVnd } from '../../../lib/format';
import { Empty, Spinner } from '../../../ui/components';
import { Picture } from '../../../ui/Picture';
import { MAX_CART_QUANTITY, removeFromCart, setCartQuantity, useCart, type CartLine } from './cart-store';
import './cart.css';

const CheckoutSheet = lazy(async () => ({ default: (await import('../CheckoutSheet')).CheckoutSheet }));

/**
 * The cart: what the shopper added from live sessions, replays and product pages, with quantities to change, and one
 * button that checks everything out (one order per producer; the sheet shows each producer's shipping fee).
 */
export function CartPage() {
  const { t } = useTranslation('cart');
  const lines = useCart();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  /** The lines being checked out, as they were when the sheet opened (placed lines leave the cart meanwhile). */
  const [checkingOut, setCheckingOut] = useState<CartLine[] | null>(null);
  const goods = lines.reduce((n, l) => n + l.priceVnd * l.quantity, 0);

  function checkout() {
    if (!signedIn) {
      void navigate(`/sign-in?next=${encodeURIComponent('/cart')}`);
      return;
    }
    setCheckingOut(lines);
  }

  return (
    <div className="stack cart-page">
      <h1>{t('page.title')}</h1>
      {lines.length === 0 ? (
        <Empty>
          {t('page.empty')} <Link to="/">{t('page.findSessions')}</Link>
        </Empty>
      ) : (
        <>
          <ul className="cart-lines" aria-label={t('page.title')}>
            {lines.map((line) => (
              <li
                key={line.productId}
                className="card cart-line"
                data-testid="cart-line"
                data-product-id={line.productId}
              >
                <Picture
                  image={line.image}
                  alt=""
                  sizes="72px"
                  name={line.name}
                  kind="product"
                  aspect="1 / 1"
                  className="cart-thumb"
                />
                <div>
                  <h2>
                    <Link to={`/products/${line.productId}`}>{line.name}</Link>
                  </h2>
                  <p className="price">{formatVnd(line.priceVnd)}</p>
                  {line.sessionId && (
                    <p className="small">
                      <Link to={`/sessions/${line.sessionId}`}>{t('page.fromSession')}</Link>
                    </p>
                  )}
                  <div className="cart-line-actions">
                    <div className="stepper" role="group" aria-label={`${t('page.quantity')}: ${line.name}`}>
                      <button
                        type="button"
                        aria-label={t('page.decrease', { name: line.name })}
                        disabled={line.quantity <= 1}
                        onClick={() => setCartQuantity(line.productId, line.quantity - 1)}
                      >
                        <StepIcon plus={false} />
                      </button>
                      <output aria-live="polite" data-testid="cart-quantity">
                        {line.quantity}
                      </output>
                      <button
                        type="button"
                        aria-label={t('page.increase', { name: line.name })}
                        disabled={line.quantity >= MAX_CART_QUANTITY}
                        onClick={() => setCartQuantity(line.productId, line.quantity + 1)}
                      >
                        <StepIcon plus />
                      </button>
                    </div>
                    <button
                      type="button"
                      className="btn secondary small"
                      aria-label={t('page.removeLabel', { name: line.name })}
                      data-testid="cart-remove"
                      onClick={() => removeFromCart([line.productId])}
                    >
                      {t('page.remove')}
                    </button>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <div className="cart-footer stack">
            <p className="spread">
              <span>{t('page.goods')}</span>
              <strong className="price" data-testid="cart-goods">
                {formatVnd(goods)}
              </strong>
            </p>
            <p className="small muted">{t('page.note')}</p>
            <button
              type="button"
              className="btn block"
              data-testid="cart-checkout"
              disabled={lines.length === 0}
              onClick={checkout}
            >
              {t('page.checkout', { total: formatVnd(goods) })}
            </button>
          </div>
        </>
      )}
      {checkingOut && (
        <Suspense fallback={<Spinner />}>
          <CheckoutSheet cartLines={checkingOut} onClose={() => setCheckingOut(null)} />
        </Suspense>
      )}
    </div>
  );
}

function StepIcon({ plus }: { plus: boolean }) {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
    >
      <path d="M5 12h14" />
      {plus && <path d="M12 5v14" />}
    </svg>
  );
}
