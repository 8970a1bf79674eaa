import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { ArrowLeftIcon } from '../../ui/icons';
import { Pager } from '../../ui/Pager';
import { AssignItem } from './AssignItem';
import { PRODUCT_STATES, type ProductState } from './types';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';

const PAGE_SIZE = 20;

/**
 * The admin's assignment screen: the target products of their part of the campaign, filtered by state, each handed
 * to a branch below theirs or to a streamer of their own branch. A city admin sees every target product; a district
 * admin those their district holds, which they pass on to a commune, whose admin hands them to its streamers (or the
 * streamers adopt them from its pool).
 */
export function AssignPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  // Until the admin picks a filter: the products still theirs to hand out (not assigned, else assigned).
  const [picked, setPicked] = useState<ProductState | '' | null>(null);
  const [page, setPage] = useState(1);
  const stateSelect = useId();
  const path = { id };
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: async () => unwrap(await api.GET('/api/campaigns/{id}', { params: { path } })),
  });
  const coverage = useQuery({
    queryKey: ['campaign', id, 'coverage'],
    queryFn: async () => unwrap(await api.GET('/api/campaigns/{id}/coverage', { params: { path } })),
  });
  // The streamers of the admin's own branch: a product the branch holds is handed on to one of them.
  const scopeBranchId = coverage.data?.branchId;
  const members = useQuery({
    enabled: scopeBranchId !== undefined,
    queryKey: ['campaign', id, 'streamers', scopeBranchId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/memberships', {
          params: { query: { status: 'active', branchId: scopeBranchId, pageSize: 100 } },
        }),
      ),
  });
  const totals = coverage.data?.totals;
  const state: ProductState | '' =
    picked ?? (totals === undefined ? '' : totals.notAssigned > 0 ? 'not_assigned' : 'assigned');
  const products = useQuery({
    enabled: totals !== undefined,
    queryKey: ['campaign', id, 'target-products', state, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/campaigns/{id}/target-products', {
          params: { path, query: { state: state || undefined, page, pageSize: PAGE_SIZE } },
        }),
      ),
  });

  if (campaign.isPending || coverage.isPending) return <Spinner />;
  if (campaign.isError) return <ErrorBox error={campaign.error} />;
  if (coverage.isError) return <ErrorBox error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const branches = coverage.data.byBranch.filter((b) => !b.isScope);
  const scope = coverage.data.byBranch.find((b) => b.isScope);
  const streamers = (members.data?.items ?? []).map((m) => ({ userId: m.userId, name: m.userDisplayName }));
  const figures = coverage.data.totals;

  return (
    <div className="stack">
      <Link className="small" to={`/campaigns/${id}`}>
        <ArrowLeftIcon /> {campaign.data.name}
      </Link>
      <h1>{t('assign.title')}</h1>
      <p className="muted">{t('assign.explain')}</p>
      <p className="assign-summary" data-testid="assign-summary">
        {t('assign.summary', {
          notAssigned: figures.notAssigned,
          assigned: figures.assigned,
          products: figures.products,
        })}
      </p>
      <div className="assign-filter">
        <label htmlFor={stateSelect}>{t('assign.state')}</label>
        <select
          id={stateSelect}
          value={state}
          onChange={(e) => {
            setPicked(e.target.value as ProductState | '');
            setPage(1);
          }}
        >
          <option value="">{t('assign.all')}</option>
          {PRODUCT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {products.isPending && <Spinner />}
      {products.isError && <ErrorBox error={products.error} onRetry={() => void products.refetch()} />}
      {products.data && products.data.items.length === 0 && <Empty>{t('assign.none')}</Empty>}
      {products.data && products.data.items.length > 0 && (
        <section className="card" aria-labelledby="assign-list-title">
          <h2 id="assign-list-title" className="visually-hidden">
            {t('assign.list')}
          </h2>
          <ul className="plain-list">
            {products.data.items.map((p) => (
              <AssignItem
                key={p.productId}
                testId="assign-item"
                campaignId={id}
                product={p}
                branches={branches}
                own={scope ? { branchId: scope.branchId, name: scope.name, streamers } : null}
              />
            ))}
          </ul>
        </section>
      )}
      {products.data && (
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          total={products.data.total}
          onPage={setPage}
          label={t('assign.list')}
        />
      )}
    </div>
  );
}
