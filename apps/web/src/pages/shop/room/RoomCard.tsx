import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../../../api/client';
import { formatDateTime, formatNumber, formatVnd } from '../../../lib/format';
import { Picture } from '../../../ui/Picture';
import { SessionCardImage } from '../parts';
import { EyeIcon } from './icons';
import { RemindButton } from './RemindButton';
import { clock, countdownTo, shortCount } from './room-logic';

export type FeedSession = Schema<'SessionListItemResponse'>;

/**
 * A room on home's feed: the picture (a recent frame of the stream while live), the LIVE badge and viewers, the host
 * and their branch, and the product on sale now with its price. An upcoming room counts down and offers "remind me".
 */
export function RoomCard({
  session,
  now,
  priority = false,
}: {
  session: FeedSession;
  now: number;
  priority?: boolean;
}) {
  const { t, i18n } = useTranslation('room');
  const { t: ts } = useTranslation('shop');
  const showing = session.showing;
  const left = countdownTo(session.scheduledStartAt, now);
  return (
    <article className="feed-card" data-testid="feed-card" data-status={session.status}>
      <Link
        to={`/sessions/${session.id}`}
        className="feed-card-link"
        data-testid="session-card"
        data-session-id={session.id}
      >
        <SessionCardImage
          session={session}
          priority={priority}
          className="room-card-image"
          sizes="(min-width: 900px) 280px, 48vw"
          aspect={null}
        />
        <span className="feed-card-shade" aria-hidden="true" />
        <span className="feed-card-top">
          {session.status === 'live' ? (
            <>
              <span className="feed-live">{t('top.live')}</span>
              <span className="feed-viewers" data-testid="feed-viewers">
                <EyeIcon className="icon-sm" />
                <span aria-hidden="true">{shortCount(session.viewers, i18n.language)}</span>
                <span className="visually-hidden">
                  {t('home.viewers', { count: session.viewers, formatted: formatNumber(session.viewers) })}
                </span>
              </span>
            </>
          ) : session.status === 'scheduled' ? (
            <span className="feed-soon" data-testid="feed-countdown">
              {left.days > 0
                ? t('home.startsIn', { time: `${t('upcoming.days', { count: left.days })} ${clock(left)}` })
                : t('home.startsIn', { time: clock(left) })}
            </span>
          ) : (
            <span className="feed-soon">{t('top.replay')}</span>
          )}
        </span>
        <span className="feed-card-bottom">
          <span className="feed-title">{session.title}</span>
          <span className="feed-host">
            {session.hostName}
            {session.branchName ? ` · ${session.branchName}` : ''}
          </span>
        </span>
      </Link>
      {showing && (
        <div className="feed-product" data-testid="feed-product">
          <Picture
            image={showing.image}
            alt=""
            sizes="40px"
            name={showing.name}
            kind="product"
            aspect="1 / 1"
            className="feed-product-thumb"
          />
          <div className="feed-product-text">
            <p className="feed-product-label">{showing.pinned ? t('home.showingNow') : t('home.firstUp')}</p>
            <p className="feed-product-name">{showing.name}</p>
            <p className="feed-product-price">{formatVnd(showing.priceVnd)}</p>
          </div>
        </div>
      )}
      {session.status === 'scheduled' && (
        <div className="feed-remind">
          <p className="visually-hidden">
            {ts('session.startsAt', { time: formatDateTime(session.scheduledStartAt, i18n.language) })}
          </p>
          <RemindButton sessionId={session.id} />
        </div>
      )}
    </article>
  );
}
