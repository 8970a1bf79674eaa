import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import type { CampaignProduct } from './types';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';

const PAGE_SIZE = 20;
const STATE_ORDER: Record<CampaignProduct['state'], number> = {
  not_assigned: 0,
  assigned: 1,
  scheduled: 2,
  streamed: 3,
  sold: 4,
};

type MySession = Schema<'MySessionPageResponse'>['items'][number];

/** A streamer's pool: the campaign's products they may take, each adopted into one of their upcoming sessions. */
export function PoolPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const [page, setPage] = useState(1);
  const pool = useQuery({
    queryKey: ['campaign', id, 'pool'],
    queryFn: async () => unwrap(await api.GET('/api/campaigns/{id}/pool', { params: { path: { id } } })),
  });
  const sessions = useQuery({
    queryKey: ['me', 'sessions', 'upcoming'],
    queryFn: async () =>
      unwrap(await api.GET('/api/me/sessions', { params: { query: { pageSize: 50 } } })).items.filter(
        (s) => s.status === 'scheduled',
      ),
  });
  if (pool.isPending) return <Spinner />;
  if (pool.isError) return <ErrorBox error={pool.error} onRetry={() => void pool.refetch()} />;
  // What the branch (or this streamer) already holds comes first; products nobody holds follow, a page at a time.
  const ours = pool.data.filter((p) => p.assignedBranchId !== null);
  // Those never streamed first: the pledge needs them most (streamed and sold ones may be taken again, later).
  const free = pool.data
    .filter((p) => p.assignedBranchId === null)
    .sort((x, y) => STATE_ORDER[x.state] - STATE_ORDER[y.state]);
  return (
    <div className="stack">
      <h1>{t('pool.title')}</h1>
      <p className="muted">{t('pool.explain')}</p>
      {pool.data.length === 0 && <Empty>{t('pool.none')}</Empty>}
      {sessions.data && sessions.data.length === 0 && <p className="alert warn">{t('pool.noSession')}</p>}
      {ours.length > 0 && (
        <section className="stack-tight" aria-labelledby="pool-ours">
          <h2 id="pool-ours" className="h3">
            {t('pool.ours', { count: ours.length })}
          </h2>
          <ul className="plain-list stack">
            {ours.map((p) => (
              <PoolItem key={p.productId} campaignId={id} product={p} sessions={sessions.data ?? []} />
            ))}
          </ul>
        </section>
      )}
      {free.length > 0 && (
        <section className="stack-tight" aria-labelledby="pool-free">
          <h2 id="pool-free" className="h3">
            {t('pool.free', { count: free.length })}
          </h2>
          <ul className="plain-list stack">
            {free.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => (
              <PoolItem key={p.productId} campaignId={id} product={p} sessions={sessions.data ?? []} />
            ))}
          </ul>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={free.length}
            onPage={setPage}
            label={t('pool.free', { count: free.length })}
          />
        </section>
      )}
    </div>
  );
}

function PoolItem({
  campaignId,
  product,
  sessions,
}: {
  campaignId: string;
  product: CampaignProduct;
  sessions: MySession[];
}) {
  const { t, i18n } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const selectId = useId();
  const [sessionId, setSessionId] = useState(sessions[0]?.id ?? '');
  const chosen = sessionId || sessions[0]?.id || '';
  const adopt = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/campaigns/{id}/products/{productId}/adopt', {
          params: { path: { id: campaignId, productId: product.productId } },
          body: { sessionId: chosen },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaign', campaignId, 'pool'] }),
  });
  const taken = product.state === 'scheduled' || product.state === 'streamed' || product.state === 'sold';
  return (
    <li
      className="card stack-tight"
      data-testid="pool-item"
      data-product-id={product.productId}
      data-state={product.state}
    >
      <strong>{product.name}</strong>
      <span className="muted small">{product.producerName}</span>
      <span className="row wrap small">
        <span className={`state-chip state-${product.state}`}>{t(`states.${product.state}`)}</span>
        {product.nextSessionAt ? (
          <span>{t('pool.next', { at: formatDateTime(product.nextSessionAt, i18n.language) })}</span>
        ) : null}
        {product.gmvVnd > 0 ? <span>{formatVnd(product.gmvVnd)}</span> : null}
      </span>
      {!taken && sessions.length > 0 && (
        <div className="adopt-row">
          <label className="visually-hidden" htmlFor={selectId}>
            {t('pool.session', { name: product.name })}
          </label>
          <select
            id={selectId}
            value={chosen}
            data-testid="pool-session"
            onChange={(e) => setSessionId(e.target.value)}
          >
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} · {formatDateTime(s.scheduledStartAt, i18n.language)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={adopt.isPending}
            aria-busy={adopt.isPending}
            onClick={() => adopt.mutate()}
          >
            {t('pool.adopt')}
          </button>
        </div>
      )}
      {adopt.isError && (
        <span className="error-text small" role="alert">
          {errorMessage(adopt.error)}
        </span>
      )}
    </li>
  );
}
