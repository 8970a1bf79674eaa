import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { formatNumber, formatVnd } from '../../lib/format';
import { ErrorBox, Field, Spinner, useErrorMessage } from '../../ui/components';
import { useProvinces } from '../../ui/useProvinces';
import { formatPhone, isVnMobile, useClientConfig } from './shop-data';
import { useDialog } from '../../ui/useDialog';
import { PayCheckout } from './PayCheckout';
import { CodRefusal, isCodRefusal } from './CodRefusal';
// The QR library is only downloaded when a VietQR transfer is on screen.
const VietqrPay = lazy(async () => ({ default: (await import('./VietqrPay')).VietqrPay }));
import { activeShareCode } from './share-code';
import { Picture, type ImageView } from '../../ui/Picture';
import { addToCart, checkoutGroups, removeFromCart, type CartLine } from './cart/cart-store';
import { isKnownWard, useWards, WardPicker } from './cart/WardPicker';
import './cart/cart.css';

/** What the shopper is buying: a pinned product, possibly at its open flash deal's price. */
export interface CheckoutItem {
  productId: string;
  name: string;
  /** The product's cover photo, shown beside its name. */
  image?: ImageView | null;
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
export type ResultState =
  | 'confirmed'
  | 'awaiting_payment'
  | 'sold_out'
  | 'limit_reached'
  | 'not_open'
  | 'error';

type Phase =
  | { kind: 'form' }
  | { kind: 'placing' }
  | { kind: 'placed'; answers: CheckoutAnswer[]; paid: boolean }
  /** A clear answer from the api: this purchase is over (a new attempt is a new purchase with a new key). */
  | { kind: 'refused'; error: ApiError; placed: CheckoutAnswer[] }
  /** No answer (or a transient one): retrying the same purchase with the same key is safe. */
  | { kind: 'failed'; error: ApiError };

const MAX_LINE_QUANTITY = 99;

/** One checkout of a purchase: its key, its exact body, the products it holds, and the api's answer once placed. */
interface Attempt {
  key: string;
  body: CheckoutBody;
  productIds: string[];
  answer?: CheckoutAnswer;
}
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

/** One line the sheet checks out: the tapped product, or a line of the cart. */
interface SheetLine {
  productId: string;
  name: string;
  image?: ImageView | null;
  unitPriceVnd: number;
  quantity: number;
  sessionId?: string;
  shareCode?: string;
  dealId?: string;
}

/** "+84912345678" -> "0912345678", as people type it. */
function nationalPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;
}

/**
 * The bottom-sheet checkout: quantity, delivery address (a saved one or a new one, the commune or ward picked from
 * the official list), COD or card, each producer's shipping fee and the total the courier collects (the api's quote),
 * and the api's answer at once, with each order's code. It buys the tapped product (`item`), or the shopper's cart
 * (`cartLines`): lines from different sessions or share links check out as one checkout each (attribution is per
 * checkout), placed one after the other. Each purchase attempt has one Idempotency-Key per checkout, reused when the
 * shopper retries after a network error (so a retry never buys twice); a new purchase gets new keys.
 */
