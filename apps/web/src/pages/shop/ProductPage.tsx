import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatVnd } from '../../lib/format';
import { ErrorBox, Spinner, Stars } from '../../ui/components';
import { CertificateDetails, useGroupName } from './parts';
import './shop.css';

/** A product: photos, OCOP stars and certificate, producer, price and stock. Buying happens in a live session. */
export function ProductPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  const query = useQuery({
    queryKey: ['public', 'products', id],
    queryFn: async () => unwrap(await api.GET('/api/products/{id}', { params: { path: { id } } })),
  });
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  const product = query.data;
  return (
    <article className="stack product-page">
      <h1>{product.name}</h1>
      <div className="product-layout">
        <div className="stack">
          {product.images.length > 0 ? (
            <div className="product-images">
              {product.images.map((src, index) => (
                <img key={src} src={src} alt={t('product.photo', { name: product.name, index: index + 1 })} />
              ))}
            </div>
          ) : (
            <div className="cover neutral-cover" aria-hidden="true">
              <span>{product.name}</span>
            </div>
          )}
        </div>
        <div className="stack card">
          <p className="row">
            <Stars count={product.certificate.stars} />
            <span className="badge">{groupName(product.group)}</span>
            {product.certificateState === 'expiring_soon' && (
              <span className="badge warn">{t('product.expiringSoon')}</span>
            )}
          </p>
          <p className="price product-price">{formatVnd(product.priceVnd)}</p>
          <p>
            {!product.sellable ? (
              <span className="badge warn">{t('product.notSellable')}</span>
            ) : product.stock === 0 ? (
              <span className="badge danger">{t('product.soldOut')}</span>
            ) : (
              t('product.stockLeft', { count: product.stock })
            )}
          </p>
          <p>
            {t('product.producer')}:{' '}
            <Link to={`/producers/${product.producerId}`}>{product.producer.name}</Link> ·{' '}
            {product.producer.province.name}
          </p>
          <h2>{t('product.certificate')}</h2>
          <CertificateDetails certificate={product.certificate} />
          <p className="small muted">{t('product.buyInSession')}</p>
        </div>
      </div>
      {product.description && (
        <section className="stack" aria-labelledby="product-description">
          <h2 id="product-description">{t('product.description')}</h2>
          <p className="pre-line">{product.description}</p>
        </section>
      )}
    </article>
  );
}
