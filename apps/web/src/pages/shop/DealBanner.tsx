import { useTranslation } from 'react-i18next';
import type { Deal } from '../../realtime/contract';
import { formatCountdown, formatVnd, secondsUntil } from '../../lib/format';

/**
 * A flash deal running now, as a slim strip over the video (above the product card): the deal price in red, the list
 * price struck through, a countdown ticking every second, units left, and Buy.
 */
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
    <section className="room-card deal-banner" data-testid="deal-banner" aria-labelledby={`deal-${deal.id}`}>
      <div className="deal-text">
        <h2 id={`deal-${deal.id}`} className="deal-title">
          <span className="room-deal-badge">
            {t('deal.badge')}{' '}
            <strong className="countdown" data-testid="deal-countdown" role="timer" aria-live="off">
              {formatCountdown(seconds)}
            </strong>
          </span>{' '}
          {deal.productName}
        </h2>
        <p className="deal-line">
          <span className="price deal">{formatVnd(deal.priceVnd)}</span>{' '}
          <span className="strike">{formatVnd(deal.listPriceVnd)}</span>{' '}
          <span data-testid="deal-remaining" aria-live="polite">
            {soldOut ? t('deal.soldOut') : t('deal.remaining', { count: deal.remaining })}
          </span>
          <span className="visually-hidden"> {t('deal.perBuyer', { count: deal.perBuyerLimit })}</span>
        </p>
      </div>
      <button
        type="button"
        className="btn room-buy"
        disabled={buyDisabled || soldOut || seconds === 0}
        onClick={() => onBuy(deal)}
      >
        {t('deal.buy')}
      </button>
    </section>
  );
}
