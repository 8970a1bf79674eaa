import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { Pager } from '../../ui/Pager';
import { Picture } from '../../ui/Picture';
import { orderStatusClass } from './parts';
import './cart/cart.css';
import './shop.css';

const PAGE_SIZE = 20;

/** The shopper's own orders, newest first, with their status. */
export function OrdersPage() {
  const { t, i18n } = useTranslation('shop');
  const { t: tc } = useTranslation('cart');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['orders', 'mine', page],
    queryFn: async () =>
      unwrap(await api.GET('/api/orders', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: (previous) => previous,
  });
  return (
    <div className="stack">
      <h1>{t('orders.title')}</h1>
      {query.isPending ? (
        <Spinner />
      ) : query.isError ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>
          {t('orders.none')} <Link to="/">{t('orders.findSessions')}</Link>
        </Empty>
      ) : (
        <>
          <ul className="order-list stack">
            {query.data.items.map((order) => (
              <li
                key={order.id}
                className="card order-row"
                data-testid="order-row"
                data-order-id={order.id}
                data-status={order.status}
              >
                <div className="order-row-body">
                  <span className="order-thumbs" aria-hidden="true">
                    {order.lines.slice(0, 2).map((line) => (
                      <Picture
                        key={line.productId}
                        image={line.image}
                        alt=""
                        sizes="48px"
                        name={line.productName}
                        kind="product"
                        aspect="1 / 1"
                        className="order-thumb"
                      />
                    ))}
                  </span>
                  <div className="order-row-main">
                    <div className="spread">
                      <Link to={`/orders/${order.id}`} className="order-link">
                        {order.lines.map((line) => `${line.quantity} × ${line.productName}`).join(', ')}
                      </Link>
                      <span className={orderStatusClass(order.status)}>
                        {t(`orderStatus.${order.status}`)}
                      </span>
                    </div>
                    <p className="small muted">
                      <span data-testid="order-row-code">{tc('orders.code', { code: order.code })}</span>
                      {order.producer && <> · {order.producer.name}</>}
                    </p>
                    <p className="spread small muted">
                      <span>{formatDateTime(order.placedAt, i18n.language)}</span>
                      <strong className="price">{formatVnd(order.totalVnd)}</strong>
                    </p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={query.data.pageSize} total={query.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
