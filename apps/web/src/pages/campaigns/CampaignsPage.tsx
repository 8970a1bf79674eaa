import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatNumber } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';

/** The campaigns the caller takes part in: an admin opens the coverage, a streamer their branch's pool. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation('campaigns');
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: async () => unwrap(await api.GET('/api/campaigns')),
  });
  if (list.isPending) return <Spinner />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="stack">
      <h1>{t('list.title')}</h1>
      {list.data.length === 0 && <Empty>{t('list.none')}</Empty>}
      <ul className="plain-list stack">
        {list.data.map((c) => (
          <li key={c.id} className="card stack-tight">
            <h2 className="h3">{c.name}</h2>
            <span className="muted small">
              {c.branchName} ·{' '}
              {t('period', {
                from: formatDate(c.startsOn, i18n.language),
                to: formatDate(c.endsOn, i18n.language),
              })}{' '}
              · {t('list.products', { count: c.products, n: formatNumber(c.products) })}
            </span>
            <Link
              className="btn"
              to={c.role === 'streamer' ? `/campaigns/${c.id}/pool` : `/campaigns/${c.id}`}
            >
              {c.role === 'streamer' ? t('list.openPool') : t('list.open')}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
