import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { useSummary } from './studio-api';
import './studio.css';
import { ArrowLeftIcon } from '../../ui/icons';

/** After the stream: GMV placed and settled, orders, buyers, conversion, peak viewers, and each product. */
export function SummaryPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('studio');
  const summary = useSummary(id);
  if (summary.isPending) return <Spinner />;
  if (summary.isError) return <ErrorBox error={summary.error} onRetry={() => void summary.refetch()} />;
  const data = summary.data;
  const products = [...data.products].sort((a, b) => b.placedGmvVnd - a.placedGmvVnd);
  const conversion =
    data.conversion === null
      ? '–'
      : new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'vi-VN', {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(data.conversion);

  return (
    <div className="stack studio">
      <p>
        <Link to="/studio">
          <ArrowLeftIcon /> {t('nav.backToStudio')}
        </Link>
      </p>
      <h1>{t('summary.title', { title: data.title })}</h1>
      <p className="muted small">
        {data.hostName}
        {data.startedAt ? ` · ${formatDateTime(data.startedAt, i18n.language)}` : ''}
        {data.endedAt ? ` – ${formatDateTime(data.endedAt, i18n.language)}` : ''} ·{' '}
        {t(`common:status.${data.status}`, { defaultValue: data.status })}
      </p>
      {data.status === 'live' ? <p className="alert info">{t('summary.stillLive')}</p> : null}
      <section className="studio-stats studio-summary" aria-label={t('summary.figures')}>
        <div className="card">
          <span className="studio-stat-value" data-testid="summary-gmv">
            {formatVnd(data.placedGmvVnd)}
          </span>
          <span className="small muted">{t('summary.placedGmv')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{formatVnd(data.settledGmvVnd)}</span>
          <span className="small muted">{t('summary.settledGmv')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value" data-testid="summary-orders">
            {formatNumber(data.orders)}
          </span>
          <span className="small muted">{t('summary.orders')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{formatNumber(data.items)}</span>
          <span className="small muted">{t('summary.items')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{formatNumber(data.uniqueBuyers)}</span>
          <span className="small muted">{t('summary.buyers')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{conversion}</span>
          <span className="small muted">{t('summary.conversion')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{formatNumber(data.peakViewers)}</span>
          <span className="small muted">{t('summary.peak')}</span>
        </div>
        <div className="card">
          <span className="studio-stat-value">{formatNumber(data.uniqueViewers)}</span>
          <span className="small muted">{t('summary.uniqueViewers')}</span>
        </div>
      </section>
      <p className="small muted">{t('summary.note')}</p>
      <section className="stack" aria-labelledby="per-product">
        <h2 id="per-product">{t('summary.perProduct')}</h2>
        {products.length === 0 ? (
          <Empty>{t('summary.noSales')}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('summary.perProduct')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('summary.product')}</th>
                  <th scope="col" className="num">
                    {t('summary.orders')}
                  </th>
                  <th scope="col" className="num">
                    {t('summary.items')}
                  </th>
                  <th scope="col" className="num">
                    {t('summary.placedGmv')}
                  </th>
                  <th scope="col" className="num">
                    {t('summary.settledGmv')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {products.map((product) => (
                  <tr
                    key={product.productId}
                    data-testid="summary-product"
                    data-product-id={product.productId}
                  >
                    <th scope="row">{product.name}</th>
                    <td className="num">{formatNumber(product.orders)}</td>
                    <td className="num">{formatNumber(product.items)}</td>
                    <td className="num">{formatVnd(product.placedGmvVnd)}</td>
                    <td className="num">{formatVnd(product.settledGmvVnd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <Link to={`/studio/sessions/${id}`}>{t('summary.backToSession')}</Link>
      </p>
    </div>
  );
}
