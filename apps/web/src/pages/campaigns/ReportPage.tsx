import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDate, formatNumber, formatVnd } from '../../lib/format';
import { ErrorBox, Spinner } from '../../ui/components';
import { downloadCsv } from '../reports/csv';
import { REPORT_VI } from './report-words';
import type { ReportView } from './types';
import '../reports/reports.css';
import '../reports/phone-reports.css';
import './campaigns.css';
import './report-print.css';

/**
 * The Union's report for a period and branch, laid out as an A4 page in Vietnamese (the report the Union files is in
 * Vietnamese whatever the app's language); the controls above it are in the reader's language and do not print.
 */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('campaigns');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fromId = useId();
  const toId = useId();
  const query = { from: from || undefined, to: to || undefined };
  const report = useQuery({
    queryKey: ['campaign', id, 'report', from, to],
    queryFn: async () =>
      unwrap(await api.GET('/api/campaigns/{id}/report', { params: { path: { id }, query } })),
  });
  return (
    <div className="stack">
      <div className="card stack no-print">
        <h1 className="h2">{t('report.title')}</h1>
        <div className="row wrap">
          <label htmlFor={fromId}>{t('report.from')}</label>
          <input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <label htmlFor={toId}>{t('report.to')}</label>
          <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="row wrap">
          <button type="button" className="btn" onClick={() => window.print()}>
            {t('report.printNow')}
          </button>
          <button
            type="button"
            className="btn secondary"
            onClick={() => void downloadCsv(`/api/campaigns/${id}/report`, query, `campaign-${id}.csv`)}
          >
            {t('report.csv')}
          </button>
        </div>
      </div>
      {report.isPending && <Spinner />}
      {report.isError && <ErrorBox error={report.error} />}
      {report.data && <A4Report r={report.data} />}
    </div>
  );
}

const vi = (d: string) => formatDate(d, 'vi');
const W = REPORT_VI;

function A4Report({ r }: { r: ReportView }) {
  const money = new Set(['placedGmvVnd', 'settledGmvVnd']);
  const rows = (Object.keys(W.rows) as (keyof typeof W.rows)[]).map(
    (key) => [W.rows[key], money.has(key) ? formatVnd(r[key]) : formatNumber(r[key])] as const,
  );
  return (
    <article className="a4-report" lang="vi" data-testid="a4-report">
      <header className="a4-head">
        <div>
          <strong>{r.branchName.toUpperCase()}</strong>
        </div>
        <div>
          <strong>{W.union}</strong>
          <br />
          <em>{W.place(vi(r.generatedAt.slice(0, 10)))}</em>
        </div>
      </header>
      <h2 className="a4-title">
        {W.title}
        <br />
        {r.campaignName}
      </h2>
      <p className="a4-sub">{W.period(vi(r.from), vi(r.to))}</p>
      <h3>{W.general}</h3>
      <table>
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{W.byBranch}</h3>
      <table>
        <thead>
          <tr>
            {W.branchColumns.map((c, i) => (
              <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.byBranch
            .filter((b) => !b.isScope)
            .map((b) => (
              <tr key={b.branchId}>
                <th scope="row">{b.name}</th>
                <td className="num">{formatNumber(b.sessionsHeld)}</td>
                <td className="num">{formatNumber(b.streamedProducts)}</td>
                <td className="num">{formatNumber(b.soldProducts)}</td>
                <td className="num">{formatVnd(b.gmvVnd)}</td>
                <td className="num">{formatNumber(b.volunteers)}</td>
                <td className="num">{formatNumber(b.hoursOnAir)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h3>{W.volunteers}</h3>
      <table>
        <thead>
          <tr>
            {W.volunteerColumns.map((c, i) => (
              <th key={c} scope="col" className={i > 1 ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.streamers.map((s) => (
            <tr key={`${s.hostUserId}-${s.branchName}`}>
              <th scope="row">{s.displayName}</th>
              <td>{s.branchName}</td>
              <td className="num">{formatNumber(s.sessionsHeld)}</td>
              <td className="num">{formatNumber(s.hoursOnAir)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="a4-sign">
        <strong>{W.sign}</strong>
      </footer>
    </article>
  );
}
