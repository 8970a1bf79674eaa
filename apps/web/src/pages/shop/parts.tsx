import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../../api/client';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { Stars } from '../../ui/components';
import { FrameImage, Picture } from '../../ui/Picture';
import { coverOf, framesOf, photosOf } from '../../lib/media';

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

export function ProductCard({ product, priority = false }: { product: Product; priority?: boolean }) {
  const { t } = useTranslation('shop');
  const groupName = useGroupName();
  return (
    <article className="card product-card" data-testid="product-card" data-product-id={product.id}>
      <Picture
        image={photosOf(product)[0]}
        alt={product.name}
        sizes="88px"
        name={product.name}
        kind="product"
        aspect="1 / 1"
        className="product-thumb"
        priority={priority}
        testId="product-image"
      />
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

/** The fields a session card's picture reads (a session, or an item of the sessions list). */
type CardSession = Parameters<typeof framesOf>[0] &
  Parameters<typeof coverOf>[0] &
  Pick<Session, 'status' | 'title'>;

/**
 * What a session card shows: what is on air now (the media app's thumbnail, a few seconds old) while live, the
 * replay's poster once it ended, else the host's cover, else the designed tile with the title's initials. Home's
 * room cards and the producer page's session cards share it, each with its own class, sizes and shape.
 */
export function SessionCardImage({
  session,
  priority,
  className = 'cover',
  sizes = '(min-width: 900px) 300px, (min-width: 560px) 45vw, 92vw',
  aspect = '16 / 9',
}: {
  session: CardSession;
  priority: boolean;
  className?: string;
  sizes?: string;
  /** The picture's shape; null lets the card's class size it. */
  aspect?: string | null;
}) {
  const frames = framesOf(session);
  const frame =
    session.status === 'live' ? frames.thumbnail : session.status === 'ended' ? frames.poster : null;
  if (frame) {
    return (
      <FrameImage
        url={frame.url}
        alt=""
        name={session.title}
        priority={priority}
        className={className}
        testId="session-thumbnail"
      />
    );
  }
  return (
    <Picture
      image={coverOf(session)}
      alt=""
      sizes={sizes}
      name={session.title}
      kind="session"
      {...(aspect ? { aspect } : {})}
      className={className}
      priority={priority}
      testId="session-cover"
    />
  );
}

export function SessionCard({
  session,
  action,
  priority = false,
}: {
  session: Session;
  action?: React.ReactNode;
  /** The first card of the first screen: its image is fetched at once. */
  priority?: boolean;
}) {
  const { t, i18n } = useTranslation('shop');
  return (
    <article className="card session-card-wrap">
      <Link
        to={`/sessions/${session.id}`}
        className="session-card"
        data-testid="session-card"
        data-session-id={session.id}
      >
        <SessionCardImage session={session} priority={priority} />
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