export function CheckoutSheet({
  item,
  sessionId,
  onClose,
  shareCode,
  cartLines,
  onAddedToCart,
  onKeepWatching,
}: {
  /** The product to buy now (required unless `cartLines` is given). */
  item?: CheckoutItem;
  /** The session page the sheet was opened from. */
  sessionId?: string;
  onClose: () => void;
  /** The share link the shopper followed to this session (credited with the purchase). */
  shareCode?: string;
  /** Check out these cart lines instead of `item`; placed lines leave the cart. */
  cartLines?: readonly CartLine[];
  /** Called after "Add to cart" put the item in the cart (e.g. to close the sheet). */
  onAddedToCart?: () => void;
  /** "Keep watching" on the result: defaults to closing the sheet inside a session, else opening the session. */
  onKeepWatching?: () => void;
}) {
  const { t } = useTranslation('shop');
  const { t: tc } = useTranslation('cart');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useDialog(dialogRef, onClose);

  const config = useClientConfig();
  const provinces = useProvinces();
  const me = useQuery({
    queryKey: ['me', true],
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/me')),
  });
  const addresses = useQuery({
    queryKey: ['me', 'addresses'],
    queryFn: async () => unwrap(await api.GET('/api/me/addresses')),
  });

  const inCart = cartLines !== undefined;
  const deal = !inCart && item?.deal?.state === 'open' ? item.deal : undefined;
  const unitPrice = deal ? deal.priceVnd : (item?.priceVnd ?? 0);
  const available = deal ? deal.remaining : (item?.stock ?? 0);
  const limit = deal ? deal.perBuyerLimit : (item?.perBuyerLimit ?? undefined);
  const maxQuantity = Math.max(
    1,
    Math.min(MAX_LINE_QUANTITY, available > 0 ? available : 1, limit ?? MAX_LINE_QUANTITY),
  );

  const [quantity, setQuantity] = useState(1);
  const [addressChoice, setAddressChoice] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<AddressForm>(EMPTY_ADDRESS);
  const [saveAddress, setSaveAddress] = useState(true);
  const [payment, setPayment] = useState<'cod' | 'card' | 'vietqr'>('cod');
  const [showErrors, setShowErrors] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'form' });
  const [added, setAdded] = useState<'added' | 'full' | null>(null);
  /** The purchase in flight or to retry: one checkout per group, each with its key, exact body and answer once placed. */
  const pending = useRef<Attempt[] | null>(null);

  const lines: SheetLine[] = useMemo(
    () =>
      inCart
        ? cartLines.map((l) => ({
            productId: l.productId,
            name: l.name,
            image: l.image,
            unitPriceVnd: l.priceVnd,
            quantity: l.quantity,
            sessionId: l.sessionId,
            shareCode: l.shareCode,
            dealId: l.dealId,
          }))
        : item
          ? [
              {
                productId: item.productId,
                name: item.name,
                image: item.image,
                unitPriceVnd: unitPrice,
                quantity: Number.isInteger(quantity) ? quantity : 0,
                sessionId,
                shareCode,
                dealId: deal?.id,
              },
            ]
          : [],
    [inCart, cartLines, item, unitPrice, quantity, sessionId, shareCode, deal?.id],
  );
  const groups = useMemo(() => checkoutGroups(lines), [lines]);

  const saved: SavedAddress[] = useMemo(() => addresses.data ?? [], [addresses.data]);
  const chosen = addressChoice ?? saved.find((a) => a.isDefault)?.id ?? saved[0]?.id ?? NEW_ADDRESS;
  const savedAddress = saved.find((a) => a.id === chosen);
  const cardOffered =
    config.data?.cardPayments === true && Boolean(config.data.stripePublishableKey) && groups.length === 1;
  // A VietQR transfer pays one checkout (one payOS link): offered, like a card, for one producer's goods at a time.
  const vietqrOffered = config.data?.vietqrPayments === true && groups.length === 1;
  const method =
    (payment === 'card' && cardOffered) || (payment === 'vietqr' && vietqrOffered) ? payment : 'cod';
  const wards = useWards(form.province);

  // Name and phone come from the last saved address, else from the account: a first-timer types only the address.
  const prefilled = useRef(false);
  useEffect(() => {
    if (prefilled.current || addresses.isPending || me.isPending) return;
    prefilled.current = true;
    const last = saved.find((a) => a.isDefault) ?? saved[0];
    const name = last?.recipientName ?? me.data?.displayName ?? '';
    const phone = nationalPhone(last?.phone ?? me.data?.phone);
    setForm((current) => ({
      ...current,
      recipientName: current.recipientName || name,
      phone: current.phone || phone,
    }));
  }, [addresses.isPending, me.isPending, me.data, saved]);

  const quantityValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= maxQuantity;
  const quoteBodies = groups.map((group) => ({
    lines: group.map((l) => ({
      productId: l.productId,
      quantity: l.quantity,
      ...(l.dealId ? { dealId: l.dealId } : {}),
    })),
    ...(group[0]?.sessionId ? { sessionId: group[0].sessionId } : {}),
  }));
  const quote = useQuery<QuoteData>({
    queryKey: ['checkout-quote', quoteBodies],
    enabled: lines.length > 0 && (inCart || quantityValid),
    staleTime: 15_000,
    placeholderData: (previous) => previous,
    queryFn: async ({ signal }) => {
      const parts = await Promise.all(
        quoteBodies.map(async (body) => unwrap(await api.POST('/api/checkouts/quote', { body, signal }))),
      );
      return {
        orders: parts.flatMap((p) => p.orders),
        goodsVnd: parts.reduce((n, p) => n + p.goodsVnd, 0),
        shippingFeeVnd: parts.reduce((n, p) => n + p.shippingFeeVnd, 0),
        totalVnd: parts.reduce((n, p) => n + p.totalVnd, 0),
      };
    },
  });
  const goodsShown = lines.reduce((n, l) => n + l.unitPriceVnd * l.quantity, 0);
  const grandTotal = quote.data?.totalVnd ?? goodsShown;

  const problems = {
    quantity: !inCart && !quantityValid,
    recipientName: form.recipientName.trim().length === 0,
    phone: !isVnMobile(form.phone),
    province: form.province === '',
    ward: !isKnownWard(wards.data, form.ward),
    street: form.street.trim().length === 0,
  };
  const addressInvalid =
    !savedAddress &&
    (problems.recipientName || problems.phone || problems.province || problems.ward || problems.street);

  function buildBodies(): Attempt[] {
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
    return groups.map((group, index) => ({
      key: newKey(),
      productIds: group.map((l) => l.productId),
      body: {
        lines: group.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          ...(l.dealId ? { dealId: l.dealId } : {}),
        })),
        ...(group[0]?.sessionId ? { sessionId: group[0].sessionId } : {}),
        ...((group[0]?.shareCode ?? activeShareCode())
          ? { shareCode: group[0]?.shareCode ?? activeShareCode() }
          : {}),
        address,
        paymentMethod: method,
        // The address is saved once, with the first checkout.
        saveAddress: index === 0 && !savedAddress && saveAddress,
      },
    }));
  }

  async function place(attempts: Attempt[]) {
    setPhase({ kind: 'placing' });
    for (const attempt of attempts) {
      if (attempt.answer) continue;
      try {
        attempt.answer = unwrap(
          await api.POST('/api/checkouts', {
            params: { header: { 'Idempotency-Key': attempt.key } },
            body: attempt.body,
          }),
        );
        if (inCart) removeFromCart(attempt.productIds);
        if (attempt.body.saveAddress) void queryClient.invalidateQueries({ queryKey: ['me', 'addresses'] });
      } catch (caught) {
        const error = caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', String(caught));
        const placed = answered(attempts);
        if (placed.length > 0) void queryClient.invalidateQueries({ queryKey: ['orders'] });
        if (isRetryable(error)) {
          setPhase({ kind: 'failed', error });
        } else {
          pending.current = null;
          setPhase({ kind: 'refused', error, placed });
        }
        return;
      }
    }
    pending.current = null;
    setPhase({ kind: 'placed', answers: answered(attempts), paid: false });
    void queryClient.invalidateQueries({ queryKey: ['orders'] });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.kind === 'placing' || lines.length === 0) return;
    if (problems.quantity || addressInvalid) {
      setShowErrors(true);
      return;
    }
    // A new purchase: new keys. (A retry goes through retry(), with the pending keys and bodies.)
    pending.current = buildBodies();
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

  function addItemToCart() {
    if (!item || !quantityValid) {
      setShowErrors(true);
      return;
    }
    const fitted = addToCart({
      productId: item.productId,
      name: item.name,
      image: item.image ?? null,
      priceVnd: unitPrice,
      quantity,
      ...(sessionId ? { sessionId } : {}),
      ...(shareCode ? { shareCode } : {}),
      ...(deal ? { dealId: deal.id } : {}),
    });
    setAdded(fitted ? 'added' : 'full');
    if (fitted) onAddedToCart?.();
  }

  const placedSession =
    phase.kind === 'placed'
      ? phase.answers.flatMap((a) => a.orders.flatMap((o) => o.lines)).find((l) => l.sessionId)?.sessionId
      : undefined;
  const keepWatchingSession =
    sessionId ?? lines.find((l) => l.sessionId)?.sessionId ?? placedSession ?? undefined;
  const keepWatching = onKeepWatching ?? (sessionId ? onClose : undefined);

  const placing = phase.kind === 'placing';
  const locked = placing || phase.kind === 'failed';
  const fieldError = (key: keyof typeof problems, message: string) =>
    showErrors && problems[key] ? message : undefined;
  const set = (key: keyof AddressForm) => (value: string) =>
    setForm((current) => ({ ...current, [key]: value }));
  /** One text field of a new address (its id is its data-testid), with hint and error wired for screen readers. */
  const addressInput = (
    key: Exclude<keyof AddressForm, 'province' | 'ward'>,
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

  const producerNames = new Map((quote.data?.orders ?? []).map((o) => [o.producerId, o.producerName]));

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
        data-mode={inCart ? 'cart' : 'item'}
      >
        <div className="spread">
          <h2 id={titleId}>{inCart ? tc('sheet.title') : t('checkout.title')}</h2>
          <button type="button" className="btn secondary small" onClick={onClose}>
            {t('checkout.close')}
          </button>
        </div>
        {inCart ? (
          <ul className="checkout-cart-lines">
            {lines.map((line) => (
              <li key={line.productId} className="checkout-item" data-testid="checkout-line">
                <Picture
                  image={line.image}
                  alt=""
                  sizes="56px"
                  name={line.name}
                  kind="product"
                  aspect="1 / 1"
                  className="checkout-thumb"
                />
                <strong>{line.name}</strong>
                <p className="row small">
                  <span className="price">{formatVnd(line.unitPriceVnd)}</span>
                  <span>× {line.quantity}</span>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          item && (
            <div className="checkout-item">
              <Picture
                image={item.image}
                alt=""
                sizes="56px"
                name={item.name}
                kind="product"
                aspect="1 / 1"
                className="checkout-thumb"
                priority
              />
              <strong>{item.name}</strong>
              <p className="row">
                <span className="price">{formatVnd(unitPrice)}</span>
                {deal && <span className="strike">{formatVnd(item.priceVnd)}</span>}
                {deal && <span className="badge danger">{t('deal.badge')}</span>}
              </p>
            </div>
          )
        )}

        {phase.kind === 'placed' ? (
          <PlacedResult
            answers={phase.answers}
            paid={phase.paid}
            publishableKey={config.data?.stripePublishableKey ?? null}
            producerNames={producerNames}
            onPaid={() => setPhase({ ...phase, paid: true })}
            onBuyMore={inCart ? undefined : startOver}
            keepWatching={keepWatching}
            keepWatchingSession={keepWatchingSession}
          />
        ) : phase.kind === 'refused' && isCodRefusal(phase.error.code) ? (
          <Suspense fallback={<Spinner />}>
            <CodRefusal error={phase.error} onStartOver={startOver} />
          </Suspense>
        ) : phase.kind === 'refused' ? (
          <RefusedResult
            error={phase.error}
            productId={lines[0]?.productId ?? ''}
            placed={phase.placed}
            onStartOver={startOver}
          />
        ) : (
          <form className="stack" onSubmit={submit} noValidate aria-busy={placing}>
            <fieldset disabled={locked} className="stack checkout-fields">
              <legend className="visually-hidden">{t('checkout.title')}</legend>
              {!inCart && (
                <>
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
                      onChange={(event) => {
                        setQuantity(event.target.valueAsNumber);
                        setAdded(null);
                      }}
                      data-autofocus
                    />
                  </Field>
                  <div className="row add-to-cart-row">
                    <button
                      type="button"
                      className="btn secondary"
                      data-testid="add-to-cart"
                      onClick={addItemToCart}
                    >
                      <CartIcon />
                      {tc('addToCart')}
                    </button>
                    {added && (
                      <p className="small" role="status" data-testid="added-to-cart">
                        {added === 'added' ? tc('added') : tc('full')}{' '}
                        {added === 'added' && <Link to="/cart">{tc('viewCart')}</Link>}
                      </p>
                    )}
                  </div>
                </>
              )}

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
                        onChange={(event) =>
                          setForm((current) => ({ ...current, province: event.target.value }))
                        }
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
                    <WardPicker
                      id="address-ward"
                      province={form.province}
                      value={form.ward}
                      onChange={set('ward')}
                      invalid={showErrors && problems.ward}
                      error={fieldError(
                        'ward',
                        form.ward.trim() === '' ? t('checkout.required') : tc('ward.unknown'),
                      )}
                    />
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
                    checked={method === 'cod'}
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
                {vietqrOffered && (
                  <label className="choice">
                    <input
                      type="radio"
                      name="payment"
                      value="vietqr"
                      data-testid="pay-vietqr"
                      checked={method === 'vietqr'}
                      onChange={() => setPayment('vietqr')}
                    />
                    <span>{t('checkout.vietqr')}</span>
                  </label>
                )}
              </fieldset>

              <QuoteSummary
                quote={quote.data}
                loading={quote.isPending && quote.fetchStatus !== 'idle'}
                failed={quote.isError}
                goodsShown={goodsShown}
                cod={method === 'cod'}
              />
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
                {placing ? t('checkout.placing') : t('checkout.submit', { total: formatVnd(grandTotal) })}
              </button>
            )}
            {placing && <Spinner label={t('checkout.placing')} />}
          </form>
        )}
      </div>
    </div>
  );
}

