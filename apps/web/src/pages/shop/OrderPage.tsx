import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { orderStatusClass } from './parts';
import { PayCheckout } from './PayCheckout';
// The QR library is only downloaded when a VietQR transfer is on screen.
const VietqrPay = lazy(async () => ({ default: (await import('./VietqrPay')).VietqrPay }));
import { CANCELLABLE, formatPhone, useClientConfig } from './shop-data';
import './shop.css';
import { ArrowLeftIcon } from '../../ui/icons';
import './cart/cart.css';

type OrderStatus = Schema<'OrderResponse'>['status'];

/** The statuses a COD or paid order normally goes through: what is still ahead shows as the next steps. */
const HAPPY_PATH: OrderStatus[] = ['confirmed', 'shipped', 'delivered'];

/** The order's history (oldest first), then the steps still ahead when it is on its normal way. */
export function timelineOf(order: Schema<'OrderResponse'>): { status: OrderStatus; at: string | null }[] {
  const done = (order.history ?? [{ status: order.status, at: order.placedAt }]).map((h) => ({
    status: h.status,
    at: h.at,
  }));
  const index = HAPPY_PATH.indexOf(order.status);
  const ahead =
    order.status === 'pending_payment' ? HAPPY_PATH : index >= 0 ? HAPPY_PATH.slice(index + 1) : [];
  return [...done, ...ahead.map((status) => ({ status, at: null }))];
}

function PhoneIcon() {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z" />
    </svg>
  );
}

