import { useQuery, useQueryClient } from '@tanstack/react-query';
import { CSSProperties, useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDate, formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { VndTrendChart } from '../reports/charts';
import { ChartFigure } from '../reports/ChartFigure';
import { ExportButton } from '../reports/ExportButton';
import { FigureTiles, LiveIndicator } from '../reports/Figures';
import { type PeriodRange } from '../reports/period';
import { PeriodPicker } from '../reports/PeriodPicker';
import { useLiveDashboard } from '../reports/useLiveDashboard';
import { usePeriod } from '../reports/usePeriod';
import { jsonReport } from '../reports/json';
import { useAdminScope } from './AdminLayout';
import { nextSort, rankedOnly, sortRows, visibleRows, type SortDirection, type SortKey } from './totals';
import { SortAscIcon, SortDescIcon, SortIcon } from '../../ui/icons';
import '../reports/phone-reports.css';

type Row = Schema<'BranchFiguresResponse'>;
type Figures = Schema<'FiguresResponse'>;

export function DashboardPage() {
  const { t } = useTranslation('admin');
  const scope = useAdminScope();
  const queryClient = useQueryClient();
  const period = usePeriod('7d');
  const [focusId, setFocusId] = useState(scope.id);
  const range = period.range;
  const focusSelectId = useId();

  const totals = useQuery({
    queryKey: ['admin', 'totals', scope.id, range?.from, range?.to],
    enabled: !!range,
    queryFn: async () =>
      jsonReport(
        unwrap(
          await api.GET('/api/admin/branch-totals', {
            params: { query: { branchId: scope.id, from: range?.from, to: range?.to } },
          }),
        ),
      ),
  });
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'totals'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'leaderboard'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'trend', focusId] });
  }, [queryClient, focusId]);
  const room = useMemo(() => ({ scope: 'branch' as const, branchId: focusId }), [focusId]);
  const live = useLiveDashboard(room, refetch);
  const pushed = live.totals?.scope === 'branch' ? live.totals : undefined;
  const rows = totals.data?.branches ?? [];
  const focusRow = rows.find((row) => row.id === focusId);

  return (
    <div className="stack">
      <div className="area-header">
        <h1>{t('dashboard.title', { name: scope.name })}</h1>
        <LiveIndicator connected={live.connected} />
      </div>
      <div className="card toolbar">
        <PeriodPicker {...period} onChange={period.setChoice} />
        {rows.length > 1 && (
          <div className="field">
            <label htmlFor={focusSelectId}>{t('dashboard.focus')}</label>
            <select id={focusSelectId} value={focusId} onChange={(event) => setFocusId(event.target.value)}>
              {rows.map((row) => (
                <option key={row.id} value={row.id}>
                  {indented(row.name, row.depth)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <section className="stack" aria-labelledby="today-title">
        <h2 id="today-title">{t('dashboard.today', { name: focusRow?.name ?? scope.name })}</h2>
        {pushed ? (
          <div aria-live="polite">
            <FigureTiles figures={pushed.today.subtree} />
          </div>
        ) : (
          <Spinner />
        )}
      </section>
      {focusRow && range && (
        <section className="stack" aria-labelledby="period-title">
          <h2 id="period-title">{t('dashboard.period', { name: focusRow.name })}</h2>
          <FigureTiles figures={focusRow.subtree} />
        </section>
      )}
      {range && (
        <Trend branchId={focusId} range={range} today={period.today} todayFigures={pushed?.today.subtree} />
      )}
      <div className="dashboard-grid">
        <section className="stack" aria-labelledby="totals-title">
          <div className="spread">
            <h2 id="totals-title">{t('totals.title')}</h2>
            <ExportButton
              testId="totals-export"
              path="/api/admin/branch-totals"
              query={{ branchId: scope.id, from: range?.from, to: range?.to }}
              fileName={`ocop-branch-totals-${range?.from ?? ''}-${range?.to ?? ''}.csv`}
              disabled={!range}
            />
          </div>
          {!range ? null : totals.isPending ? (
            <Spinner />
          ) : totals.isError ? (
            <ErrorBox error={totals.error} onRetry={() => void totals.refetch()} />
          ) : (
            <TotalsTable rows={rows} focusId={focusId} onFocus={setFocusId} />
          )}
        </section>
        {range && <Leaderboard range={range} />}
      </div>
    </div>
  );
}

function Trend({
  branchId,
  range,
  today,
  todayFigures,
}: {
  branchId: string;
  range: PeriodRange;
  today: string;
  todayFigures: Figures | undefined;
}) {
  const { t, i18n } = useTranslation('admin');
  const trend = useQuery({
    queryKey: ['admin', 'trend', branchId, range.from, range.to],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/branch-trend', {
          params: { query: { branchId, from: range.from, to: range.to } },
        }),
      ),
  });
  const placedName = t('trend.placed');
  const settledName = t('trend.settled');
  if (trend.isPending)
    return (
      <div className="card" data-testid="trend-chart" aria-busy="true">
        <Spinner />
      </div>
    );
  if (trend.isError) return <ErrorBox error={trend.error} onRetry={() => void trend.refetch()} />;
  const data = trend.data.days.map((entry) => {
    // Today's figures as the live dashboard pushed them, fresher than the last answer.
    const figures = entry.day === today && todayFigures ? todayFigures : entry.subtree;
    return {
      day: entry.day,
      label: formatDate(entry.day, i18n.language).slice(0, 5),
      placed: figures.placedGmvVnd,
      settled: figures.settledGmvVnd,
      orders: figures.orders,
    };
  });
  return (
    <ChartFigure
      testId="trend-chart"
      caption={t('trend.caption')}
      table={{
        columns: [t('trend.day'), placedName, settledName, t('trend.orders')],
        rows: data.map((entry) => [
          formatDate(entry.day, i18n.language),
          formatVnd(entry.placed),
          formatVnd(entry.settled),
          formatNumber(entry.orders),
        ]),
      }}
    >
      <VndTrendChart data={data} placedName={placedName} settledName={settledName} />
    </ChartFigure>
  );
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  numeric,
}: {
  label: string;
  sortKey: SortKey;
  sort: { key: SortKey; direction: SortDirection };
  onSort: (key: SortKey) => void;
  numeric?: boolean;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" onClick={() => onSort(sortKey)}>
        {label}
        {active ? sort.direction === 'asc' ? <SortAscIcon /> : <SortDescIcon /> : <SortIcon />}
      </button>
    </th>
  );
}

function TotalsTable({
  rows,
  focusId,
  onFocus,
}: {
  rows: Row[];
  focusId: string;
  onFocus: (id: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tf } = useTranslation('forms');
  const toggleId = useId();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'tree',
    direction: 'asc',
  });
  const [showAll, setShowAll] = useState(false);
  const visible = visibleRows(rows, { showAll, focusId });
  const sorted = sortRows(visible.rows, sort.key, sort.direction);
  const onSort = (key: SortKey) => setSort((current) => nextSort(current, key));
  if (rows.length === 0) return <Empty />;
  const quiet = showAll
    ? rows.length - visibleRows(rows, { showAll: false, focusId }).rows.length
    : visible.hidden;
  return (
    <div className="stack">
      {quiet > 0 && (
        <label className="row report-toggle" htmlFor={toggleId}>
          <input
            id={toggleId}
            type="checkbox"
            data-testid="show-quiet-branches"
            checked={showAll}
            onChange={(event) => setShowAll(event.target.checked)}
          />
          {tf('reports.showQuiet', { count: quiet })}
        </label>
      )}
      {sort.key !== 'tree' && (
        <button
          type="button"
          className="link-button small"
          onClick={() => setSort({ key: 'tree', direction: 'asc' })}
        >
          {t('totals.treeOrder')}
        </button>
      )}
      <div className="table-wrap sticky-first" data-testid="totals-scroll">
        <table className="totals-table">
          <caption className="visually-hidden">{t('totals.caption')}</caption>
          <thead>
            <tr>
              <SortHeader label={t('totals.branch')} sortKey="name" sort={sort} onSort={onSort} />
              <SortHeader label={t('totals.ownGmv')} sortKey="ownGmv" sort={sort} onSort={onSort} numeric />
              <SortHeader
                label={t('totals.subtreeGmv')}
                sortKey="subtreeGmv"
                sort={sort}
                onSort={onSort}
                numeric
              />
              <th scope="col" className="num">
                {t('totals.settled')}
              </th>
              <SortHeader
                label={t('totals.orders')}
                sortKey="subtreeOrders"
                sort={sort}
                onSort={onSort}
                numeric
              />
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr
                key={row.id}
                data-testid="branch-row"
                data-branch-id={row.id}
                data-selected={row.id === focusId}
              >
                <th scope="row" className="name" style={{ '--depth': row.depth } as CSSProperties}>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={row.id === focusId}
                    title={t('totals.focusHint')}
                    onClick={() => onFocus(row.id)}
                  >
                    {row.name}
                  </button>
                  <span className="visually-hidden">{t('totals.level', { depth: row.depth })}</span>
                  {row.status !== 'active' && (
                    <span className="badge warn">{t(`branchStatus.${row.status}`, row.status)}</span>
                  )}
                </th>
                <td className="num" data-testid="own-gmv">
                  {formatVnd(row.own.placedGmvVnd)}
                </td>
                <td className="num" data-testid="subtree-gmv">
                  {formatVnd(row.subtree.placedGmvVnd)}
                </td>
                <td className="num">{formatVnd(row.subtree.settledGmvVnd)}</td>
                <td className="num">{formatNumber(row.subtree.orders)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Leaderboard({ range }: { range: PeriodRange }) {
  const { t } = useTranslation('admin');
  const [by, setBy] = useState<'branch' | 'streamer'>('branch');
  const board = useQuery({
    queryKey: ['admin', 'leaderboard', by, range.from, range.to],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/leaderboard', {
          params: { query: { by, from: range.from, to: range.to, limit: 10 } },
        }),
      ),
  });
  return (
    <section className="card stack" aria-labelledby="leaderboard-title">
      <h2 id="leaderboard-title">{t('leaderboard.title')}</h2>
      <div className="filter-buttons" role="group" aria-label={t('leaderboard.by')}>
        {(['branch', 'streamer'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className="btn secondary small"
            aria-pressed={by === value}
            onClick={() => setBy(value)}
          >
            {t(`leaderboard.${value}`)}
          </button>
        ))}
      </div>
      {board.isPending ? (
        <Spinner />
      ) : board.isError ? (
        <ErrorBox error={board.error} onRetry={() => void board.refetch()} />
      ) : rankedOnly(board.data.items).length === 0 ? (
        <Empty>{t('leaderboard.empty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('leaderboard.title')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">
                  {by === 'branch' ? t('leaderboard.branchColumn') : t('leaderboard.streamerColumn')}
                </th>
                <th scope="col" className="num">
                  {t('totals.gmv')}
                </th>
                <th scope="col" className="num">
                  {t('totals.orders')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rankedOnly(board.data.items).map((item) => (
                <tr key={item.branchId ?? item.hostUserId ?? item.rank} data-testid="leaderboard-row">
                  <td>{item.rank}</td>
                  <th scope="row">{item.name ?? item.displayName ?? '—'}</th>
                  <td className="num">{formatVnd(item.placedGmvVnd)}</td>
                  <td className="num">{formatNumber(item.orders)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A branch name indented by its depth (options cannot hold markup: non-breaking spaces show the tree). */
function indented(name: string, depth: number): string {
  return `${'\u00a0\u00a0'.repeat(depth)}${name}`;
}
