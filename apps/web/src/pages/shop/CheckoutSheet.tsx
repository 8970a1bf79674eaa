import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { formatNumber, formatVnd } from '../../lib/format';
import { ErrorBox, Field, Spinner, useErrorMessage } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { formatPhone, isVnMobile, useClientConfig } from './shop-data';
import { useDialog } from '../../ui/useDialog';

// Stripe's Payment Element is only downloaded when a card checkout needs it.
const CardPayment = lazy(async () => ({ default: (await import('./CardPayment')).CardPayment }));

/** What the shopper is buying: a pinned product, possibly at its open flash deal's price. */
export interface CheckoutItem {
  productId: string;
  name: string;
  priceVnd: number;
  stock: number;
  /** The most one buyer may take in this session, when known. */
  perBuyerLimit?: number | null;
  /** The open flash deal on this product: buying uses it (its price, remaining units and per-buyer limit). */
  deal?: Schema<'DealResponse'>;
}

type CheckoutBody = Schema<'CheckoutRequestBody'>;
type CheckoutAnswer = Schema<'CheckoutResponse'>;
type SavedAddress = Schema<'SavedAddressResponse'>;

/** The result states the sheet shows (data-state of `checkout-result`). */
export type ResultState = 'confirmed' | 'sold_out' | 'limit_reached' | 'not_open' | 'error';

type Phase =
  | { kind: 'form' }
  | { kind: 'placing' }
  | { kind: 'placed'; answer: CheckoutAnswer; paid: boolean }
  /** A clear answer from the api: this purchase is over (a new attempt is a new purchase with a new key). */
  | { kind: 'refused'; error: ApiError }
  /** No answer (or a transient one): retrying the same purchase with the same key is safe. */
  | { kind: 'failed'; error: ApiError };

const MAX_LINE_QUANTITY = 99;
const NEW_ADDRESS = 'new';

function resultStateOf(code: string): ResultState {
  switch (code) {
    case 'SOLD_OUT':
      return 'sold_out';
    case 'BUYER_LIMIT_REACHED':
      return 'limit_reached';
    case 'SESSION_NOT_OPEN':
    case 'DEAL_ENDED':
    case 'PRODUCT_NOT_SELLABLE':
      return 'not_open';
    default:
      return 'error';
  }
}

/** Transient failures: the same request (same Idempotency-Key) may be sent again safely. */
function isRetryable(error: ApiError): boolean {
  return (
    error.isNetwork ||
    error.code === 'IDEMPOTENT_REQUEST_IN_PROGRESS' ||
    (error.status >= 500 && error.code !== 'CARD_PAYMENT_UNAVAILABLE')
  );
}

/** The details a refused line carries (`details.lines[]` of the api's answer), for this product. */
function lineDetails(error: ApiError, productId: string): Record<string, unknown> {
  const details = (error.details ?? {}) as {
    lines?: { productId: string; details?: Record<string, unknown> }[];
  };
  const line = details.lines?.find((l) => l.productId === productId);
  return line?.details ?? (error.details as Record<string, unknown> | undefined) ?? {};
}

function numberIn(details: Record<string, unknown>, key: string): number | undefined {
  const value = details[key];
  return typeof value === 'number' ? value : undefined;
}

function newKey(): string {
  return crypto.randomUUID();
}

interface AddressForm {
  recipientName: string;
  phone: string;
  province: string;
  ward: string;
  street: string;
}
const EMPTY_ADDRESS: AddressForm = { recipientName: '', phone: '', province: '', ward: '', street: '' };

/**
 * The bottom-sheet checkout: quantity, delivery address (a saved one or a new one), COD or card, and the api's
 * answer at once. Each purchase attempt has one Idempotency-Key, reused when the shopper retries after a network
 * error (so a retry never buys twice); a new purchase gets a new key.
 */
