import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import type { Deal } from '../../realtime/contract';
import { formatVnd } from '../../lib/format';
import { Stars } from '../../ui/components';
import { CertificateDetails, useGroupName } from './parts';

/** A product card of the session page: a pinned product, or (on a replay with nothing pinned) a lineup product. */
export interface RoomProduct {
  productId: string;
  name: string;
  imageUrl: string | null;
  priceVnd: number;
  stars: number;
  group: string;
  producerId?: string;
  producerName?: string;
  certificate?: Schema<'CertificateCardResponse'>;
  perBuyerLimit?: number | null;
}

/** The public product, for what a card lacks (a lineup card has no certificate nor producer). */
function useProductDetails(productId: string, needed: boolean) {
  return useQuery({
    queryKey: ['public', 'products', productId],
    enabled: needed,
    queryFn: async () => unwrap(await api.GET('/api/products/{id}', { params: { path: { id: productId } } })),
    staleTime: 5 * 60_000,
  });
}

export function PinnedCard({
  product,
  stock,
  deal,
  now,
  canBuy,
  onBuy,
}: {
  product: RoomProduct;
  stock: number;
  deal: Deal | undefined;
  now: number;
  canBuy: boolean;
  onBuy: () => void;
}) {
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  const details = useProductDetails(product.productId, !product.certificate || !product.producerName);
  const certificate = product.certificate ?? details.data?.certificate;
  const producerName = product.producerName ?? details.data?.producer.name;
  const producerId = product.producerId ?? details.data?.producerId;
  const dealOpen = deal !== undefined && deal.state === 'open' && new Date(deal.endsAt).getTime() > now;
  const left = dealOpen ? deal.remaining : stock;
  const soldOut = left === 0;
  const headingId = `pinned-${product.productId}`;
  return (
    <article
      className="card pinned-card"
      data-testid="pinned-product"
      data-product-id={product.productId}
      aria-labelledby={headingId}
    >
      <div className="pinned-head">
        {product.imageUrl ? (
          <img src={product.imageUrl} alt={product.name} className="pinned-thumb" />
        ) : (
          <div className="pinned-thumb placeholder-thumb" aria-hidden="true">
            {product.name.slice(0, 1)}
          </div>
        )}
        <div className="stack pinned-main">
          <h3 id={headingId}>
            <Link to={`/products/${product.productId}`}>{product.name}</Link>
          </h3>
          <p className="row small">
            <Stars count={product.stars} />
            <span className="badge">{groupName(product.group)}</span>
          </p>
          {producerName && (
            <p className="small">
              {t('product.producer')}:{' '}
              {producerId ? <Link to={`/producers/${producerId}`}>{producerName}</Link> : producerName}
            </p>
          )}
        </div>
      </div>
      {certificate && <CertificateDetails certificate={certificate} compact />}
      <div className="spread">
        <p className="row pinned-price">
          <span className="price">{formatVnd(dealOpen ? deal.priceVnd : product.priceVnd)}</span>
          {dealOpen && <span className="strike small">{formatVnd(product.priceVnd)}</span>}
        </p>
        <p
          className={soldOut ? 'small stock stock-out' : 'small stock'}
          data-testid="product-stock"
          aria-live="polite"
        >
          {soldOut ? t('product.soldOut') : t('product.stockLeft', { count: left })}
        </p>
      </div>
      {product.perBuyerLimit ? (
        <p className="small muted">{t('product.perBuyer', { count: product.perBuyerLimit })}</p>
      ) : null}
      <button
        type="button"
        className="btn block"
        data-testid="buy-button"
        disabled={!canBuy || soldOut}
        onClick={onBuy}
      >
        {soldOut ? t('product.soldOut') : dealOpen ? t('product.buyDeal') : t('product.buy')}
      </button>
    </article>
  );
}
