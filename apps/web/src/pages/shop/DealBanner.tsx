import { useTranslation } from 'react-i18next';
import type { Deal } from '../../realtime/contract';
import { formatCountdown, formatVnd, secondsUntil } from '../../lib/format';

/** The flash deal running now: price, a countdown ticking every second, units left, and a buy button. */
export function DealBanner({
  deal,
  now,
  onBuy,
  buyDisabled,
}: {
  deal: Deal;
  now: number;
  onBuy: (deal: Deal) => void;
  buyDisabled: boolean;
}) {
  const { t } = useTranslation('shop');
  const seconds = secondsUntil(deal.endsAt, now);
  const soldOut = deal.remaining === 0;
  return (
    <section className="deal-banner" data-testid="deal-banner" aria-labelledby={`deal-${deal.id}`}>
      <div className="stack deal-text">
        <h2 id={`deal-${deal.id}`} className="deal-title">
          <span className="badge live">{t('deal.badge')}</span> {deal.productName}
        </h2>
        <p className="row">
          <span className="deal-price">{formatVnd(deal.priceVnd)}</span>
          <span className="strike">{formatVnd(deal.listPriceVnd)}</span>
        </p>
        <p className="row small">
          <span>
            {t('deal.endsIn')}{' '}
            <strong className="countdown" data-testid="deal-countdown" role="timer" aria-live="off">
              {formatCountdown(seconds)}
            </strong>
          </span>
          <span data-testid="deal-remaining" aria-live="polite">
            {soldOut ? t('deal.soldOut') : t('deal.remaining', { count: deal.remaining })}
          </span>
          <span>{t('deal.perBuyer', { count: deal.perBuyerLimit })}</span>
        </p>
      </div>
      <button
        type="button"
        className="btn"
        disabled={buyDisabled || soldOut || seconds === 0}
        onClick={() => onBuy(deal)}
      >
        {t('deal.buy')}
      </button>
    </section>
  );
}
