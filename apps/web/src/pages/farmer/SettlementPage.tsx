import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner, useErrorMessage } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { ExportButton } from '../reports/ExportButton';
import './ledger.css';

type Ledger = Schema<'ProducerLedgerResponse'>;
type Entry = Ledger['entries']['items'][number];
type PayoutAccount = NonNullable<Ledger['payoutAccount']>;
type SaveAccount = Schema<'SavePayoutAccountRequest'>;
const PAGE_SIZE = 20;

/** While a payout through payOS is pending, the ledger is read again this often (the worker settles it). */
export const PENDING_REFRESH_MS = 4_000;
const hasPending = (ledger: Ledger | undefined): boolean =>
  Boolean(ledger?.entries.items.some((e) => e.payos?.status === 'pending'));

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
    refetchInterval: (query) => (hasPending(query.state.data) ? PENDING_REFRESH_MS : false),
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
          <PayoutAccountForm account={ledger.data.payoutAccount} />
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

/**
 * Who reads a ledger: the farmer their own ("owed to you"), or an admin a producer's ("owed to the producer").
 */
export type LedgerReader = 'farmer' | 'admin';

/** The balance and its parts: sales collected, less refunds, platform fees and payouts. */
export function LedgerSummary({
  balance,
  reader = 'farmer',
}: {
  balance: Ledger['balance'];
  reader?: LedgerReader;
}) {
  const { t } = useTranslation('farmer');
  const admin = reader === 'admin';
  return (
    <section className="card stack" aria-labelledby="ledger-balance">
      <h2 id="ledger-balance" className="small">
        {t(admin ? 'settlement.balanceProducer' : 'settlement.balance')}
      </h2>
      <p className="ledger-balance" data-testid="ledger-balance" data-vnd={balance.balanceVnd}>
        {formatVnd(balance.balanceVnd)}
      </p>
      <p className="small muted">{t(admin ? 'settlement.balanceHintProducer' : 'settlement.balanceHint')}</p>
      <dl className="ledger-parts">
        <dt>{t('settlement.kind.sale')}</dt>
        <dd>{formatVnd(balance.salesVnd)}</dd>
        <dt>{t('settlement.kind.refund')}</dt>
        <dd>{minus(balance.refundsVnd)}</dd>
        <dt>{t('settlement.kind.fee')}</dt>
        <dd>{minus(balance.feesVnd)}</dd>
        <dt>{t(admin ? 'settlement.kind.payout_producer' : 'settlement.kind.payout')}</dt>
        <dd>{minus(balance.payoutsVnd)}</dd>
      </dl>
    </section>
  );
}

