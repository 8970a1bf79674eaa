import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { Pager } from '../../ui/Pager';

type Membership = Schema<'MembershipReviewResponse'>;
const PAGE_SIZE = 20;

export function ApprovalsPage() {
  const { t } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const pending = useQuery({
    queryKey: ['admin', 'memberships', 'pending', page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/memberships', {
          params: { query: { status: 'pending', page, pageSize: PAGE_SIZE } },
        }),
      ),
  });
  return (
    <div className="stack">
      <h1>{t('approvals.title')}</h1>
      {pending.isPending ? (
        <Spinner />
      ) : pending.isError ? (
        <ErrorBox error={pending.error} onRetry={() => void pending.refetch()} />
      ) : pending.data.items.length === 0 ? (
        <Empty>{t('approvals.empty')}</Empty>
      ) : (
        <>
          <p className="muted">{t('approvals.count', { count: pending.data.total })}</p>
          <ul className="review-list">
            {pending.data.items.map((membership) => (
              <MembershipItem key={membership.id} membership={membership} />
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={pending.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function MembershipItem({ membership }: { membership: Membership }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [confirmReject, setConfirmReject] = useState(false);
  const decide = useMutation({
    mutationFn: async (decision: 'approve' | 'reject') => {
      const path = { params: { path: { id: membership.id } } };
      return decision === 'approve'
        ? unwrap(await api.POST('/api/memberships/{id}/approve', path))
        : unwrap(await api.POST('/api/memberships/{id}/reject', path));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'memberships'] }),
  });
  const path = membership.branchPath.map((crumb) => crumb.name).join(' › ');
  return (
    <li className="card stack" data-testid="membership-row" data-membership-id={membership.id}>
      <h2>{membership.userDisplayName}</h2>
      <dl>
        <dt>{t('approvals.branch')}</dt>
        <dd>
          {membership.branchName} <span className="small muted">({membership.branchCode})</span>
        </dd>
        {path && (
          <>
            <dt>{t('approvals.path')}</dt>
            <dd className="small">{path}</dd>
          </>
        )}
        {membership.userPhone && (
          <>
            <dt>{t('approvals.phone')}</dt>
            <dd>
              <a href={`tel:${membership.userPhone}`}>{membership.userPhone}</a>
            </dd>
          </>
        )}
        {membership.userEmail && (
          <>
            <dt>{t('approvals.email')}</dt>
            <dd>{membership.userEmail}</dd>
          </>
        )}
        <dt>{t('approvals.appliedAt')}</dt>
        <dd>{formatDateTime(membership.appliedAt, i18n.language)}</dd>
      </dl>
      {decide.isError && <ErrorBox error={decide.error} />}
      {confirmReject ? (
        <div className="row">
          <span>{t('approvals.rejectConfirmText', { name: membership.userDisplayName })}</span>
          <button
            type="button"
            className="btn danger"
            data-testid="reject-membership-confirm"
            disabled={decide.isPending}
            onClick={() => decide.mutate('reject')}
          >
            {t('approvals.rejectConfirm')}
          </button>
          <button type="button" className="btn secondary" onClick={() => setConfirmReject(false)}>
            {t('approvals.cancel')}
          </button>
        </div>
      ) : (
        <div className="row">
          <button
            type="button"
            className="btn"
            data-testid="approve-membership"
            disabled={decide.isPending}
            onClick={() => decide.mutate('approve')}
          >
            {t('approvals.approve')}
          </button>
          <button
            type="button"
            className="btn secondary"
            data-testid="reject-membership"
            disabled={decide.isPending}
            onClick={() => setConfirmReject(true)}
          >
            {t('approvals.reject')}
          </button>
        </div>
      )}
    </li>
  );
}
