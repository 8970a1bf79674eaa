import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatNumber, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { VndBarChart } from '../reports/charts';
import { ChartFigure } from '../reports/ChartFigure';
import { ExportButton } from '../reports/ExportButton';
import { FigureTiles, LiveIndicator } from '../reports/Figures';
import type { PeriodRange } from '../reports/period';
import { PeriodPicker } from '../reports/PeriodPicker';
import { useLiveDashboard } from '../reports/useLiveDashboard';
import { usePeriod } from '../reports/usePeriod';
import { jsonReport } from '../reports/json';

type Group = Schema<'FarmerSalesResponse'>['groupBy'];
const GROUPS: Group[] = ['product', 'session', 'branch'];
const FARMER_ROOM = { scope: 'farmer' } as const;

function useSales(range: PeriodRange | undefined, groupBy: Group) {
  return useQuery({
    queryKey: ['farmer', 'sales', groupBy, range?.from, range?.to],
    enabled: !!range,
    queryFn: async () =>
      jsonReport(
        unwrap(
          await api.GET('/api/farmer/sales', {
            params: { query: { from: range?.from, to: range?.to, groupBy } },
          }),
        ),
      ),
  });
}

export function SalesPage() {
  const { t } = useTranslation('farmer');
  const queryClient = useQueryClient();
  const period = usePeriod('30d');
  const [exportGroup, setExportGroup] = useState<Group>('product');
  const refetch = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: ['farmer', 'sales'] }),
    [queryClient],
  );
  const live = useLiveDashboard(FARMER_ROOM, refetch);
  const byProduct = useSales(period.range, 'product');
  const today = live.totals?.scope === 'farmer' ? live.totals.today : undefined;

  return (
    <div className="stack">
      <div className="area-header">
        <h1>{t('sales.title')}</h1>
        <LiveIndicator connected={live.connected} />
      </div>
      <div className="card toolbar">
        <PeriodPicker {...period} onChange={period.setChoice} />
      </div>
      {today && (
        <p className="alert info" aria-live="polite">
          {t('sales.today', { gmv: formatVnd(today.placedGmvVnd), orders: formatNumber(today.orders) })}
        </p>
      )}
      {byProduct.isPending ? (
        period.range ? (
          <Spinner />
        ) : null
      ) : byProduct.isError ? (
        <ErrorBox error={byProduct.error} onRetry={() => void byProduct.refetch()} />
      ) : (
        <section aria-labelledby="sales-total" className="stack">
          <h2 id="sales-total">{t('sales.total')}</h2>
          <FigureTiles figures={byProduct.data.total} gmvTestId="sales-gmv" />
        </section>
      )}
      <div className="grid sales-charts">
        {GROUPS.map((group) => (
          <SalesChart key={group} range={period.range} groupBy={group} />
        ))}
      </div>
      <div className="card row">
        <label htmlFor="sales-export-group">{t('sales.exportBy')}</label>
        <select
          id="sales-export-group"
          value={exportGroup}
          onChange={(event) => setExportGroup(event.target.value as Group)}
        >
          {GROUPS.map((group) => (
            <option key={group} value={group}>
              {t(`sales.by.${group}`)}
            </option>
          ))}
        </select>
        <ExportButton
          testId="sales-export"
          path="/api/farmer/sales"
          query={{ from: period.range?.from, to: period.range?.to, groupBy: exportGroup }}
          fileName={`ocop-sales-${exportGroup}-${period.range?.from ?? ''}-${period.range?.to ?? ''}.csv`}
          disabled={!period.range}
        />
      </div>
    </div>
  );
}

/** Bars a sales chart draws at most: more would make it taller than a phone's screen. */
const CHART_ROWS = 8;

function SalesChart({ range, groupBy }: { range: PeriodRange | undefined; groupBy: Group }) {
  const { t } = useTranslation('farmer');
  const sales = useSales(range, groupBy);
  const caption = t(`sales.chart.${groupBy}`);
  if (!range) return null;
  if (sales.isPending)
    return (
      <div className="card">
        <Spinner />
      </div>
    );
  if (sales.isError) return <ErrorBox error={sales.error} onRetry={() => void sales.refetch()} />;
  const rows = sales.data.rows.map((row) => ({
    ...row,
    label: row.name ?? t(`sales.unnamed.${groupBy}`),
  }));
  if (rows.length === 0)
    return (
      <section className="card stack">
        <h3>{caption}</h3>
        <Empty>{t('sales.empty')}</Empty>
      </section>
    );
  // A phone shows a readable chart of the biggest rows; the table alternative keeps every row.
  const charted = [...rows].sort((a, b) => b.placedGmvVnd - a.placedGmvVnd).slice(0, CHART_ROWS);
  return (
    <ChartFigure
      caption={caption}
      note={
        rows.length > charted.length
          ? t('sales.chartTop', { shown: charted.length, total: rows.length })
          : undefined
      }
      table={{
        columns: [
          t(`sales.column.${groupBy}`),
          t('reports.figures.placed'),
          t('reports.figures.settled'),
          t('reports.figures.orders'),
          t('reports.figures.items'),
        ],
        rows: rows.map((row) => [
          row.label,
          formatVnd(row.placedGmvVnd),
          formatVnd(row.settledGmvVnd),
          formatNumber(row.orders),
          formatNumber(row.items),
        ]),
      }}
    >
      <VndBarChart
        name={t('reports.figures.placed')}
        data={charted.map((row) => ({ label: row.label, value: row.placedGmvVnd }))}
      />
    </ChartFigure>
  );
}