export function LedgerEntry({ entry, reader = 'farmer' }: { entry: Entry; reader?: LedgerReader }) {
  const { t, i18n } = useTranslation('farmer');
  // A payout through payOS is named by the bank's reference once paid, else by payOS alone (not by our id).
  const reference = entry.payos ? entry.payos.bankReference : entry.payoutReference;
  const subject = entry.orderCode
    ? t('settlement.order', { code: entry.orderCode })
    : reference
      ? t('settlement.reference', { reference })
      : '';
  const signed = entry.amountVnd > 0 ? `+${formatVnd(entry.amountVnd)}` : formatVnd(entry.amountVnd);
  return (
    <li className="ledger-entry" data-kind={entry.kind}>
      <div className="stack-tight">
        <strong>
          {t(
            reader === 'admin' && entry.kind === 'payout'
              ? 'settlement.kind.payout_producer'
              : `settlement.kind.${entry.kind}`,
          )}
        </strong>
        {entry.payos && entry.kind === 'payout' && (
          <span>
            <span
              className={
                entry.payos.status === 'paid'
                  ? 'badge'
                  : entry.payos.status === 'failed'
                    ? 'badge danger'
                    : 'badge warn'
              }
              data-testid="payos-status"
            >
              {t(`settlement.payos.${entry.payos.status}`)}
            </span>
          </span>
        )}
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

/** Banks by BIN, for the account form and to name a saved account's bank. */
export function usePayoutBanks() {
  return useQuery({
    queryKey: ['farmer', 'payout-banks'],
    queryFn: async () => unwrap(await api.GET('/api/farmer/settlement/payout-banks')),
    staleTime: Infinity,
  });
}

/** The account payouts through payOS go to: the bank, the account number and the holder's name as the bank has it. */
function PayoutAccountForm({ account }: { account: PayoutAccount | null }) {
  const { t } = useTranslation('farmer');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const banks = usePayoutBanks();
  const [editing, setEditing] = useState(account === null);
  const [bankBin, setBankBin] = useState<SaveAccount['bankBin'] | ''>(
    (account?.bankBin as SaveAccount['bankBin'] | undefined) ?? '',
  );
  const [accountNumber, setAccountNumber] = useState(account?.accountNumber ?? '');
  const [accountName, setAccountName] = useState(account?.accountName ?? '');
  const [problems, setProblems] = useState<{ bank?: string; number?: string; name?: string }>({});
  const save = useMutation({
    mutationFn: async (body: SaveAccount) =>
      unwrap(await api.PUT('/api/farmer/settlement/payout-account', { body })),
    onSuccess: (saved) => {
      setAccountName(saved.accountName);
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'settlement'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = accountNumber.replace(/\s/g, '');
    const found = {
      bank: bankBin ? undefined : t('settlement.account.bankRequired'),
      number: /^[0-9]{6,19}$/.test(number) ? undefined : t('settlement.account.numberInvalid'),
      name: accountName.trim().length >= 2 ? undefined : t('settlement.account.nameRequired'),
    };
    setProblems(found);
    if (!bankBin || found.number || found.name) return;
    save.mutate({ bankBin, accountNumber: number, accountName: accountName.trim() });
  };
  const id = 'payout-account';
  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="payout-account">
      <h2 id={`${id}-title`} className="small">
        {t('settlement.account.title')}
      </h2>
      <p className="small muted">{t('settlement.account.hint')}</p>
      {account && !editing ? (
        <>
          <dl className="ledger-parts">
            <dt>{t('settlement.account.bank')}</dt>
            <dd>{account.bankName}</dd>
            <dt>{t('settlement.account.number')}</dt>
            <dd>{account.accountNumber}</dd>
            <dt>{t('settlement.account.name')}</dt>
            <dd>{account.accountName}</dd>
          </dl>
          <button type="button" className="btn secondary" onClick={() => setEditing(true)}>
            {t('settlement.account.change')}
          </button>
        </>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <Field id={`${id}-bank`} label={t('settlement.account.bank')} error={problems.bank}>
            <select
              id={`${id}-bank`}
              value={bankBin}
              aria-invalid={problems.bank ? true : undefined}
              aria-describedby={problems.bank ? `${id}-bank-error` : undefined}
              onChange={(event) => setBankBin(event.target.value as SaveAccount['bankBin'] | '')}
            >
              <option value="">{t('settlement.account.chooseBank')}</option>
              {banks.data?.map((b) => (
                <option key={b.bin} value={b.bin}>
                  {b.name} ({b.code})
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-number`} label={t('settlement.account.number')} error={problems.number}>
            <input
              id={`${id}-number`}
              inputMode="numeric"
              autoComplete="off"
              maxLength={25}
              value={accountNumber}
              aria-invalid={problems.number ? true : undefined}
              aria-describedby={problems.number ? `${id}-number-error` : undefined}
              onChange={(event) => setAccountNumber(event.target.value)}
            />
          </Field>
          <Field
            id={`${id}-name`}
            label={t('settlement.account.name')}
            hint={t('settlement.account.nameHint')}
            error={problems.name}
          >
            <input
              id={`${id}-name`}
              autoComplete="off"
              maxLength={50}
              value={accountName}
              aria-invalid={problems.name ? true : undefined}
              aria-describedby={problems.name ? `${id}-name-hint ${id}-name-error` : `${id}-name-hint`}
              onChange={(event) => setAccountName(event.target.value)}
            />
          </Field>
          {save.isError && (
            <p className="error" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          <button type="submit" className="btn" disabled={save.isPending}>
            {t('settlement.account.save')}
          </button>
        </form>
      )}
    </section>
  );
}