/** One of the shopper's orders: status, lines, totals, delivery address, and cancel while it is allowed. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('shop');
  const { t: tc } = useTranslation('cart');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [paying, setPaying] = useState(false);
  const config = useClientConfig();
  const query = useQuery({
    queryKey: ['orders', id],
    queryFn: async () => unwrap(await api.GET('/api/orders/{id}', { params: { path: { id } } })),
  });
  // The order's status changes reach the buyer's socket (a transfer landing, the farmer shipping): shown at once.
  useEffect(() => {
    let off: (() => void) | undefined;
    let cancelled = false;
    void import('../../realtime/socket').then(({ getSocket }) => {
      if (cancelled) return;
      const socket = getSocket();
      const heard = (n: { orderId?: string | null }) => {
        if (n.orderId === id) void queryClient.invalidateQueries({ queryKey: ['orders', id] });
      };
      socket.on('notification', heard);
      off = () => socket.off('notification', heard);
    });
    return () => {
      cancelled = true;
      off?.();
    };
  }, [id, queryClient]);
  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/orders/{id}/cancel', { params: { path: { id } } })),
    onSuccess: (order) => {
      queryClient.setQueryData(['orders', id], order);
      void queryClient.invalidateQueries({ queryKey: ['orders', 'mine'] });
      setConfirming(false);
    },
  });

  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  const order = query.data;
  const address = order.deliveryAddress;
  const savings = order.lines.reduce((sum, l) => sum + (l.listUnitPriceVnd - l.unitPriceVnd) * l.quantity, 0);

  return (
    <article className="stack order-page" data-order-id={order.id} data-status={order.status}>
      <p>
        <Link to="/orders">
          <ArrowLeftIcon /> {t('orders.back')}
        </Link>
      </p>
      <div className="spread">
        <h1>{t('orders.orderTitle', { time: formatDateTime(order.placedAt, i18n.language) })}</h1>
        <span className={orderStatusClass(order.status)} role="status">
          {t(`orderStatus.${order.status}`)}
        </span>
      </div>
      <p className="order-code-line">
        {tc('result.code')}{' '}
        <strong className="order-code" data-testid="order-page-code">
          {order.code}
        </strong>
      </p>
      <p className="small muted">{t(`orderStatusHelp.${order.status}`)}</p>

      <section className="card stack" aria-labelledby="order-timeline">
        <h2 id="order-timeline">{tc('orders.timeline')}</h2>
        <ol className="timeline" data-testid="order-timeline">
          {timelineOf(order).map((step) => (
            <li key={`${step.status}-${step.at ?? 'next'}`} data-state={step.at ? 'done' : 'next'}>
              {t(`orderStatus.${step.status}`)}
              {step.at && <time dateTime={step.at}>{formatDateTime(step.at, i18n.language)}</time>}
            </li>
          ))}
        </ol>
      </section>

      {order.producer && (
        <section className="card stack" aria-labelledby="order-seller" data-testid="order-seller">
          <h2 id="order-seller">{tc('orders.seller')}</h2>
          <p>
            <Link to={`/producers/${order.producerId}`}>{order.producer.name}</Link>
          </p>
          <p>
            <a className="btn secondary seller-call" href={`tel:${order.producer.phone}`}>
              <PhoneIcon />
              {tc('orders.call', { phone: formatPhone(order.producer.phone) })}
            </a>
          </p>
        </section>
      )}

      <section className="card stack" aria-labelledby="order-lines">
        <h2 id="order-lines">{t('orders.lines')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('orders.product')}</th>
                <th scope="col" className="num">
                  {t('orders.unitPrice')}
                </th>
                <th scope="col" className="num">
                  {t('orders.quantity')}
                </th>
                <th scope="col" className="num">
                  {t('orders.lineTotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.productId}>
                  <td>
                    <Link to={`/products/${line.productId}`}>{line.productName}</Link>
                    {line.dealId && <span className="badge danger small"> {t('deal.badge')}</span>}
                  </td>
                  <td className="num">
                    {formatVnd(line.unitPriceVnd)}
                    {line.unitPriceVnd !== line.listUnitPriceVnd && (
                      <>
                        <br />
                        <span className="strike small">{formatVnd(line.listUnitPriceVnd)}</span>
                      </>
                    )}
                  </td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{formatVnd(line.lineTotalVnd)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {tc('orders.shipping')}
                </th>
                <td className="num" data-testid="order-shipping">
                  {order.shippingFeeVnd === 0 ? tc('orders.free') : formatVnd(order.shippingFeeVnd)}
                </td>
              </tr>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('orders.total')}
                </th>
                <td className="num">
                  <strong className="price">{formatVnd(order.totalVnd)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        {savings > 0 && <p className="small">{t('orders.saved', { amount: formatVnd(savings) })}</p>}
        <p className="small">
          {t('orders.paymentMethod')}:{' '}
          {order.paymentMethod === 'cod'
            ? t('checkout.cod')
            : order.paymentMethod === 'vietqr'
              ? t('checkout.vietqr')
              : t('checkout.card')}
        </p>
        {order.status === 'pending_payment' && order.expiresAt && (
          <p className="alert warn small">
            {t('orders.payBefore', { time: formatDateTime(order.expiresAt, i18n.language) })}
          </p>
        )}
      </section>

      {order.status === 'pending_payment' && order.paymentMethod === 'card' && (
        <section className="card stack" aria-labelledby="order-pay" data-testid="order-pay">
          <h2 id="order-pay">{t('checkout.awaitingPayment')}</h2>
          {paying ? (
            <p className="alert info" role="status">
              {t('checkout.paidByCard')}
            </p>
          ) : (
            <PayCheckout
              checkoutId={order.checkoutId}
              totalVnd={order.totalVnd}
              publishableKey={config.data?.stripePublishableKey ?? null}
              autoStart={false}
              onPaid={() => {
                setPaying(true);
                void queryClient.invalidateQueries({ queryKey: ['orders'] });
              }}
            />
          )}
        </section>
      )}

      {order.status === 'pending_payment' && order.paymentMethod === 'vietqr' && (
        <section className="card stack" aria-labelledby="order-pay" data-testid="order-pay">
          <h2 id="order-pay">{t('checkout.awaitingPayment')}</h2>
          <Suspense fallback={<Spinner />}>
            <VietqrPay
              checkoutId={order.checkoutId}
              orderIds={[order.id]}
              onPaid={() => void queryClient.invalidateQueries({ queryKey: ['orders'] })}
            />
          </Suspense>
        </section>
      )}

      <section className="card stack" aria-labelledby="order-address">
        <h2 id="order-address">{t('orders.deliveryAddress')}</h2>
        <address className="order-address">
          <strong>{address.recipientName}</strong> · {formatPhone(address.phone)}
          <br />
          {[address.street, address.ward, address.provinceName].join(', ')}
        </address>
      </section>

      {CANCELLABLE.includes(order.status) && (
        <section className="stack">
          {!confirming ? (
            <button type="button" className="btn danger" onClick={() => setConfirming(true)}>
              {t('orders.cancel')}
            </button>
          ) : (
            <div className="card stack" role="group" aria-labelledby="cancel-question">
              <p id="cancel-question">
                {order.paymentMethod !== 'cod' && order.status === 'confirmed'
                  ? t('orders.cancelRefundQuestion')
                  : t('orders.cancelQuestion')}
              </p>
              <div className="row">
                <button
                  type="button"
                  className="btn danger"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate()}
                >
                  {cancel.isPending ? t('orders.cancelling') : t('orders.cancelConfirm')}
                </button>
                <button type="button" className="btn secondary" onClick={() => setConfirming(false)}>
                  {t('orders.keep')}
                </button>
              </div>
            </div>
          )}
          {cancel.isError && (
            <p className="alert" role="alert">
              {errorMessage(cancel.error)}
            </p>
          )}
        </section>
      )}
    </article>
  );
}
