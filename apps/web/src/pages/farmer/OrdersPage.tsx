import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Field, Spinner } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { OrderCodeSearch } from '../shop/cart/OrderCodeSearch';
import { parseVnd } from './certificate';
import { PayosRefund, showsPayosRefund } from './PayosRefund';
import {
  farmerActions,
  ORDER_FILTERS,
  orderTone,
  showsBuyerRecord,
  type FarmerAction,
  type OrderFilter,
} from './orders';

type Order = Schema<'OrderResponse'>;
const PAGE_SIZE = 20;

export function OrdersPage() {
  const { t } = useTranslation('farmer');
  const [filter, setFilter] = useState<OrderFilter>('all');
  const [page, setPage] = useState(1);
  const [code, setCode] = useState('');
  const orders = useQuery({
    queryKey: ['farmer', 'orders', filter, page, code],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/farmer/orders', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...(filter === 'all' ? {} : { status: filter }),
              ...(code ? { code } : {}),
            },
          },
        }),
      ),
  });
  return (
    <div className="stack">
      <h1>{t('orders.title')}</h1>
      <OrderCodeSearch
        code={code}
        onSearch={(value) => {
          setCode(value);
          setPage(1);
        }}
      />
      <div className="filter-buttons" role="group" aria-label={t('orders.filterLabel')}>
        {ORDER_FILTERS.map((value) => (
          <button
            key={value}
            type="button"
            className="btn secondary small"
            aria-pressed={filter === value}
            onClick={() => {
              setFilter(value);
              setPage(1);
            }}
          >
            {t(`orders.filter.${value}`)}
          </button>
        ))}
      </div>
      {orders.isPending ? (
        <Spinner />
      ) : orders.isError ? (
        <ErrorBox error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <Empty>{t('orders.empty')}</Empty>
      ) : (
        <>
          <ul className="order-list">
            {orders.data.items.map((order) => (
              <OrderItem key={order.id} order={order} />
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={orders.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function OrderItem({ order }: { order: Order }) {
  const { t, i18n } = useTranslation('farmer');
  const { t: tc } = useTranslation('cart');
  const queryClient = useQueryClient();
  const [delivering, setDelivering] = useState(false);
  const [returning, setReturning] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [cash, setCash] = useState(String(order.totalVnd));
  const [cashProblem, setCashProblem] = useState<string>();
  const act = useMutation({
    mutationFn: async (
      input: { action: 'confirm' | 'ship' | 'return' | 'refuse' } | { action: 'deliver'; cash?: number },
    ) => {
      const path = { params: { path: { id: order.id } } };
      switch (input.action) {
        case 'confirm':
          return unwrap(await api.POST('/api/farmer/orders/{id}/confirm', path));
        case 'ship':
          return unwrap(await api.POST('/api/farmer/orders/{id}/ship', path));
        case 'return':
          return unwrap(await api.POST('/api/farmer/orders/{id}/return', path));
        case 'refuse':
          return unwrap(await api.POST('/api/farmer/orders/{id}/refuse', path));
        case 'deliver':
          return unwrap(
            await api.POST('/api/farmer/orders/{id}/deliver', {
              ...path,
              body: input.cash === undefined ? {} : { cashCollectedVnd: input.cash },
            }),
          );
      }
    },
    onSuccess: () => {
      setDelivering(false);
      setReturning(false);
      setRefusing(false);
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'orders'] });
      void queryClient.invalidateQueries({ queryKey: ['farmer', 'sales'] });
    },
  });
  const actions = farmerActions(order);
  const cod = order.paymentMethod === 'cod';
  const address = order.deliveryAddress;

  /** Confirm and ship happen at once; delivering asks for the cash collected and returning asks to be sure. */
  const start = (action: FarmerAction) => {
    if (action === 'deliver') setDelivering(true);
    else if (action === 'return') setReturning(true);
    else if (action === 'refuse') setRefusing(true);
    else act.mutate({ action });
  };

  const onDeliver = (event: FormEvent) => {
    event.preventDefault();
    if (!cod) return act.mutate({ action: 'deliver' });
    const amount = parseVnd(cash);
    if (amount === undefined) {
      setCashProblem(t('orders.cashInvalid'));
      return;
    }
    setCashProblem(undefined);
    act.mutate({ action: 'deliver', cash: amount });
  };

  return (
    <li
      className="card stack order-item"
      data-testid="farmer-order"
      data-order-id={order.id}
      data-status={order.status}
    >
      <div className="spread">
        <h2 className="small">
          <span className="order-code" data-testid="farmer-order-code">
            {order.code}
          </span>{' '}
          · {t('orders.placedAt', { time: formatDateTime(order.placedAt, i18n.language) })}
        </h2>
        <span className={`badge ${orderTone(order.status)}`}>{t(`orders.status.${order.status}`)}</span>
      </div>
      <ul className="order-lines">
        {order.lines.map((line) => (
          <li key={line.productId}>
            {t('orders.line', {
              quantity: line.quantity,
              name: line.productName,
              price: formatVnd(line.unitPriceVnd),
            })}
          </li>
        ))}
      </ul>
      <dl>
        {order.shippingFeeVnd > 0 && (
          <>
            <dt>{tc('orders.shipping')}</dt>
            <dd>{formatVnd(order.shippingFeeVnd)}</dd>
          </>
        )}
        <dt>{t('orders.total')}</dt>
        <dd className="price">{formatVnd(order.totalVnd)}</dd>
        <dt>{t('orders.payment')}</dt>
        <dd>{t(`orders.method.${order.paymentMethod}`)}</dd>
        <dt>{t('orders.recipient')}</dt>
        <dd>
          {address.recipientName} · <a href={`tel:${address.phone}`}>{address.phone}</a>
        </dd>
        <dt>{t('orders.address')}</dt>
        <dd>{[address.street, address.ward, address.provinceName].filter(Boolean).join(', ')}</dd>
        {showsBuyerRecord(order) && <BuyerCodRecord orderId={order.id} />}
      </dl>
      {showsPayosRefund(order) && <PayosRefund order={order} />}
      {act.isError && <ErrorBox error={act.error} />}
      {actions.length > 0 && !delivering && !returning && !refusing && (
        <div className="actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'return' || action === 'refuse' ? 'btn secondary block' : 'btn block'}
              data-testid={action === 'return' ? undefined : `order-${action}`}
              disabled={act.isPending}
              onClick={() => start(action)}
            >
              {t(`orders.${action}`)}
            </button>
          ))}
        </div>
      )}
      {delivering && (
        <form className="stack" onSubmit={onDeliver} noValidate>
          {cod ? (
            <Field
              id={`cash-${order.id}`}
              label={t('orders.cashCollected')}
              hint={t('orders.cashHint', { total: formatVnd(order.totalVnd) })}
              error={cashProblem}
            >
              <input
                id={`cash-${order.id}`}
                data-testid="cash-collected"
                inputMode="numeric"
                value={cash}
                aria-describedby={`cash-${order.id}-hint`}
                aria-invalid={cashProblem ? true : undefined}
                onChange={(event) => setCash(event.target.value)}
              />
            </Field>
          ) : (
            <p>{t('orders.deliverCard')}</p>
          )}
          <div className="actions">
            <button type="submit" className="btn" data-testid="deliver-confirm" disabled={act.isPending}>
              {t('orders.deliverConfirm')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setDelivering(false)}>
              {t('orders.cancel')}
            </button>
          </div>
        </form>
      )}
      {refusing && (
        <div className="stack">
          <p className="alert warn">{t('orders.refuseWarning')}</p>
          <div className="actions">
            <button
              type="button"
              className="btn danger"
              data-testid="refuse-confirm"
              disabled={act.isPending}
              onClick={() => act.mutate({ action: 'refuse' })}
            >
              {t('orders.refuseConfirm')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setRefusing(false)}>
              {t('orders.cancel')}
            </button>
          </div>
        </div>
      )}
      {returning && (
        <div className="stack">
          <p className="alert warn">{t('orders.returnWarning', { total: formatVnd(order.totalVnd) })}</p>
          <div className="actions">
            <button
              type="button"
              className="btn danger"
              disabled={act.isPending}
              onClick={() => act.mutate({ action: 'return' })}
            >
              {t('orders.returnConfirm')}
            </button>
            <button type="button" className="btn secondary" onClick={() => setReturning(false)}>
              {t('orders.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** The buyer's cash-on-delivery record (on every producer), read before the parcel goes out. */
function BuyerCodRecord({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation('farmer');
  const record = useQuery({
    queryKey: ['farmer', 'orders', orderId, 'buyer-record'],
    queryFn: async () =>
      unwrap(await api.GET('/api/farmer/orders/{id}/buyer-record', { params: { path: { id: orderId } } })),
    staleTime: 60_000,
  });
  if (!record.data) return null;
  const { delivered, refused, codSuspendedUntil } = record.data;
  return (
    <>
      <dt>{t('orders.buyerRecord')}</dt>
      <dd data-testid="buyer-record" data-delivered={delivered} data-refused={refused}>
        {delivered === 0 && refused === 0
          ? t('orders.buyerRecordNew')
          : t('orders.buyerRecordValue', { delivered, refused })}
        {codSuspendedUntil && (
          <>
            {' '}
            <span className="badge danger">
              {t('orders.buyerSuspended', { date: formatDateTime(codSuspendedUntil, i18n.language) })}
            </span>
          </>
        )}
      </dd>
    </>
  );
}
