import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { ExportButton } from '../reports/ExportButton';
import './ledger.css';

type Ledger = Schema<'ProducerLedgerResponse'>;
type Entry = Ledger['entries']['items'][number];
const PAGE_SIZE = 20;

/** What the platform owes the farmer: the balance, how it is made up, and every entry (CSV to take away). */
export function SettlementPage() {
  const { t } = useTranslation('farmer');
  const [page, setPage] = useState(1);
  const ledger = useQuery({
    queryKey: ['farmer', 'settlement', page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/farmer/settlement', { params: { query: { page, pageSize: PAGE_SIZE } } }),
      ) as Ledger,
  });
  return (
    <div className="stack">
      <h1>{t('settlement.title')}</h1>
      {ledger.isPending ? (
        <Spinner />
      ) : ledger.isError ? (
        <ErrorBox error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <>
          <LedgerSummary balance={ledger.data.balance} />
          <div className="row">
            <ExportButton
              testId="settlement-export"
              path="/api/farmer/settlement"
              query={{}}
              fileName="settlement.csv"
            />
          </div>
          <h2>{t('settlement.entries')}</h2>
          {ledger.data.entries.items.length === 0 ? (
            <Empty>{t('settlement.empty')}</Empty>
          ) : (
            <>
              <ul className="ledger-list" data-testid="ledger-entries">
                {ledger.data.entries.items.map((entry) => (
                  <LedgerEntry key={entry.id} entry={entry} />
                ))}
              </ul>
              <Pager page={page} pageSize={PAGE_SIZE} total={ledger.data.entries.total} onPage={setPage} />
            </>
          )}
        </>
      )}
    </div>
  );
}

/** An amount taken away, written with a minus sign. */
const minus = (amountVnd: number): string => formatVnd(amountVnd === 0 ? 0 : -amountVnd);

/** The balance and its parts: sales collected, less refunds, platform fees and payouts. */
export function LedgerSummary({ balance }: { balance: Ledger['balance'] }) {
  const { t } = useTranslation('farmer');
  return (
    <section className="card stack" aria-labelledby="ledger-balance">
      <h2 id="ledger-balance" className="small">
        {t('settlement.balance')}
      </h2>
      <p className="ledger-balance" data-testid="ledger-balance" data-vnd={balance.balanceVnd}>
        {formatVnd(balance.balanceVnd)}
      </p>
      <p className="small muted">{t('settlement.balanceHint')}</p>
      <dl className="ledger-parts">
        <dt>{t('settlement.kind.sale')}</dt>
        <dd>{formatVnd(balance.salesVnd)}</dd>
        <dt>{t('settlement.kind.refund')}</dt>
        <dd>{minus(balance.refundsVnd)}</dd>
        <dt>{t('settlement.kind.fee')}</dt>
        <dd>{minus(balance.feesVnd)}</dd>
        <dt>{t('settlement.kind.payout')}</dt>
        <dd>{minus(balance.payoutsVnd)}</dd>
      </dl>
    </section>
  );
}

export function LedgerEntry({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation('farmer');
  const subject = entry.orderCode
    ? t('settlement.order', { code: entry.orderCode })
    : entry.payoutReference
      ? t('settlement.reference', { reference: entry.payoutReference })
      : '';
  const signed = entry.amountVnd > 0 ? `+${formatVnd(entry.amountVnd)}` : formatVnd(entry.amountVnd);
  return (
    <li className="ledger-entry" data-kind={entry.kind}>
      <div className="stack-tight">
        <strong>{t(`settlement.kind.${entry.kind}`)}</strong>
        <span className="small muted">
          {subject}
          {subject ? ' · ' : ''}
          {formatDateTime(entry.createdAt, i18n.language)}
        </span>
      </div>
      <span className={entry.amountVnd >= 0 ? 'ledger-amount in' : 'ledger-amount out'}>{signed}</span>
    </li>
  );
}