export function CheckoutSheet({
  item,
  sessionId,
  onClose,
}: {
  item: CheckoutItem;
  sessionId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('shop');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useDialog(dialogRef, onClose);

  const config = useClientConfig();
  const provinces = useProvinces();
  const addresses = useQuery({
    queryKey: ['me', 'addresses'],
    queryFn: async () => unwrap(await api.GET('/api/me/addresses')),
  });

  const deal = item.deal?.state === 'open' ? item.deal : undefined;
  const unitPrice = deal ? deal.priceVnd : item.priceVnd;
  const available = deal ? deal.remaining : item.stock;
  const limit = deal ? deal.perBuyerLimit : (item.perBuyerLimit ?? undefined);
  const maxQuantity = Math.max(
    1,
    Math.min(MAX_LINE_QUANTITY, available > 0 ? available : 1, limit ?? MAX_LINE_QUANTITY),
  );

  const [quantity, setQuantity] = useState(1);
  const [addressChoice, setAddressChoice] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<AddressForm>(EMPTY_ADDRESS);
  const [saveAddress, setSaveAddress] = useState(true);
  const [payment, setPayment] = useState<'cod' | 'card'>('cod');
  const [showErrors, setShowErrors] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  /** The purchase in flight or to retry: its key and exact body. */
  const pending = useRef<{ key: string; body: CheckoutBody } | null>(null);

  const saved: SavedAddress[] = addresses.data ?? [];
  const chosen = addressChoice ?? saved.find((a) => a.isDefault)?.id ?? saved[0]?.id ?? NEW_ADDRESS;
  const savedAddress = saved.find((a) => a.id === chosen);
  const cardOffered = config.data?.cardPayments === true && Boolean(config.data.stripePublishableKey);

  const problems = {
    quantity: !Number.isInteger(quantity) || quantity < 1 || quantity > maxQuantity,
    recipientName: form.recipientName.trim().length === 0,
    phone: !isVnMobile(form.phone),
    province: form.province === '',
    ward: form.ward.trim().length === 0,
    street: form.street.trim().length === 0,
  };
  const addressInvalid =
    !savedAddress &&
    (problems.recipientName || problems.phone || problems.province || problems.ward || problems.street);

  function buildBody(): CheckoutBody {
    const address = savedAddress
      ? {
          recipientName: savedAddress.recipientName,
          phone: savedAddress.phone,
          province: savedAddress.provinceCode,
          ward: savedAddress.ward,
          street: savedAddress.street,
        }
      : {
          recipientName: form.recipientName.trim(),
          phone: form.phone.trim(),
          province: form.province,
          ward: form.ward.trim(),
          street: form.street.trim(),
        };
    return {
      lines: [{ productId: item.productId, quantity, ...(deal ? { dealId: deal.id } : {}) }],
      ...(sessionId ? { sessionId } : {}),
      address,
      paymentMethod: cardOffered ? payment : 'cod',
      saveAddress: !savedAddress && saveAddress,
    };
  }

  async function place(attempt: { key: string; body: CheckoutBody }) {
    setPhase({ kind: 'placing' });
    try {
      const answer = unwrap(
        await api.POST('/api/checkouts', {
          params: { header: { 'Idempotency-Key': attempt.key } },
          body: attempt.body,
        }),
      );
      pending.current = null;
      setPhase({ kind: 'placed', answer, paid: false });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      if (attempt.body.saveAddress) void queryClient.invalidateQueries({ queryKey: ['me', 'addresses'] });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', String(caught));
      if (isRetryable(error)) {
        setPhase({ kind: 'failed', error });
      } else {
        pending.current = null;
        setPhase({ kind: 'refused', error });
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.kind === 'placing') return;
    if (problems.quantity || addressInvalid) {
      setShowErrors(true);
      return;
    }
    // A new purchase: a new key. (A retry goes through retry(), with the pending key and body.)
    pending.current = { key: newKey(), body: buildBody() };
    void place(pending.current);
  }

  function retry() {
    if (pending.current) void place(pending.current);
  }

  function startOver() {
    pending.current = null;
    setShowErrors(false);
    setPhase({ kind: 'form' });
  }

  const placing = phase.kind === 'placing';
  const locked = placing || phase.kind === 'failed';
  const fieldError = (key: keyof typeof problems, message: string) =>
    showErrors && problems[key] ? message : undefined;
  const set = (key: keyof AddressForm) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  /** One text field of a new address (its id is its data-testid), with hint and error wired for screen readers. */
  const addressInput = (
    key: Exclude<keyof AddressForm, 'province'>,
    id: string,
    label: string,
    options: { hint?: string; invalidMessage?: string; type?: 'tel'; autoComplete?: string } = {},
  ) => {
    const error = fieldError(key, options.invalidMessage ?? t('checkout.required'));
    const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <Field id={id} label={label} hint={options.hint} error={error}>
        <input
          id={id}
          data-testid={id}
          type={options.type}
          inputMode={options.type}
          autoComplete={options.autoComplete}
          aria-describedby={describedBy || undefined}
          value={form[key]}
          aria-invalid={showErrors && problems[key]}
          onChange={(event) => set(key)(event.target.value)}
        />
      </Field>
    );
  };

  return (
    <div
      className="sheet-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="sheet stack checkout-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="checkout-sheet"
      >
        <div className="spread">
          <h2 id={titleId}>{t('checkout.title')}</h2>
          <button type="button" className="btn secondary small" onClick={onClose}>
            {t('checkout.close')}
          </button>
        </div>
        <div className="checkout-item">
          <strong>{item.name}</strong>
          <p className="row">
            <span className="price">{formatVnd(unitPrice)}</span>
            {deal && <span className="strike">{formatVnd(item.priceVnd)}</span>}
            {deal && <span className="badge danger">{t('deal.badge')}</span>}
          </p>
        </div>

        {phase.kind === 'placed' ? (
          <PlacedResult
            answer={phase.answer}
            paid={phase.paid}
            publishableKey={config.data?.stripePublishableKey ?? null}
            onPaid={() => setPhase({ ...phase, paid: true })}
            onBuyMore={startOver}
          />
        ) : phase.kind === 'refused' ? (
          <RefusedResult error={phase.error} productId={item.productId} onStartOver={startOver} />
        ) : (
          <form className="stack" onSubmit={submit} noValidate aria-busy={placing}>
            <fieldset disabled={locked} className="stack checkout-fields">
              <legend className="visually-hidden">{t('checkout.title')}</legend>
              <Field
                id="checkout-quantity"
                label={t('checkout.quantity')}
                hint={limit !== undefined ? t('checkout.limitHint', { count: limit }) : undefined}
                error={fieldError('quantity', t('checkout.quantityInvalid', { max: maxQuantity }))}
              >
                <input
                  id="checkout-quantity"
                  data-testid="checkout-quantity"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={maxQuantity}
                  value={Number.isNaN(quantity) ? '' : quantity}
                  aria-describedby={limit !== undefined ? 'checkout-quantity-hint' : undefined}
                  aria-invalid={showErrors && problems.quantity}
                  onChange={(event) => setQuantity(event.target.valueAsNumber)}
                  data-autofocus
                />
              </Field>
              <p className="small muted" aria-live="polite">
                {t('checkout.total')}:{' '}
                <strong className="price">
                  {formatVnd(unitPrice * (Number.isInteger(quantity) ? quantity : 0))}
                </strong>
              </p>

              <fieldset className="stack">
                <legend>{t('checkout.address')}</legend>
                {addresses.isPending ? (
                  <Spinner />
                ) : (
                  saved.length > 0 && (
                    <div className="stack">
                      {saved.map((address) => (
                        <label key={address.id} className="choice">
                          <input
                            type="radio"
                            name="address"
                            value={address.id}
                            data-testid="saved-address"
                            checked={chosen === address.id}
                            onChange={() => setAddressChoice(address.id)}
                          />
                          <span>
                            <strong>{address.recipientName}</strong> · {formatPhone(address.phone)}
                            <br />
                            <span className="small">
                              {[address.street, address.ward, address.provinceName].join(', ')}
                            </span>
                          </span>
                        </label>
                      ))}
                      <label className="choice">
                        <input
                          type="radio"
                          name="address"
                          value={NEW_ADDRESS}
                          checked={chosen === NEW_ADDRESS}
                          onChange={() => setAddressChoice(NEW_ADDRESS)}
                        />
                        <span>{t('checkout.newAddress')}</span>
                      </label>
                    </div>
                  )
                )}
                {!addresses.isPending && !savedAddress && (
                  <div className="stack">
                    {addressInput('recipientName', 'address-name', t('checkout.recipientName'), {
                      autoComplete: 'name',
                    })}
                    {addressInput('phone', 'address-phone', t('checkout.phone'), {
                      hint: t('checkout.phoneHint'),
                      invalidMessage: t('checkout.phoneInvalid'),
                      type: 'tel',
                      autoComplete: 'tel',
                    })}
                    <Field
                      id="address-province"
                      label={t('checkout.province')}
                      error={fieldError('province', t('checkout.required'))}
                    >
                      <select
                        id="address-province"
                        data-testid="address-province"
                        value={form.province}
                        aria-invalid={showErrors && problems.province}
                        aria-busy={provinces.isPending}
                        disabled={!provinces.isSuccess}
                        onChange={(event) => set('province')(event.target.value)}
                      >
                        <option value="">
                          {provinces.isPending
                            ? t('state.loading', { ns: 'common' })
                            : t('checkout.chooseProvince')}
                        </option>
                        {provinces.data?.map((province) => (
                          <option key={province.code} value={province.code}>
                            {province.name}
                          </option>
                        ))}
                      </select>
                    </Field>
                    {provinces.isError && (
                      <ErrorBox error={provinces.error} onRetry={() => void provinces.refetch()} />
                    )}
                    {addressInput('ward', 'address-ward', t('checkout.ward'), {
                      hint: t('checkout.wardHint'),
                    })}
                    {addressInput('street', 'address-street', t('checkout.street'), {
                      hint: t('checkout.streetHint'),
                      autoComplete: 'street-address',
                    })}
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={saveAddress}
                        onChange={(event) => setSaveAddress(event.target.checked)}
                      />
                      <span>{t('checkout.saveAddress')}</span>
                    </label>
                  </div>
                )}
              </fieldset>

              <fieldset className="stack">
                <legend>{t('checkout.payment')}</legend>
                <label className="choice">
                  <input
                    type="radio"
                    name="payment"
                    value="cod"
                    data-testid="pay-cod"
                    checked={!cardOffered || payment === 'cod'}
                    onChange={() => setPayment('cod')}
                  />
                  <span>{t('checkout.cod')}</span>
                </label>
                {cardOffered && (
                  <label className="choice">
                    <input
                      type="radio"
                      name="payment"
                      value="card"
                      data-testid="pay-card"
                      checked={payment === 'card'}
                      onChange={() => setPayment('card')}
                    />
                    <span>{t('checkout.card')}</span>
                  </label>
                )}
              </fieldset>
            </fieldset>

            {phase.kind === 'failed' ? (
              <div className="alert stack" role="alert" data-testid="checkout-result" data-state="error">
                <p>{phase.error.isNetwork ? t('checkout.networkError') : errorMessage(phase.error)}</p>
                <p className="small">{t('checkout.retrySafe')}</p>
                <button type="button" className="btn block" data-testid="checkout-retry" onClick={retry}>
                  {t('checkout.retry')}
                </button>
              </div>
            ) : (
              <button type="submit" className="btn block" data-testid="checkout-submit" disabled={placing}>
                {placing
                  ? t('checkout.placing')
                  : t('checkout.submit', {
                      total: formatVnd(unitPrice * (Number.isInteger(quantity) ? quantity : 0)),
                    })}
              </button>
            )}
            {placing && <Spinner label={t('checkout.placing')} />}
          </form>
        )}
      </div>
    </div>
  );
}

function PlacedResult({
  answer,
  paid,
  publishableKey,
  onPaid,
  onBuyMore,
}: {
  answer: CheckoutAnswer;
  paid: boolean;
  publishableKey: string | null;
  onPaid: () => void;
  onBuyMore: () => void;
}) {
  const { t } = useTranslation('shop');
  const total = answer.orders.reduce((sum, order) => sum + order.totalVnd, 0);
  const needsCard = answer.payment !== undefined && !paid;
  if (needsCard && answer.payment) {
    return (
      <div className="stack" data-testid="checkout-card">
        <p className="alert info">{t('checkout.cardPending', { total: formatVnd(total) })}</p>
        {publishableKey ? (
          <Suspense fallback={<Spinner />}>
            <CardPayment
              publishableKey={publishableKey}
              clientSecret={answer.payment.clientSecret}
              amountLabel={formatVnd(total)}
              onPaid={onPaid}
            />
          </Suspense>
        ) : (
          <p className="alert">{t('checkout.cardUnavailable')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="alert info stack" role="status" data-testid="checkout-result" data-state="confirmed">
      <p>
        <strong>{t('checkout.confirmed')}</strong>
      </p>
      <p>
        {t('checkout.confirmedDetail', {
          count: answer.orders.reduce(
            (sum, order) => sum + order.lines.reduce((n, l) => n + l.quantity, 0),
            0,
          ),
          total: formatVnd(total),
        })}
      </p>
      <p>{answer.payment ? t('checkout.paidByCard') : t('checkout.payOnDelivery')}</p>
      <div className="row">
        {answer.orders.map((order) => (
          <Link key={order.id} to={`/orders/${order.id}`} className="btn secondary small">
            {t('checkout.viewOrder')}
          </Link>
        ))}
        <button type="button" className="btn small" onClick={onBuyMore}>
          {t('checkout.buyMore')}
        </button>
      </div>
    </div>
  );
}

function RefusedResult({
  error,
  productId,
  onStartOver,
}: {
  error: ApiError;
  productId: string;
  onStartOver: () => void;
}) {
  const { t } = useTranslation('shop');
  const errorMessage = useErrorMessage();
  const state = resultStateOf(error.code);
  const details = lineDetails(error, productId);
  let message: string;
  if (state === 'sold_out') {
    const left = numberIn(details, 'available') ?? numberIn(details, 'remaining');
    message =
      left !== undefined && left > 0 ? t('checkout.onlyLeft', { count: left }) : t('checkout.soldOut');
  } else if (state === 'limit_reached') {
    const perBuyer = numberIn(details, 'perBuyerLimit');
    const allowed = numberIn(details, 'allowed');
    message =
      perBuyer !== undefined
        ? t('checkout.limitReached', { limit: formatNumber(perBuyer), allowed: formatNumber(allowed ?? 0) })
        : errorMessage(error);
  } else {
    message = errorMessage(error);
  }
  return (
    <div className="alert stack" role="alert" data-testid="checkout-result" data-state={state}>
      <p>
        <strong>{t(`checkout.refusedTitle.${state}`)}</strong>
      </p>
      <p>{message}</p>
      <button type="button" className="btn secondary small" onClick={onStartOver}>
        {t('checkout.changeOrder')}
      </button>
    </div>
  );
}
