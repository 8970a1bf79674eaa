import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner } from '../../ui/components';

type HeldTransfer = Schema<'HeldTransferResponse'>;
const QUERY_KEY = ['admin', 'transfers'] as const;

/**
 * VietQR transfers that could not confirm a payment by themselves (a wrong amount, a transfer after the order expired,
 * extra money on a paid order): each is refunded (with the bank reference of the transfer that sent it back) or, when
 * it is exactly the amount due, accepted as the payment.
 */
export function TransfersReviewPage() {
  const { t } = useTranslation('admin');
  const [notice, setNotice] = useState<string>();
  const held = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () => unwrap(await api.GET('/api/admin/transfers')),
  });
  return (
    <div className="stack">
      <h1>{t('transfers.title')}</h1>
      <p className="muted">{t('transfers.intro')}</p>
      {notice && (
        <p className="alert info" role="status" data-testid="transfer-decided">
          {notice}
        </p>
      )}
      {held.isPending ? (
        <Spinner />
      ) : held.isError ? (
        <ErrorBox error={held.error} onRetry={() => void held.refetch()} />
      ) : held.data.items.length === 0 ? (
        <Empty>{t('transfers.empty')}</Empty>
      ) : (
        <>
          <p className="muted">{t('transfers.count', { count: held.data.items.length })}</p>
          <ul className="review-list">
            {held.data.items.map((transfer) => (
              <TransferItem key={transfer.id} transfer={transfer} onDecided={setNotice} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type Decision = { kind: 'refund'; bankReference: string } | { kind: 'reinstate' };

function TransferItem({
  transfer,
  onDecided,
}: {
  transfer: HeldTransfer;
  onDecided: (notice: string) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'idle' | 'refund' | 'reinstate'>('idle');
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string>();
  const decide = useMutation({
    mutationFn: async (decision: Decision) => {
      const path = { params: { path: { id: transfer.id } } };
      return decision.kind === 'refund'
        ? unwrap(
            await api.POST('/api/admin/transfers/{id}/refund', {
              ...path,
              body: { bankReference: decision.bankReference },
            }),
          )
        : unwrap(
            await api.POST('/api/admin/transfers/{id}/reinstate', {
              ...path,
              body: { amountVnd: transfer.amountVnd },
            }),
          );
    },
    onSuccess: (decided) => {
      const codes = decided.orders.map((o) => o.code).join(', ');
      onDecided(
        decided.decision === 'refunded'
          ? t('transfers.refunded', {
              amount: formatVnd(decided.refundAmountVnd ?? transfer.amountVnd),
              codes,
            })
          : t('transfers.reinstated', { codes }),
      );
      void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    },
  });
  const submitRefund = (event: FormEvent) => {
    event.preventDefault();
    const bankReference = reference.trim();
    if (!bankReference) return setProblem(t('transfers.referenceRequired'));
    setProblem(undefined);
    decide.mutate({ kind: 'refund', bankReference });
  };
  const id = `transfer-${transfer.id}`;
  const codes = transfer.orders.map((o) => o.code).join(', ');
  const payer = [transfer.payer.name, transfer.payer.accountNumber, transfer.payer.bankName]
    .filter(Boolean)
    .join(' · ');
  // Only money that holds its payment is measured against the amount due; extra money is extra whatever its amount.
  const differs = transfer.holdsPayment && transfer.amountVnd !== transfer.amountDueVnd;
  return (
    <li className="card stack" data-testid="held-transfer" data-transfer-id={transfer.id}>
      <h2 id={`${id}-title`}>
        {formatVnd(transfer.amountVnd)}{' '}
        <span className="badge warn">{t(`transfers.reason.${transfer.reason}`)}</span>
      </h2>
      <dl>
        <dt>{t('transfers.received')}</dt>
        <dd>
          {formatVnd(transfer.amountVnd)}
          {differs && (
            <span className="small muted">
              {' '}
              ({t('transfers.difference', { amount: formatVnd(transfer.amountVnd - transfer.amountDueVnd) })})
            </span>
          )}
        </dd>
        <dt>{t('transfers.due')}</dt>
        <dd>{formatVnd(transfer.amountDueVnd)}</dd>
        <dt>{t('transfers.orders', { count: transfer.orders.length })}</dt>
        <dd>
          {codes}{' '}
          <span className="small muted">
            ({transfer.orders.map((o) => t(`transfers.orderStatus.${o.status}`)).join(', ')})
          </span>
        </dd>
        {transfer.buyer && (
          <>
            <dt>{t('transfers.buyer')}</dt>
            <dd>
              {transfer.buyer.name} · <a href={`tel:${transfer.buyer.phone}`}>{transfer.buyer.phone}</a>
            </dd>
          </>
        )}
        <dt>{t('transfers.when')}</dt>
        <dd>{formatDateTime(transfer.transferredAt ?? transfer.receivedAt, i18n.language)}</dd>
        <dt>{t('transfers.payer')}</dt>
        <dd>{payer || <span className="muted">{t('transfers.payerUnknown')}</span>}</dd>
        <dt>{t('transfers.bankReference')}</dt>
        <dd>{transfer.bankReference}</dd>
      </dl>
      <p className="small muted">{t(`transfers.hint.${transfer.canReinstate ? 'either' : 'refundOnly'}`)}</p>
      {decide.isError && <ErrorBox error={decide.error} />}
      {mode === 'refund' ? (
        <form className="stack" onSubmit={submitRefund} noValidate aria-labelledby={`${id}-title`}>
          <Field
            id={`${id}-reference`}
            label={t('transfers.refundReference', { amount: formatVnd(transfer.amountVnd) })}
            error={problem}
          >
            <input
              id={`${id}-reference`}
              data-testid="refund-reference"
              maxLength={100}
              autoComplete="off"
              value={reference}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-reference-error` : undefined}
              onChange={(event) => {
                setReference(event.target.value);
                setProblem(undefined);
              }}
            />
          </Field>
          <div className="row">
            <button type="submit" className="btn" data-testid="refund-confirm" disabled={decide.isPending}>
              {t('transfers.refundConfirm')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setMode('idle')}>
              {t('transfers.cancel')}
            </button>
          </div>
        </form>
      ) : mode === 'reinstate' ? (
        <div className="row">
          <span>{t('transfers.reinstateConfirmText', { codes })}</span>
          <button
            type="button"
            className="btn"
            data-testid="reinstate-confirm"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ kind: 'reinstate' })}
          >
            {t('transfers.reinstateConfirm')}
          </button>
          <button type="button" className="btn secondary" onClick={() => setMode('idle')}>
            {t('transfers.cancel')}
          </button>
        </div>
      ) : (
        <div className="row">
          <button
            type="button"
            className="btn"
            data-testid="refund-transfer"
            onClick={() => setMode('refund')}
          >
            {t('transfers.refund')}
          </button>
          {transfer.canReinstate && (
            <button
              type="button"
              className="btn secondary"
              data-testid="reinstate-transfer"
              onClick={() => setMode('reinstate')}
            >
              {t('transfers.reinstate')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
