import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatVnd } from '../../lib/format';
import { photosOf } from '../../lib/media';
import { ErrorBox, Spinner, Stars } from '../../ui/components';
import { Picture, type ImageView } from '../../ui/Picture';
import { CertificateDetails, useGroupName } from './parts';
import { SellingPanel } from './SellingPanel';
import { ShareButton } from './ShareButton';
import './shop.css';
import './share.css';

/**
 * A product: photos, OCOP stars and certificate, producer, price and stock, and where to buy it: the live room
 * selling it now, a replay, or straight from the producer with the next session it will be live in.
 */
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
      <div className="product-title-row">
        <h1>{product.name}</h1>
        <ShareButton productId={product.id} title={product.name} compact />
      </div>
      <div className="product-layout">
        <div className="stack">
          <Gallery photos={photosOf(product)} name={product.name} />
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
          <SellingPanel product={product} image={photosOf(product)[0] ?? null} />
          <h2>{t('product.certificate')}</h2>
          <CertificateDetails certificate={product.certificate} />
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

/** The product's photos: the chosen one large (the page's first image), the others as thumbnails to pick. */
function Gallery({ photos, name }: { photos: ImageView[]; name: string }) {
  const { t } = useTranslation('shop');
  const [shown, setShown] = useState(0);
  const main = photos[Math.min(shown, photos.length - 1)];
  return (
    <div className="product-gallery" data-testid="product-gallery">
      <Picture
        image={main}
        alt={t('product.photo', { name, index: Math.min(shown, photos.length - 1) + 1 })}
        sizes="(min-width: 900px) 45vw, 100vw"
        name={name}
        kind="product"
        aspect="1 / 1"
        className="gallery-main"
        priority
        testId="product-photo"
      />
      {photos.length > 1 && (
        <ul className="gallery-thumbs" aria-label={t('product.photos')}>
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <button
                type="button"
                aria-current={index === shown}
                aria-label={t('product.photo', { name, index: index + 1 })}
                onClick={() => setShown(index)}
              >
                <Picture image={photo} alt="" sizes="64px" name={name} kind="product" aspect="1 / 1" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
