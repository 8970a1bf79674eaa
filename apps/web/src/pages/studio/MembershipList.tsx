import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { useMemberships, type Membership } from './studio-api';

const BADGE: Record<Membership['status'], string> = {
  pending: 'badge warn',
  active: 'badge',
  rejected: 'badge danger',
  ended: 'badge danger',
};

/** My applications and memberships, newest first, each with its state in words. */
export function MembershipList() {
  const { t, i18n } = useTranslation('studio');
  const memberships = useMemberships();
  if (memberships.isPending) return <Spinner />;
  if (memberships.isError)
    return <ErrorBox error={memberships.error} onRetry={() => void memberships.refetch()} />;
  if (memberships.data.length === 0) return <Empty>{t('membership.none')}</Empty>;
  const sorted = [...memberships.data].sort((a, b) => b.appliedAt.localeCompare(a.appliedAt));
  return (
    <ul className="studio-list" aria-label={t('membership.listLabel')}>
      {sorted.map((membership) => (
        <li key={membership.id} className="card studio-membership">
          <div className="spread">
            <strong>
              {membership.branchName} <span className="muted small">({membership.branchCode})</span>
            </strong>
            <span
              className={BADGE[membership.status]}
              data-testid="membership-status"
              data-status={membership.status}
            >
              {t(`membership.status.${membership.status}`)}
            </span>
          </div>
          <p className="muted small">
            {t('membership.appliedOn', { date: formatDate(membership.appliedAt, i18n.language) })}
            {membership.decidedAt
              ? ` · ${t('membership.decidedOn', { date: formatDate(membership.decidedAt, i18n.language) })}`
              : ''}
          </p>
          <p className="small">{t(`membership.explain.${membership.status}`)}</p>
          {membership.endReason ? <p className="small muted">{membership.endReason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
