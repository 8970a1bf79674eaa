import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner, Stars } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { expiryLevel } from './certificate';
import { CertificateWarning, StatusBadge, StatusReason, SubmitButton } from './ProductParts';

const PAGE_SIZE = 50;

export function ProductsPage() {
  const { t, i18n } = useTranslation('farmer');
  const [page, setPage] = useState(1);
  const products = useQuery({
    queryKey: ['farmer', 'products', page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/producers/me/products', { params: { query: { page, pageSize: PAGE_SIZE } } }),
      ),
  });
  const expiring = (products.data?.items ?? []).filter(
    (product) => expiryLevel(product.daysUntilExpiry, product.certificateState) !== 'ok',
  );

  return (
    <div className="stack">
      <div className="area-header">
        <h1>{t('products.title')}</h1>
        <Link to="/farmer/products/new" className="btn" data-testid="product-new">
          {t('products.new')}
        </Link>
      </div>
      <Notifications />
      {expiring.length > 0 && (
        <p className="alert warn" role="status">
          {t('products.expiringSummary', { count: expiring.length })}
        </p>
      )}
      {products.isPending ? (
        <Spinner />
      ) : products.isError ? (
        <ErrorBox error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.items.length === 0 ? (
        <div className="card stack">
          <Empty>{t('products.empty')}</Empty>
        </div>
      ) : (
        <>
          <ul className="product-list">
            {products.data.items.map((product) => (
              <li
                key={product.id}
                className="card stack product-item"
                data-testid="farmer-product"
                data-product-id={product.id}
                data-status={product.status}
              >
                <div className="spread">
                  <h2>{product.name}</h2>
                  <StatusBadge product={product} />
                </div>
                <StatusReason product={product} />
                <CertificateWarning product={product} />
                <dl>
                  <dt>{t('products.price')}</dt>
                  <dd className="price">{formatVnd(product.priceVnd)}</dd>
                  <dt>{t('products.stock')}</dt>
                  <dd>{formatNumber(product.stock)}</dd>
                  <dt>{t('certificate.stars')}</dt>
                  <dd>
                    <Stars count={product.certificate.stars} />
                  </dd>
                  <dt>{t('certificate.number')}</dt>
                  <dd>{product.certificate.decisionNumber}</dd>
                  <dt>{t('certificate.expiresOn')}</dt>
                  <dd>{formatDate(product.certificate.expiresOn, i18n.language)}</dd>
                  {product.submittedAt && product.status === 'pending_verification' && (
                    <>
                      <dt>{t('products.submittedAt')}</dt>
                      <dd>{formatDateTime(product.submittedAt, i18n.language)}</dd>
                    </>
                  )}
                </dl>
                <div className="actions">
                  <Link to={`/farmer/products/${product.id}`} className="btn secondary">
                    {t('products.open')}
                    <span className="visually-hidden">: {product.name}</span>
                  </Link>
                  <SubmitButton product={product} />
                </div>
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={products.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

/** The api's certificate expiry notices (newest first). */
function Notifications() {
  const { t, i18n } = useTranslation('farmer');
  const notices = useQuery({
    queryKey: ['farmer', 'notifications'],
    queryFn: async () =>
      unwrap(await api.GET('/api/producers/me/notifications', { params: { query: { pageSize: 5 } } })),
  });
  if (notices.isPending || notices.isError || notices.data.items.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="farmer-notices">
      <h2 id="farmer-notices">{t('notifications.title')}</h2>
      <ul className="notice-list">
        {notices.data.items.map((notice) => (
          <li key={notice.id} className={notice.kind === 'certificate_expired' ? 'error-text' : undefined}>
            {i18n.language === 'en' ? notice.messageEn : notice.messageVi}{' '}
            <span className="small muted">({formatDateTime(notice.createdAt, i18n.language)})</span>
            {notice.productId && (
              <>
                {' '}
                <Link to={`/farmer/products/${notice.productId}`}>{t('notifications.open')}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
