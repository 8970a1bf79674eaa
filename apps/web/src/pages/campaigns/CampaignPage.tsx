import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { ChartFigure } from '../reports/ChartFigure';
import { downloadCsv } from '../reports/csv';
import { LiveIndicator } from '../reports/Figures';
import { ProgressChart } from './ProgressChart';
import type { CampaignProduct, Figures } from './types';
import { useCampaignLive } from './useCampaignLive';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';

type By = 'total' | 'branch' | 'group';

/** The admin's campaign: coverage of their part (per branch, group, province), progress, products at risk, assign. */
export function CampaignPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const [by, setBy] = useState<By>('total');
  const bySelect = useId();
  const path = { id };
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: async () => unwrap(await api.GET('/api/campaigns/{id}', { params: { path } })),
  });
  const coverage = useQuery({
    queryKey: ['campaign', id, 'coverage'],
    queryFn: async () => unwrap(await api.GET('/api/campaigns/{id}/coverage', { params: { path } })),
  });
  const progress = useQuery({
    queryKey: ['campaign', id, 'progress', by],
    queryFn: async () =>
      unwrap(await api.GET('/api/campaigns/{id}/progress', { params: { path, query: { by } } })),
  });
  const atRisk = useQuery({
    queryKey: ['campaign', id, 'at-risk'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/campaigns/{id}/target-products', {
          params: { path, query: { atRisk: true, pageSize: 50 } },
        }),
      ),
  });
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['campaign', id] });
  }, [queryClient, id]);
  const live = useCampaignLive(id, refetch);
  const provinces = useProvinces();

  if (campaign.isPending || coverage.isPending) return <Spinner />;
  if (campaign.isError) return <ErrorBox error={campaign.error} />;
  if (coverage.isError) return <ErrorBox error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const c = campaign.data;
  const view = coverage.data;
  const lang = i18n.language;
  const groupName = (key: string) => t(`groups.${key}`, { defaultValue: key });

  return (
    <div className="stack campaign-page">
      <div className="area-header">
        <h1>{c.name}</h1>
        <LiveIndicator connected={live.connected} />
      </div>
      <p className="muted">
        {t('period', { from: formatDate(c.startsOn, lang), to: formatDate(c.endsOn, lang) })} · {c.branchName}
      </p>
      <Tiles totals={view.totals} farmers={view.farmersReached} atRisk={view.atRiskNow} />
      <div className="row wrap">
        <button
          type="button"
          className="btn secondary"
          onClick={() => void downloadCsv(`/api/campaigns/${id}/report`, {}, `campaign-${id}.csv`)}
        >
          {t('report.csv')}
        </button>
        <Link className="btn secondary" to={`/campaigns/${id}/report`}>
          {t('report.print')}
        </Link>
      </div>

      <section className="card stack">
        <div className="row wrap">
          <label htmlFor={bySelect}>{t('progress.by')}</label>
          <select id={bySelect} value={by} onChange={(e) => setBy(e.target.value as By)}>
            <option value="total">{t('progress.total')}</option>
            <option value="branch">{t('progress.branch')}</option>
            <option value="group">{t('progress.group')}</option>
          </select>
        </div>
        {progress.isError && <ErrorBox error={progress.error} />}
        {progress.data?.series.map((series) => {
          const data = series.points.map((p) => ({
            label: formatDate(p.day, lang).slice(0, 5),
            streamed: p.streamed,
            sold: p.sold,
            target: p.targetProducts,
          }));
          const label =
            series.key === 'total'
              ? t('progress.total')
              : by === 'group'
                ? groupName(series.key)
                : series.label;
          return (
            <ChartFigure
              key={series.key}
              caption={t('progress.caption', { name: label, target: formatNumber(series.targetProducts) })}
              table={{
                columns: [
                  t('progress.day'),
                  t('progress.streamed'),
                  t('progress.sold'),
                  t('progress.target'),
                ],
                rows: series.points.map((p) => [
                  formatDate(p.day, lang),
                  formatNumber(p.streamed),
                  formatNumber(p.sold),
                  formatNumber(p.targetProducts),
                ]),
              }}
            >
              <ProgressChart
                data={data}
                names={{
                  streamed: t('progress.streamed'),
                  sold: t('progress.sold'),
                  target: t('progress.target'),
                }}
              />
            </ChartFigure>
          );
        })}
      </section>

      <section className="card stack">
        <h2 id="branches-title">{t('branches.title')}</h2>
        <div className="table-wrap sticky-first" tabIndex={0} role="region" aria-labelledby="branches-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('branches.branch')}</th>
                <th scope="col" className="num">
                  {t('branches.assigned')}
                </th>
                <th scope="col" className="num">
                  {t('branches.streamed')}
                </th>
                <th scope="col" className="num">
                  {t('branches.sold')}
                </th>
                <th scope="col" className="num">
                  {t('branches.sessions')}
                </th>
                <th scope="col" className="num">
                  {t('branches.volunteers')}
                </th>
                <th scope="col" className="num">
                  {t('branches.hours')}
                </th>
                <th scope="col" className="num">
                  {t('branches.gmv')}
                </th>
                <th scope="col" className="num">
                  {t('branches.target')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.byBranch.map((b) => (
                <tr key={b.branchId} className={b.isScope ? 'scope-row' : undefined}>
                  <th scope="row">{b.name}</th>
                  <td className="num">{formatNumber(b.assignedProducts)}</td>
                  <td className="num">{formatNumber(b.streamedProducts)}</td>
                  <td className="num">{formatNumber(b.soldProducts)}</td>
                  <td className="num">{formatNumber(b.sessionsHeld)}</td>
                  <td className="num">{formatNumber(b.volunteers)}</td>
                  <td className="num">{formatNumber(b.hoursOnAir)}</td>
                  <td className="num">{formatVnd(b.gmvVnd)}</td>
                  <td className="num">{b.target ? formatNumber(b.target.products) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <KeyTable title={t('groups.title')} rows={view.byGroup} name={groupName} />
      <KeyTable
        title={t('provinces.title')}
        rows={view.byProvince}
        name={(key) => provinces.data?.find((p) => p.code === key)?.name ?? key}
      />

      <section className="card stack" aria-labelledby="at-risk-title">
        <h2 id="at-risk-title">{t('atRisk.title', { count: atRisk.data?.total ?? 0 })}</h2>
        <p className="muted">{t('atRisk.explain', { day: formatDate(view.atRiskFrom, lang) })}</p>
        {atRisk.isError && <ErrorBox error={atRisk.error} />}
        {atRisk.data && atRisk.data.items.length === 0 && <Empty>{t('atRisk.none')}</Empty>}
        <ul className="plain-list">
          {atRisk.data?.items.map((p) => (
            <AtRiskItem
              key={p.productId}
              campaignId={id}
              product={p}
              branches={view.byBranch.filter((b) => !b.isScope)}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}

function Tiles({ totals, farmers, atRisk }: { totals: Figures; farmers: number; atRisk: number }) {
  const { t } = useTranslation('campaigns');
  const tiles: [string, string, string?][] = [
    [t('tiles.products'), formatNumber(totals.products)],
    [t('tiles.streamed'), formatNumber(totals.streamed + totals.sold), 'tile-streamed'],
    [t('tiles.sold'), formatNumber(totals.sold), 'tile-sold'],
    [t('tiles.gmv'), formatVnd(totals.gmvVnd), 'tile-gmv'],
    [t('tiles.settled'), formatVnd(totals.settledGmvVnd)],
    [t('tiles.farmers'), formatNumber(farmers)],
    [t('tiles.notAssigned'), formatNumber(totals.notAssigned)],
    [t('tiles.atRisk'), formatNumber(atRisk)],
  ];
  return (
    <dl className="stat-grid">
      {tiles.map(([label, value, testId]) => (
        <div className="stat" key={label}>
          <dt className="stat-label">{label}</dt>
          <dd className="stat-value" data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function KeyTable({
  title,
  rows,
  name,
}: {
  title: string;
  rows: (Figures & { key: string })[];
  name: (key: string) => string;
}) {
  const { t } = useTranslation('campaigns');
  const titleId = useId();
  return (
    <section className="card stack">
      <h2 id={titleId}>{title}</h2>
      <div className="table-wrap sticky-first" tabIndex={0} role="region" aria-labelledby={titleId}>
        <table>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="num">
                {t('tiles.products')}
              </th>
              <th scope="col" className="num">
                {t('tiles.streamed')}
              </th>
              <th scope="col" className="num">
                {t('tiles.sold')}
              </th>
              <th scope="col" className="num">
                {t('tiles.gmv')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{name(r.key)}</th>
                <td className="num">{formatNumber(r.products)}</td>
                <td className="num">{formatNumber(r.streamed + r.sold)}</td>
                <td className="num">{formatNumber(r.sold)}</td>
                <td className="num">{formatVnd(r.gmvVnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AtRiskItem({
  campaignId,
  product,
  branches,
}: {
  campaignId: string;
  product: CampaignProduct;
  branches: { branchId: string; name: string }[];
}) {
  const { t } = useTranslation('campaigns');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const selectId = useId();
  const [branchId, setBranchId] = useState(branches[0]?.branchId ?? '');
  const assign = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/campaigns/{id}/assignments', {
          params: { path: { id: campaignId } },
          body: { productIds: [product.productId], branchId },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['campaign', campaignId] }),
  });
  return (
    <li className="at-risk-item stack-tight" data-testid="at-risk-item">
      <strong>{product.name}</strong>
      <span className="muted small">
        {product.producerName} · {t(`states.${product.state}`)}
        {product.assignedBranchName ? ` · ${product.assignedBranchName}` : ''}
      </span>
      {branches.length > 0 && (
        <div className="row wrap">
          <label className="visually-hidden" htmlFor={selectId}>
            {t('atRisk.assignTo', { name: product.name })}
          </label>
          <select id={selectId} value={branchId} onChange={(e) => setBranchId(e.target.value)}>
            {branches.map((b) => (
              <option key={b.branchId} value={b.branchId}>
                {b.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn"
            disabled={!branchId || assign.isPending}
            aria-busy={assign.isPending}
            onClick={() => assign.mutate()}
          >
            {t('atRisk.assign')}
          </button>
        </div>
      )}
      {assign.isError && (
        <span className="error-text small" role="alert">
          {errorMessage(assign.error)}
        </span>
      )}
    </li>
  );
}
