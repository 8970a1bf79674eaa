import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../lib/format';
import { CloseIcon, EyeIcon } from './icons';
import { initials, shortCount } from './room-logic';

/**
 * The room's top bar over the video: the host (round avatar, name, their branch), the live viewer count, and close.
 * `actions` sits before close, on the right: the follow and share buttons go there.
 */
export function RoomTopBar({
  hostName,
  branchName,
  viewers,
  status,
  actions,
  follow,
  closeTo = '/',
}: {
  hostName: string;
  branchName: string;
  viewers: number;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  actions?: React.ReactNode;
  /** The follow button, inside the host's pill. */
  follow?: React.ReactNode;
  closeTo?: string;
}) {
  const { t, i18n } = useTranslation('room');
  return (
    <div className="room-top" data-testid="room-top">
      <div className="room-host">
        <span className="room-avatar" aria-hidden="true">
          {initials(hostName)}
        </span>
        <div className="room-host-text">
          <p className="room-host-name">{hostName}</p>
          {branchName && (
            <p className="room-branch" data-testid="room-branch">
              {branchName}
            </p>
          )}
        </div>
        {follow}
      </div>
      <div className="room-top-right">
        {status === 'live' && (
          <p className="room-pill room-viewers" data-testid="viewer-count" aria-live="polite">
            <span className="room-live-dot" aria-hidden="true" />
            <EyeIcon className="icon-sm" />
            <span aria-hidden="true">{shortCount(viewers, i18n.language)}</span>
            <span className="visually-hidden">
              {t('top.viewers', { count: viewers, formatted: formatNumber(viewers) })}
            </span>
          </p>
        )}
        {status === 'ended' && <p className="room-pill">{t('top.replay')}</p>}
        {status === 'scheduled' && <p className="room-pill">{t('top.upcoming')}</p>}
        {status === 'cancelled' && <p className="room-pill">{t('top.cancelled')}</p>}
        {actions && <div className="room-top-actions">{actions}</div>}
        <Link to={closeTo} className="room-round" data-testid="room-close" aria-label={t('top.close')}>
          <CloseIcon />
        </Link>
      </div>
    </div>
  );
}