type QuoteData = {
  orders: Schema<'QuoteOrderResponse'>[];
  goodsVnd: number;
  shippingFeeVnd: number;
  totalVnd: number;
};

/** Each producer's order with its shipping fee, and the total the courier collects: the api's figures. */
function QuoteSummary({
  quote,
  loading,
  failed,
  goodsShown,
  cod,
}: {
  quote: QuoteData | undefined;
  loading: boolean;
  failed: boolean;
  goodsShown: number;
  cod: boolean;
}) {
  const { t } = useTranslation('cart');
  return (
    <section className="quote stack" aria-live="polite" data-testid="checkout-quote" aria-busy={loading}>
      {quote ? (
        <>
          {quote.orders.map((order, index) => (
            <div
              key={`${order.producerId}-${index}`}
              className="quote-order"
              data-testid="quote-order"
              data-producer-id={order.producerId}
            >
              <p className="spread">
                <strong>{order.producerName}</strong>
                <span>{formatVnd(order.goodsVnd)}</span>
              </p>
              <p className="spread small">
                <span>{t('quote.shipping')}</span>
                <span data-testid="quote-fee" data-fee={order.shippingFeeVnd}>
                  {order.shippingFeeVnd === 0 ? t('quote.free') : formatVnd(order.shippingFeeVnd)}
                </span>
              </p>
              {order.shippingFeeVnd > 0 && order.freeFromVnd !== null && (
                <p className="small muted">{t('quote.freeFrom', { amount: formatVnd(order.freeFromVnd) })}</p>
              )}
            </div>
          ))}
          <p className="spread quote-total">
            <strong>{cod ? t('quote.totalCod') : t('quote.total')}</strong>
            <strong className="price" data-testid="quote-total" data-total={quote.totalVnd}>
              {formatVnd(quote.totalVnd)}
            </strong>
          </p>
          {quote.orders.length > 1 && (
            <p className="small muted">{t('quote.splitNote', { count: quote.orders.length })}</p>
          )}
        </>
      ) : (
        <p className="spread small">
          <span>{t('quote.goods')}</span>
          <span>{formatVnd(goodsShown)}</span>
          {loading && <span className="visually-hidden">{t('quote.loading')}</span>}
          {failed && <span className="muted">{t('quote.failed')}</span>}
        </p>
      )}
    </section>
  );
}

