import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatCountdown, formatNumber, formatVnd, secondsUntil } from '../../lib/format';
import type { Deal } from '../../realtime/contract';
import { Field, useErrorMessage } from '../../ui/components';
import { ConfirmDialog } from './ConfirmDialog';
import {
  checkDeal,
  DEAL_MAX_COUNTDOWN_S,
  DEAL_MAX_DURATION_S,
  DEAL_MIN_DURATION_S,
  isDealRunning,
  splitDuration,
  type DealDraft,
} from './studio-logic';
import { useNow } from './useNow';

export interface DealProduct {
  productId: string;
  name: string;
  priceVnd: number;
  stock: number;
  sellable: boolean;
}

const DURATION_PRESETS = [30, 60, 120, 300, 600];

const EMPTY: DealDraft = {
  productId: '',
  price: '',
  quantity: '',
  perBuyerLimit: '1',
  durationSeconds: '300',
  countdownSeconds: '',
};

/** Flash deals: the running one with its live remaining/sold and countdown, a form to start one, and past ones. */
export function DealPanel({
  sessionId,
  products,
  deals,
  live,
}: {
  sessionId: string;
  products: DealProduct[];
  deals: Deal[];
  live: boolean;
}) {
  const { t } = useTranslation('studio');
  const now = useNow(1000);
  const running = deals.filter((deal) => isDealRunning(deal, now));
  const past = deals.filter((deal) => !isDealRunning(deal, now));
  return (
    <section className="card stack" aria-labelledby="deals-title" id="deals">
      <h2 id="deals-title">{t('deal.title')}</h2>
      <div aria-live="polite" className="stack">
        {running.map((deal) => (
          <RunningDeal key={deal.id} sessionId={sessionId} deal={deal} now={now} />
        ))}
      </div>
      {!live ? (
        <p className="alert info">{t('deal.onlyLive')}</p>
      ) : running.length > 0 ? (
        <p className="muted small">{t('deal.oneAtATime')}</p>
      ) : (
        <DealForm sessionId={sessionId} products={products} />
      )}
      {past.length > 0 ? (
        <details className="studio-details">
          <summary>{t('deal.past', { count: past.length })}</summary>
          <ul className="studio-list">
            {past.map((deal) => (
              <li key={deal.id} className="small">
                <strong>{deal.productName}</strong> · {formatVnd(deal.priceVnd)} ·{' '}
                {t('deal.soldOf', { sold: formatNumber(deal.sold), quantity: formatNumber(deal.quantity) })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function RunningDeal({ sessionId, deal, now }: { sessionId: string; deal: Deal; now: number }) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const [confirming, setConfirming] = useState(false);
  const end = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/sessions/{id}/deals/{dealId}/end', {
          params: { path: { id: sessionId, dealId: deal.id } },
        }),
      ),
    onSuccess: () => setConfirming(false),
  });
  const upcoming = new Date(deal.opensAt).getTime() > now;
  const seconds = upcoming ? secondsUntil(deal.opensAt, now) : secondsUntil(deal.endsAt, now);
  return (
    <div
      className="studio-deal-running"
      data-testid="studio-deal"
      data-deal-id={deal.id}
      data-state={upcoming ? 'upcoming' : 'open'}
    >
      <div className="spread">
        <strong>{deal.productName}</strong>
        <span className={upcoming ? 'badge warn' : 'badge live'}>
          {upcoming
            ? t('deal.opensIn', { time: formatCountdown(seconds) })
            : t('deal.endsIn', { time: formatCountdown(seconds) })}
        </span>
      </div>
      <p>
        <span className="price">{formatVnd(deal.priceVnd)}</span>{' '}
        <span className="strike">{formatVnd(deal.listPriceVnd)}</span>
      </p>
      <div className="studio-stats studio-stats-3">
        <div>
          <span className="studio-stat-value" data-testid="deal-remaining-studio">
            {formatNumber(deal.remaining)}
          </span>
          <span className="small muted">{t('deal.remaining')}</span>
        </div>
        <div>
          <span className="studio-stat-value">{formatNumber(deal.sold)}</span>
          <span className="small muted">{t('deal.sold')}</span>
        </div>
        <div>
          <span className="studio-stat-value">{formatNumber(deal.perBuyerLimit)}</span>
          <span className="small muted">{t('deal.perBuyer')}</span>
        </div>
      </div>
      <button
        type="button"
        className="btn danger block"
        data-testid="deal-end"
        onClick={() => setConfirming(true)}
      >
        {t('deal.end')}
      </button>
      {end.isError && !confirming ? (
        <p className="alert" role="alert">
          {errorMessage(end.error)}
        </p>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={t('deal.endTitle')}
          confirmLabel={t('deal.endConfirm')}
          danger
          busy={end.isPending}
          onConfirm={() => end.mutate()}
          onCancel={() => setConfirming(false)}
          confirmTestId="deal-end-confirm"
        >
          <p>{t('deal.endText', { remaining: formatNumber(deal.remaining) })}</p>
          {end.isError ? (
            <p className="alert" role="alert">
              {errorMessage(end.error)}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

export function DealForm({ sessionId, products }: { sessionId: string; products: DealProduct[] }) {
  const { t } = useTranslation('studio');
  const errorMessage = useErrorMessage();
  const id = useId();
  const [draft, setDraft] = useState<DealDraft>(EMPTY);
  const [showErrors, setShowErrors] = useState(false);
  const [started, setStarted] = useState(false);
  const product = products.find((item) => item.productId === draft.productId);
  const { terms, errors } = checkDeal(draft, product);
  const start = useMutation({
    mutationFn: async () => {
      if (!terms) throw new Error('invalid deal');
      return unwrap(
        await api.POST('/api/sessions/{id}/deals', { params: { path: { id: sessionId } }, body: terms }),
      );
    },
    onSuccess: () => {
      setDraft(EMPTY);
      setShowErrors(false);
      setStarted(true);
    },
  });
  const set = (key: keyof DealDraft) => (event: { target: { value: string } }) => {
    setStarted(false);
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  };
  const errorOf = (key: keyof DealDraft, values?: Record<string, string | number>) =>
    showErrors && errors[key] ? t(`deal.errors.${errors[key]}`, values) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (terms) start.mutate();
  };
  const duration = Number(draft.durationSeconds);
  const parts = splitDuration(duration);
  const durationText =
    Number.isInteger(duration) && duration > 0
      ? t(parts.seconds === 0 ? 'deal.durationIsMinutes' : 'deal.durationIs', parts)
      : '';
  const invalid = (key: keyof DealDraft) => (showErrors && errors[key] ? true : undefined);
  /** One numeric input of the deal, its hint and error wired to it for screen readers. */
  const numeric = (
    key: Exclude<keyof DealDraft, 'productId'>,
    testId: string,
    label: string,
    options: { hint?: string; errorValues?: Record<string, string | number>; placeholder?: string } = {},
  ) => {
    const fieldId = `${id}-${key}`;
    const error = errorOf(key, options.errorValues);
    const describedBy = [options.hint ? `${fieldId}-hint` : '', error ? `${fieldId}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <Field id={fieldId} label={label} hint={options.hint} error={error}>
        <input
          id={fieldId}
          data-testid={testId}
          inputMode="numeric"
          value={draft[key]}
          onChange={set(key)}
          aria-invalid={invalid(key)}
          aria-describedby={describedBy || undefined}
          placeholder={options.placeholder}
        />
      </Field>
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('deal.new')}</h3>
      <Field id={`${id}-product`} label={t('deal.product')} error={errorOf('productId')}>
        <select
          id={`${id}-product`}
          data-testid="deal-product"
          value={draft.productId}
          onChange={set('productId')}
          aria-invalid={invalid('productId')}
        >
          <option value="">{t('deal.chooseProduct')}</option>
          {products.map((item) => (
            <option key={item.productId} value={item.productId} disabled={!item.sellable || item.stock <= 0}>
              {t('deal.productOption', {
                name: item.name,
                price: formatVnd(item.priceVnd),
                stock: formatNumber(item.stock),
              })}
            </option>
          ))}
        </select>
      </Field>
      <div className="studio-form-grid">
        {numeric('price', 'deal-price', t('deal.price'), {
          hint: product ? t('deal.priceHint', { price: formatVnd(product.priceVnd) }) : undefined,
          errorValues: { price: product ? formatVnd(product.priceVnd) : '' },
        })}
        {numeric('quantity', 'deal-quantity', t('deal.quantity'), {
          hint: product ? t('deal.quantityHint', { stock: formatNumber(product.stock) }) : undefined,
          errorValues: { stock: product ? formatNumber(product.stock) : '' },
        })}
        {numeric('perBuyerLimit', 'deal-limit', t('deal.limit'))}
        {numeric('durationSeconds', 'deal-duration', t('deal.duration'), {
          hint: durationText || t('deal.durationHint'),
          errorValues: { min: DEAL_MIN_DURATION_S, max: DEAL_MAX_DURATION_S / 60 },
        })}
      </div>
      <div className="row" role="group" aria-label={t('deal.presets')}>
        {DURATION_PRESETS.map((seconds) => (
          <button
            key={seconds}
            type="button"
            className="btn small secondary"
            aria-pressed={draft.durationSeconds === String(seconds)}
            onClick={() => set('durationSeconds')({ target: { value: String(seconds) } })}
          >
            {seconds < 60
              ? t('deal.presetSeconds', { seconds })
              : t('deal.presetMinutes', splitDuration(seconds))}
          </button>
        ))}
      </div>
      {numeric('countdownSeconds', 'deal-countdown', t('deal.countdown'), {
        hint: t('deal.countdownHint'),
        errorValues: { max: DEAL_MAX_COUNTDOWN_S / 60 },
        placeholder: '0',
      })}
      {start.isError ? (
        <p className="alert" role="alert">
          {errorMessage(start.error)}
        </p>
      ) : null}
      {started ? (
        <p className="alert info" role="status">
          {t('deal.started')}
        </p>
      ) : null}
      <button type="submit" className="btn block" data-testid="deal-start" disabled={start.isPending}>
        {start.isPending ? t('deal.starting') : t('deal.start')}
      </button>
    </form>
  );
}
