import { useTranslation } from 'react-i18next';
import { formatDateTime, formatVnd } from '../../../lib/format';
import { imageOf } from '../../../lib/media';
import { Picture } from '../../../ui/Picture';
import type { LineupCard } from './BagSheet';
import { ClockIcon } from './icons';
import { RemindButton } from './RemindButton';
import { clock, countdownTo } from './room-logic';

/**
 * An upcoming room: the countdown to the start, "remind me", what will be sold (the lineup), and why buying is not
 * open yet. It floats over the session's cover in the middle of the screen.
 */
export function UpcomingPanel({
  sessionId,
  title,
  startsAt,
  now,
  lineup,
  onOpenBag,
}: {
  sessionId: string;
  title: string;
  startsAt: string;
  now: number;
  lineup: LineupCard[];
  onOpenBag: () => void;
}) {
  const { t, i18n } = useTranslation('room');
  const left = countdownTo(startsAt, now);
  return (
    <section className="room-upcoming" data-testid="room-upcoming" aria-labelledby="upcoming-title">
      <h1 id="upcoming-title" className="room-upcoming-title">
        {title}
      </h1>
      <p className="room-upcoming-label">
        <ClockIcon className="icon-sm" />{' '}
        {left.done ? t('upcoming.startingNow') : t('upcoming.startsIn')}
      </p>
      {!left.done && (
        <p className="room-countdown" data-testid="room-countdown" role="timer" aria-live="off">
          {left.days > 0 && <span className="room-countdown-days">{t('upcoming.days', { count: left.days })} </span>}
          <span>{clock(left)}</span>
        </p>
      )}
      <p className="room-upcoming-at">
        {t('upcoming.at', { time: formatDateTime(startsAt, i18n.language) })}
      </p>
      <RemindButton sessionId={sessionId} next={`/sessions/${sessionId}`} className="room-remind" />
      <p className="room-upcoming-why" data-testid="room-not-open">
        {t('upcoming.why')}
      </p>
      {lineup.length > 0 && (
        <div className="room-upcoming-lineup">
          <ol className="room-mini-lineup">
            {lineup.slice(0, 3).map((p, i) => (
              <li key={p.productId}>
                <span className="bag-number">#{i + 1}</span>
                <Picture
                  image={imageOf(p)}
                  alt=""
                  sizes="48px"
                  name={p.name}
                  kind="product"
                  aspect="1 / 1"
                  className="mini-thumb"
                />
                <span className="mini-name">{p.name}</span>
                <span className="price">{formatVnd(p.priceVnd)}</span>
              </li>
            ))}
          </ol>
          <button type="button" className="btn secondary small" onClick={onOpenBag}>
            {t('upcoming.seeLineup', { count: lineup.length })}
          </button>
        </div>
      )}
    </section>
  );
}