function CartIcon() {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.6a2 2 0 0 0 2-1.5L21 8H6.2" />
      <circle cx="10" cy="20" r="1.4" />
      <circle cx="17" cy="20" r="1.4" />
    </svg>
  );
}

function answered(attempts: readonly Attempt[]): CheckoutAnswer[] {
  return attempts.flatMap((a) => (a.answer ? [a.answer] : []));
}

function PlacedResult({
  answers,
  paid,
  publishableKey,
  producerNames,
  onPaid,
  onBuyMore,
  keepWatching,
  keepWatchingSession,
}: {
  answers: CheckoutAnswer[];
  paid: boolean;
  publishableKey: string | null;
  producerNames: ReadonlyMap<string, string>;
  onPaid: () => void;
  onBuyMore?: () => void;
  keepWatching?: () => void;
  keepWatchingSession?: string;
}) {
  const { t } = useTranslation('shop');
  const { t: tc } = useTranslation('cart');
  const orders = answers.flatMap((a) => a.orders);
  const total = orders.reduce((sum, order) => sum + order.totalVnd, 0);
  const first = answers[0];
  const keepWatchingButton = keepWatching ? (
    <button type="button" className="btn" data-testid="keep-watching" onClick={keepWatching}>
      {tc('result.keepWatching')}
    </button>
  ) : keepWatchingSession ? (
    <Link to={`/sessions/${keepWatchingSession}`} className="btn" data-testid="keep-watching">
      {tc('result.keepWatching')}
    </Link>
  ) : null;
  const orderCodes = (
    <ul className="order-codes stack" aria-label={tc('result.codes')}>
      {orders.map((order) => (
        <li key={order.id} className="order-code-row" data-testid="placed-order" data-order-id={order.id}>
          <span className="small">{producerNames.get(order.producerId) ?? tc('result.order')}</span>
          <span className="spread">
            <span>
              {tc('result.code')}{' '}
              <strong className="order-code" data-testid="order-code">
                {order.code}
              </strong>
            </span>
            <Link to={`/orders/${order.id}`} className="small">
              {t('checkout.viewOrder')}
            </Link>
          </span>
          <span className="small muted">
            {order.shippingFeeVnd === 0
              ? tc('result.freeShipping')
              : tc('result.shipping', { fee: formatVnd(order.shippingFeeVnd) })}{' '}
            · {formatVnd(order.totalVnd)}
          </span>
        </li>
      ))}
    </ul>
  );
  // A card checkout is confirmed only once paid: until then it awaits payment, whether or not the payment started.
  const byTransfer = orders.some((order) => order.paymentMethod === 'vietqr');
  if (first && byTransfer && !paid) {
    return (
      <div className="stack" data-testid="checkout-vietqr" data-state="awaiting_payment">
        <p className="alert info" role="status">
          <strong>{t('checkout.awaitingPayment')}</strong>
          <br />
          {t('vietqr.pending', { total: formatVnd(total) })}
        </p>
        <Suspense fallback={<Spinner />}>
          <VietqrPay
            checkoutId={first.checkoutId}
            orderIds={orders.map((order) => order.id)}
            initial={first.vietqr}
            onPaid={onPaid}
          />
        </Suspense>
        {orderCodes}
      </div>
    );
  }
  if (first && first.paymentState !== 'on_delivery' && !paid) {
    const notStarted = first.paymentState === 'not_started' || !first.payment;
    return (
      <div
        className="stack"
        data-testid={notStarted ? 'checkout-result' : 'checkout-card'}
        data-state="awaiting_payment"
      >
        <p className="alert info" role="status">
          <strong>{t('checkout.awaitingPayment')}</strong>
          <br />
          {notStarted
            ? t('checkout.paymentNotStarted', { total: formatVnd(total) })
            : t('checkout.cardPending', { total: formatVnd(total) })}
        </p>
        <PayCheckout
          checkoutId={first.checkoutId}
          totalVnd={total}
          clientSecret={first.payment?.clientSecret}
          publishableKey={publishableKey}
          autoStart={notStarted}
          onPaid={onPaid}
        />
        {orderCodes}
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
          count: orders.reduce((sum, order) => sum + order.lines.reduce((n, l) => n + l.quantity, 0), 0),
          total: formatVnd(total),
        })}
      </p>
      <p data-testid="paid-how">
        {first?.paymentState === 'on_delivery'
          ? t('checkout.payOnDelivery')
          : byTransfer
            ? t('vietqr.paid')
            : t('checkout.paidByCard')}
      </p>
      <p className="small">{tc('result.codeHint')}</p>
      {orderCodes}
      <div className="row">
        {keepWatchingButton}
        <Link to="/orders" className="btn secondary small">
          {tc('result.myOrders')}
        </Link>
        {onBuyMore && (
          <button type="button" className="btn secondary small" onClick={onBuyMore}>
            {t('checkout.buyMore')}
          </button>
        )}
      </div>
    </div>
  );
}

