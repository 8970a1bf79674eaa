import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatDateTime, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';

/** A farmer's products in the Union's campaigns: the state of each and when it is scheduled. */
export function FarmerCampaignsPage() {
  const { t, i18n } = useTranslation('campaigns');
  const mine = useQuery({
    queryKey: ['me', 'campaign-products'],
    queryFn: async () => unwrap(await api.GET('/api/me/campaign-products')),
  });
  if (mine.isPending) return <Spinner />;
  if (mine.isError) return <ErrorBox error={mine.error} onRetry={() => void mine.refetch()} />;
  const lang = i18n.language;
  return (
    <div className="stack">
      <h1>{t('farmer.title')}</h1>
      {mine.data.length === 0 && <Empty>{t('farmer.none')}</Empty>}
      <ul className="plain-list stack">
        {mine.data.map((p) => (
          <li key={`${p.campaignId}-${p.productId}`} className="card stack-tight">
            <strong>{p.productName}</strong>
            <span className="muted small">
              {p.campaignName} ·{' '}
              {t('period', { from: formatDate(p.startsOn, lang), to: formatDate(p.endsOn, lang) })}
            </span>
            <span>
              {t(`states.${p.state}`)}
              {p.assignedBranchName ? ` · ${p.assignedBranchName}` : ''}
              {p.units > 0
                ? ` · ${t('farmer.sold', { units: formatNumber(p.units), gmv: formatVnd(p.gmvVnd) })}`
                : ''}
            </span>
            {p.upcoming.length > 0 ? (
              <ul className="plain-list">
                {p.upcoming.map((s) => (
                  <li key={s.sessionId}>
                    <Link to={`/sessions/${s.sessionId}`}>
                      {formatDateTime(s.scheduledStartAt, lang)} · {s.title} · {s.hostName}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted small">{t('farmer.noSession')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
