import { useTranslation } from 'react-i18next';
import type { Schema } from '../../api/client';
import { formatNumber, formatVnd } from '../../lib/format';

type Figures = Schema<'FiguresResponse'>;

/** Placed GMV, settled GMV, orders and items as four tiles; `gmvTestId` marks the placed GMV figure. */
export function FigureTiles({ figures, gmvTestId }: { figures: Figures; gmvTestId?: string }) {
  const { t } = useTranslation('farmer');
  return (
    <dl className="stat-grid">
      <div className="stat">
        <dt className="stat-label">{t('reports.figures.placed')}</dt>
        <dd className="stat-value" data-testid={gmvTestId}>
          {formatVnd(figures.placedGmvVnd)}
        </dd>
      </div>
      <div className="stat">
        <dt className="stat-label">{t('reports.figures.settled')}</dt>
        <dd className="stat-value">{formatVnd(figures.settledGmvVnd)}</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">{t('reports.figures.orders')}</dt>
        <dd className="stat-value">{formatNumber(figures.orders)}</dd>
      </div>
      <div className="stat">
        <dt className="stat-label">{t('reports.figures.items')}</dt>
        <dd className="stat-value">{formatNumber(figures.items)}</dd>
      </div>
    </dl>
  );
}

/** "Live" with a dot, or "reconnecting…" while the socket is down. */
export function LiveIndicator({ connected }: { connected: boolean }) {
  const { t } = useTranslation('farmer');
  return (
    <span className="live-dot" data-connected={connected} role="status">
      {connected ? t('reports.live') : t('reports.offline')}
    </span>
  );
}
