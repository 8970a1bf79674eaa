import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { ChartFigure } from '../reports/ChartFigure';
import { downloadCsv } from '../reports/csv';
import { LiveIndicator } from '../reports/Figures';
import { AssignItem } from './AssignItem';
import { ProgressChart } from './ProgressChart';
import { PRODUCT_STATES, type Figures, type ProductState } from './types';
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
      <Pledge totals={view.totals} farmers={view.farmersReached} atRisk={view.atRiskNow} />
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
        <Link className="btn" to={`/campaigns/${id}/assign`} data-testid="open-assign">
          {t('assign.open')}
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
        <CoverageBars
          rows={view.byBranch
            .filter((b) => !b.isScope)
            .map((b) => ({
              key: b.branchId,
              name: b.name,
              covered: b.streamedProducts + b.soldProducts,
              sold: b.soldProducts,
              total: b.target?.products ?? null,
              gmvVnd: b.gmvVnd,
            }))}
        />
        <details>
          <summary>{t('pledge.table')}</summary>
          <div
            className="table-wrap sticky-first"
            tabIndex={0}
            role="region"
            aria-labelledby="branches-title"
          >
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
        </details>
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
            <AssignItem
              key={p.productId}
              testId="at-risk-item"
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

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

/** One figure of the pledge as a big number over its target, with a bar (the number is what is read out). */
function Meter({
  label,
  value,
  total,
  testId,
}: {
  label: string;
  value: number;
  total: number;
  testId: string;
}) {
  const { t } = useTranslation('campaigns');
  const share = percent(value, total);
  return (
    <div className="meter">
      <span className="meter-label">{label}</span>
      <span className="meter-figure" data-testid={testId} data-value={value}>
        <strong className="meter-value">{formatNumber(value)}</strong>{' '}
        <span className="meter-of">{t('pledge.of', { total: formatNumber(total), percent: share })}</span>
      </span>
      <span className="meter-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, share)}%` }} />
      </span>
    </div>
  );
}

/** The pledge at a glance: products streamed and sold against the target, the states, then money and people. */
function Pledge({ totals, farmers, atRisk }: { totals: Figures; farmers: number; atRisk: number }) {
  const { t } = useTranslation('campaigns');
  const states = PRODUCT_STATES.map((state) => [state, totals[STATE_FIGURE[state]]] as const);
  // Amounts of đồng take a whole row on a phone; counts sit two to a row.
  const tiles: [string, string, string, string?][] = [
    [t('tiles.gmv'), formatVnd(totals.gmvVnd), 'stat wide', 'tile-gmv'],
    [t('tiles.settled'), formatVnd(totals.settledGmvVnd), 'stat wide'],
    [t('tiles.farmers'), formatNumber(farmers), 'stat'],
    [t('tiles.atRisk'), formatNumber(atRisk), 'stat'],
  ];
  return (
    <>
      <section className="card stack pledge" aria-labelledby="pledge-title">
        <h2 id="pledge-title" className="h3">
          {t('pledge.title')}
        </h2>
        <Meter
          label={t('tiles.streamed')}
          value={totals.streamed + totals.sold}
          total={totals.products}
          testId="tile-streamed"
        />
        <Meter label={t('tiles.sold')} value={totals.sold} total={totals.products} testId="tile-sold" />
        <div className="stack-tight">
          <span className="meter-label">{t('pledge.states')}</span>
          <span className="state-bar" aria-hidden="true">
            {states.map(([state, n]) =>
              n > 0 ? <span key={state} className={`state-${state}`} style={{ flexGrow: n }} /> : null,
            )}
          </span>
          <ul className="plain-list state-legend small">
            {states.map(([state, n]) => (
              <li key={state}>
                <span className={`dot state-${state}`} aria-hidden="true" />
                {t(`states.${state}`)} <strong>{formatNumber(n)}</strong>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <dl className="stat-grid">
        {tiles.map(([label, value, className, testId]) => (
          <div className={className} key={label}>
            <dt className="stat-label">{label}</dt>
            <dd className="stat-value" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

const STATE_FIGURE = {
  not_assigned: 'notAssigned',
  assigned: 'assigned',
  scheduled: 'scheduled',
  streamed: 'streamed',
  sold: 'sold',
} as const satisfies Record<ProductState, keyof Figures>;

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
      <CoverageBars
        rows={rows.map((r) => ({
          key: r.key,
          name: name(r.key),
          covered: r.streamed + r.sold,
          sold: r.sold,
          total: r.products,
          gmvVnd: r.gmvVnd,
        }))}
      />
      <details>
        <summary>{t('pledge.table')}</summary>
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
      </details>
    </section>
  );
}

interface CoverageRow {
  key: string;
  name: string;
  covered: number;
  sold: number;
  /** The products to cover (a branch's target, a group's target products); null: none set. */
  total: number | null;
  gmvVnd: number;
}

/**
 * Coverage as bars, most covered first: sold (green) and streamed but not yet sold (violet), out of the row's own
 * total when it has one, else against the leading row, so a phone shows who is ahead without a wide table.
 */
function CoverageBars({ rows }: { rows: CoverageRow[] }) {
  const { t } = useTranslation('campaigns');
  const lead = Math.max(1, ...rows.map((r) => r.covered));
  const sorted = [...rows].sort((a, b) => b.covered - a.covered || b.gmvVnd - a.gmvVnd);
  return (
    <ul className="plain-list coverage-bars">
      {sorted.map((r) => {
        const scale = r.total && r.total > 0 ? r.total : lead;
        return (
          <li key={r.key} data-testid="coverage-bar">
            <span className="coverage-bar-head">
              <strong>{r.name}</strong>
              <span className="muted small">{formatVnd(r.gmvVnd)}</span>
            </span>
            <span className="meter-bar stacked" aria-hidden="true">
              <span className="state-sold" style={{ width: `${Math.min(100, percent(r.sold, scale))}%` }} />
              <span
                className="state-streamed"
                style={{ width: `${Math.min(100, percent(r.covered - r.sold, scale))}%` }}
              />
            </span>
            <span className="small">
              {r.total !== null
                ? t('pledge.coveredOf', {
                    covered: formatNumber(r.covered),
                    total: formatNumber(r.total),
                    sold: formatNumber(r.sold),
                  })
                : t('pledge.covered', { covered: formatNumber(r.covered), sold: formatNumber(r.sold) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
