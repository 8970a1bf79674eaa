import { useTranslation } from 'react-i18next';
import type { Deal } from '../../realtime/contract';
import { formatCountdown, formatVnd, secondsUntil } from '../../lib/format';
import { Picture, type ImageView } from '../../ui/Picture';

/** A product as the room shows it: pinned now, a lineup product in the bag, or what a replay had pinned. */
export interface RoomProduct {
  productId: string;
  name: string;
  /** The product's cover photo. */
  image: ImageView | null;
  priceVnd: number;
  stars: number;
  group: string;
  producerId?: string;
  producerName?: string;
  perBuyerLimit?: number | null;
}

/**
 * The product the host shows now, as a small card over the video above the chat: picture, short name, price (the
 * deal price in red with the list price struck through), a countdown badge during a flash deal, units left, Buy.
 * It slides in when the host pins and away when they unpin (`leaving`). Tapping the picture opens the bag, where
 * the certificate and the farmer are.
 */
export function PinnedCard({
  product,
  stock,
  deal,
  now,
  canBuy,
  onBuy,
  onDetails,
  leaving = false,
}: {
  product: RoomProduct;
  stock: number;
  deal: Deal | undefined;
  now: number;
  canBuy: boolean;
  onBuy: () => void;
  onDetails: () => void;
  leaving?: boolean;
}) {
  const { t } = useTranslation('shop');
  const { t: tr } = useTranslation('room');
  const dealOpen = deal !== undefined && deal.state === 'open' && new Date(deal.endsAt).getTime() > now;
  const left = dealOpen ? deal.remaining : stock;
  const soldOut = left === 0;
  const headingId = `pinned-${product.productId}`;
  return (
    <article
      className={leaving ? 'room-card pinned-card leaving' : 'room-card pinned-card'}
      data-testid="pinned-product"
      data-product-id={product.productId}
      aria-labelledby={headingId}
    >
      <button type="button" className="pinned-thumb-button" onClick={onDetails} aria-label={tr('card.details')}>
        <Picture
          image={product.image}
          alt={product.name}
          sizes="64px"
          name={product.name}
          kind="product"
          aspect="1 / 1"
          className="pinned-thumb"
          priority
          testId="product-image"
        />
      </button>
      <div className="pinned-main">
        <p className="pinned-label">
          {dealOpen ? (
            <span className="room-deal-badge" data-testid="pinned-deal-countdown" role="timer" aria-live="off">
              {tr('card.dealEnds', { time: formatCountdown(secondsUntil(deal.endsAt, now)) })}
            </span>
          ) : (
            <span className="room-showing-badge">{tr('card.showing')}</span>
          )}
        </p>
        <h2 id={headingId} className="pinned-name">
          {product.name}
        </h2>
        <p className="pinned-price">
          <span className={dealOpen ? 'price deal' : 'price'}>
            {formatVnd(dealOpen ? deal.priceVnd : product.priceVnd)}
          </span>
          {dealOpen && (
            <span className="strike">
              <span className="visually-hidden">{tr('card.listPrice')} </span>
              {formatVnd(product.priceVnd)}
            </span>
          )}
        </p>
        <p className={soldOut ? 'stock stock-out' : 'stock'} data-testid="product-stock" aria-live="polite">
          {soldOut ? t('product.soldOut') : t('product.stockLeft', { count: left })}
        </p>
      </div>
      <button
        type="button"
        className="btn room-buy"
        data-testid="buy-button"
        disabled={!canBuy || soldOut}
        onClick={onBuy}
      >
        {soldOut ? t('product.soldOut') : tr('card.buy')}
      </button>
    </article>
  );
}
