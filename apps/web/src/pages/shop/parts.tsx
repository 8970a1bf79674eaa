import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../../api/client';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { Stars } from '../../ui/components';

type Certificate = Pick<
  Schema<'CertificateResponse'>,
  'decisionNumber' | 'issuingBody' | 'signedOn' | 'expiresOn'
>;

/** The OCOP recognition decision, shown in full (the e-commerce law expects it visible during a stream). */
export function CertificateDetails({
  certificate,
  compact = false,
}: {
  certificate: Certificate;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <dl className={compact ? 'cert cert-compact' : 'cert'} aria-label={t('ocop.certificate')}>
      <div>
        <dt>{t('ocop.decisionNumber')}</dt>
        <dd>{certificate.decisionNumber}</dd>
      </div>
      <div>
        <dt>{t('ocop.issuingBody')}</dt>
        <dd>{certificate.issuingBody}</dd>
      </div>
      <div>
        <dt>{t('ocop.signedOn')}</dt>
        <dd>{formatDate(certificate.signedOn, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('ocop.expiresOn')}</dt>
        <dd>{formatDate(certificate.expiresOn, i18n.language)}</dd>
      </div>
    </dl>
  );
}

/** "Thực phẩm" for an OCOP group code (the code itself if unknown). */
export function useGroupName(): (group: string) => string {
  const { t } = useTranslation();
  return (group: string) => t(`ocop.groups.${group}`, { defaultValue: group });
}

type Product = Schema<'ProductResponse'>;

export function ProductCard({ product }: { product: Product }) {
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  const image = product.images[0];
  return (
    <article className="card product-card" data-testid="product-card" data-product-id={product.id}>
      {image ? (
        <img src={image} alt={product.name} className="product-thumb" loading="lazy" />
      ) : (
        <div className="product-thumb placeholder-thumb" aria-hidden="true">
          {product.name.slice(0, 1)}
        </div>
      )}
      <div className="stack product-card-body">
        <h3>
          <Link to={`/products/${product.id}`}>{product.name}</Link>
        </h3>
        <p className="row small">
          <Stars count={product.certificate.stars} />
          <span className="badge">{groupName(product.group)}</span>
        </p>
        <p className="small muted">
          <Link to={`/producers/${product.producerId}`}>{product.producer.name}</Link> ·{' '}
          {product.producer.province.name}
        </p>
        <p className="spread">
          <span className="price">{formatVnd(product.priceVnd)}</span>
          {!product.sellable ? (
            <span className="badge warn">{t('product.notSellable')}</span>
          ) : product.stock === 0 ? (
            <span className="badge danger">{t('product.soldOut')}</span>
          ) : null}
        </p>
      </div>
    </article>
  );
}

type Session = Schema<'SessionResponse'>;

export function SessionCard({ session, action }: { session: Session; action?: React.ReactNode }) {
  const { t, i18n } = useTranslation('shop');
  return (
    <article className="card session-card-wrap">
      <Link
        to={`/sessions/${session.id}`}
        className="session-card"
        data-testid="session-card"
        data-session-id={session.id}
      >
        {session.coverImageUrl ? (
          <img src={session.coverImageUrl} alt="" className="cover" loading="lazy" />
        ) : (
          <div className="cover neutral-cover" aria-hidden="true">
            <span>{session.title}</span>
          </div>
        )}
        <span className="session-card-title">{session.title}</span>
      </Link>
      <div className="stack session-card-meta">
        <p className="row small">
          {session.status === 'live' ? (
            <span className="badge live">{t('session.live')}</span>
          ) : session.status === 'scheduled' ? (
            <span className="badge">
              {t('session.startsAt', { time: formatDateTime(session.scheduledStartAt, i18n.language) })}
            </span>
          ) : (
            <span className="badge warn">{t('session.replay')}</span>
          )}
          <span className="muted">{t('session.host', { name: session.hostName })}</span>
        </p>
        {action}
      </div>
    </article>
  );
}

export function orderStatusClass(status: Schema<'OrderResponse'>['status']): string {
  switch (status) {
    case 'cancelled':
    case 'expired':
    case 'refund_due':
    case 'refunded':
      return 'badge danger';
    case 'pending_payment':
      return 'badge warn';
    default:
      return 'badge';
  }
}
