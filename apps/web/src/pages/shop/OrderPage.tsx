import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { ErrorBox, Spinner, useErrorMessage } from '../../ui/components';
import { orderStatusClass } from './parts';
import { CANCELLABLE, formatPhone } from './shop-data';
import './shop.css';

/** One of the shopper's orders: status, lines, totals, delivery address, and cancel while it is allowed. */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('shop');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const query = useQuery({
    queryKey: ['orders', id],
    queryFn: async () => unwrap(await api.GET('/api/orders/{id}', { params: { path: { id } } })),
  });
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
        <Link to="/orders">← {t('orders.back')}</Link>
      </p>
      <div className="spread">
        <h1>{t('orders.orderTitle', { time: formatDateTime(order.placedAt, i18n.language) })}</h1>
        <span className={orderStatusClass(order.status)} role="status">
          {t(`orderStatus.${order.status}`)}
        </span>
      </div>
      <p className="small muted">{t(`orderStatusHelp.${order.status}`)}</p>

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
          {order.paymentMethod === 'cod' ? t('checkout.cod') : t('checkout.card')}
        </p>
        {order.status === 'pending_payment' && order.expiresAt && (
          <p className="alert warn small">
            {t('orders.payBefore', { time: formatDateTime(order.expiresAt, i18n.language) })}
          </p>
        )}
      </section>

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
                {order.paymentMethod === 'card' && order.status === 'confirmed'
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