function RefusedResult({
  error,
  productId,
  placed,
  onStartOver,
}: {
  error: ApiError;
  productId: string;
  placed: CheckoutAnswer[];
  onStartOver: () => void;
}) {
  const { t } = useTranslation('shop');
  const { t: tc } = useTranslation('cart');
  const errorMessage = useErrorMessage();
  const state = resultStateOf(error.code);
  const lines = ((error.details ?? {}) as { lines?: { productId: string; status: string }[] }).lines;
  const refusedProduct = lines?.find((l) => l.status === 'rejected')?.productId ?? productId;
  const details = lineDetails(error, refusedProduct);
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
  } else if (error.code === 'INVALID_WARD') {
    message = tc('ward.unknown');
  } else {
    message = errorMessage(error);
  }
  const placedOrders = placed.flatMap((a) => a.orders);
  return (
    <div className="alert stack" role="alert" data-testid="checkout-result" data-state={state}>
      <p>
        <strong>{t(`checkout.refusedTitle.${state}`)}</strong>
      </p>
      <p>{message}</p>
      {placedOrders.length > 0 && (
        <p className="small">
          {tc('result.partlyPlaced', { codes: placedOrders.map((o) => o.code).join(', ') })}
        </p>
      )}
      <button type="button" className="btn secondary small" onClick={onStartOver}>
        {t('checkout.changeOrder')}
      </button>
    </div>
  );
}
