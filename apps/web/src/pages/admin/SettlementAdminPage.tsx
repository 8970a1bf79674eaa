import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner, useErrorMessage } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { LedgerEntry, LedgerSummary, PENDING_REFRESH_MS } from '../farmer/SettlementPage';
import { parseVnd } from '../farmer/certificate';
import { useClientConfig } from '../shop/shop-data';
import { ExportButton } from '../reports/ExportButton';

type Ledger = Schema<'ProducerLedgerResponse'>;
const PAGE_SIZE = 20;

/** The producers of the admin's subtree with what each is owed; one opens to its ledger, its CSV and payouts. */
export function SettlementAdminPage() {
  const { t } = useTranslation('admin');
  const [selected, setSelected] = useState<string | null>(null);
  const producers = useQuery({
    queryKey: ['admin', 'settlement'],
    queryFn: async () => unwrap(await api.GET('/api/admin/settlement/producers')),
  });
  return (
    <div className="stack">
      <h1>{t('settlement.title')}</h1>
      {producers.isPending ? (
        <Spinner />
      ) : producers.isError ? (
        <ErrorBox error={producers.error} onRetry={() => void producers.refetch()} />
      ) : producers.data.length === 0 ? (
        <Empty>{t('settlement.empty')}</Empty>
      ) : (
        <ul className="ledger-list" data-testid="settlement-producers">
          {producers.data.map((p) => (
            <li key={p.producerId} className="stack">
              <button
                type="button"
                className="ledger-entry ledger-producer"
                aria-expanded={selected === p.producerId}
                onClick={() => setSelected(selected === p.producerId ? null : p.producerId)}
              >
                <strong>{p.producerName}</strong>
                <span className="ledger-amount">{formatVnd(p.balanceVnd)}</span>
              </button>
              {selected === p.producerId && <ProducerLedger producerId={p.producerId} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProducerLedger({ producerId }: { producerId: string }) {
  const { t } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const ledger = useQuery({
    queryKey: ['admin', 'settlement', producerId, page],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/admin/settlement/producers/{id}', {
          params: { path: { id: producerId }, query: { page, pageSize: PAGE_SIZE } },
        }),
      ) as Ledger,
    refetchInterval: (query) =>
      query.state.data?.entries.items.some((e) => e.payos?.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
  const config = useClientConfig();
  if (ledger.isPending) return <Spinner />;
  if (ledger.isError) return <ErrorBox error={ledger.error} onRetry={() => void ledger.refetch()} />;
  return (
    <div className="stack">
      <LedgerSummary balance={ledger.data.balance} reader="admin" />
      <ExportButton
        testId="settlement-export"
        path={`/api/admin/settlement/producers/${producerId}`}
        query={{}}
        fileName={`settlement_${producerId}.csv`}
      />
      <PayoutAccount account={ledger.data.payoutAccount} />
      {config.data?.payosPayouts ? (
        <PayosPayoutForm
          producerId={producerId}
          balanceVnd={ledger.data.balance.balanceVnd}
          hasAccount={ledger.data.payoutAccount !== null}
        />
      ) : config.data ? (
        <p className="small muted" data-testid="payos-payouts-off">
          {t('settlement.payosOff')}
        </p>
      ) : null}
      <PayoutForm producerId={producerId} balanceVnd={ledger.data.balance.balanceVnd} />
      {ledger.data.entries.items.length === 0 ? (
        <Empty>{t('settlement.noEntries')}</Empty>
      ) : (
        <>
          <ul className="ledger-list">
            {ledger.data.entries.items.map((entry) => (
              <LedgerEntry key={entry.id} entry={entry} reader="admin" />
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={ledger.data.entries.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

/** A payout made by bank transfer, recorded with its reference; never more than the balance. */
function PayoutForm({ producerId, balanceVnd }: { producerId: string; balanceVnd: number }) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string>();
  const record = useMutation({
    mutationFn: async (input: { amountVnd: number; reference: string }) =>
      unwrap(
        await api.POST('/api/admin/settlement/producers/{id}/payouts', {
          params: { path: { id: producerId } },
          body: input,
        }),
      ),
    onSuccess: () => {
      setAmount('');
      setReference('');
      void queryClient.invalidateQueries({ queryKey: ['admin', 'settlement'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountVnd = parseVnd(amount);
    if (amountVnd === undefined || amountVnd <= 0) return setProblem(t('settlement.amountInvalid'));
    if (amountVnd > balanceVnd)
      return setProblem(t('settlement.overBalance', { balance: formatVnd(balanceVnd) }));
    if (!reference.trim()) return setProblem(t('settlement.referenceRequired'));
    setProblem(undefined);
    record.mutate({ amountVnd, reference: reference.trim() });
  };
  const id = `payout-${producerId}`;
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="small">
        {t('settlement.payoutTitle')}
      </h2>
      <Field id={`${id}-amount`} label={t('settlement.amount')} error={problem}>
        <input
          id={`${id}-amount`}
          inputMode="numeric"
          value={amount}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-amount-error` : undefined}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <Field id={`${id}-reference`} label={t('settlement.reference')}>
        <input
          id={`${id}-reference`}
          maxLength={100}
          value={reference}
          onChange={(event) => setReference(event.target.value)}
        />
      </Field>
      {record.isError && (
        <p className="error" role="alert">
          {errorMessage(record.error)}
        </p>
      )}
      <button type="submit" className="btn" disabled={record.isPending}>
        {t('settlement.recordPayout')}
      </button>
    </form>
  );
}

/** Where payouts through payOS go, as the farmer gave it (or that they have not yet). */
function PayoutAccount({ account }: { account: Ledger['payoutAccount'] }) {
  const { t } = useTranslation('admin');
  return (
    <section
      className="card stack"
      aria-label={t('settlement.accountTitle')}
      data-testid="producer-payout-account"
    >
      <h2 className="small">{t('settlement.accountTitle')}</h2>
      {account ? (
        <p>
          {account.bankName} · {account.accountNumber}
          <br />
          <strong>{account.accountName}</strong>
        </p>
      ) : (
        <p className="small muted">{t('settlement.noAccount')}</p>
      )}
    </section>
  );
}

/** Pays the producer through payOS to their payout account; the worker follows it until payOS says paid or failed. */
function PayosPayoutForm({
  producerId,
  balanceVnd,
  hasAccount,
}: {
  producerId: string;
  balanceVnd: number;
  hasAccount: boolean;
}) {
  const { t } = useTranslation('admin');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();
  const pay = useMutation({
    mutationFn: async (amountVnd: number) =>
      unwrap(
        await api.POST('/api/admin/settlement/producers/{id}/payos-payouts', {
          params: { path: { id: producerId } },
          body: { amountVnd },
        }),
      ),
    onSuccess: () => setAmount(''),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'settlement'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountVnd = parseVnd(amount);
    if (amountVnd === undefined || amountVnd <= 0) return setProblem(t('settlement.amountInvalid'));
    if (amountVnd > balanceVnd)
      return setProblem(t('settlement.overBalance', { balance: formatVnd(balanceVnd) }));
    setProblem(undefined);
    pay.mutate(amountVnd);
  };
  const id = `payos-payout-${producerId}`;
  return (
    <form
      className="card stack"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="payos-payout-form"
    >
      <h2 id={`${id}-title`} className="small">
        {t('settlement.payosTitle')}
      </h2>
      <p className="small muted">{t('settlement.payosHint')}</p>
      <Field id={`${id}-amount`} label={t('settlement.payosAmount')} error={problem}>
        <input
          id={`${id}-amount`}
          inputMode="numeric"
          value={amount}
          disabled={!hasAccount}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-amount-error` : undefined}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      {pay.isError && (
        <p className="error" role="alert">
          {errorMessage(pay.error)}
        </p>
      )}
      {pay.isSuccess && (
        <p role="status" data-testid="payos-payout-sent">
          {t(pay.data.status === 'paid' ? 'settlement.payosPaid' : 'settlement.payosSent', {
            amount: formatVnd(pay.data.amountVnd),
          })}
        </p>
      )}
      <button type="submit" className="btn" disabled={pay.isPending || !hasAccount}>
        {t('settlement.payThroughPayos')}
      </button>
    </form>
  );
}
