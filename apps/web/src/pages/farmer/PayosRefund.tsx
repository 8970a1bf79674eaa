import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schema } from '../../api/client';
import { formatDateTime, formatVnd } from '../../lib/format';
import { useErrorMessage } from '../../ui/components';
import { useClientConfig } from '../shop/shop-data';
import { PENDING_REFRESH_MS } from './SettlementPage';

type Order = Schema<'OrderResponse'>;
type RefundPayout = Schema<'RefundPayoutResponse'>;

/** Whether an order's refund can be sent through payOS (a VietQR transfer) or has been (its refunds are listed). */
export const showsPayosRefund = (order: Pick<Order, 'paymentMethod' | 'status'>): boolean =>
  order.paymentMethod === 'vietqr' && (order.status === 'refund_due' || order.status === 'refunded');

/**
 * A VietQR order's refund sent back through payOS to the account the transfer came from: the attempts (pending,
 * paid with payOS's reference, failed), and while the order is refund due and payouts through payOS are on, the
 * action that sends it (the amount is always what the order was paid).
 */
export function PayosRefund({ order }: { order: Order }) {
  const { t, i18n } = useTranslation('farmer');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const config = useClientConfig();
  const path = { params: { path: { id: order.id } } };
  const refunds = useQuery({
    queryKey: ['farmer', 'orders', order.id, 'payos-refunds'],
    queryFn: async () => unwrap(await api.GET('/api/farmer/orders/{id}/payos-refunds', path)),
    refetchInterval: (query) =>
      query.state.data?.some((r) => r.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
  const send = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/farmer/orders/{id}/payos-refunds', { ...path, body: {} })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['farmer', 'orders'] }),
  });
  const items: RefundPayout[] = refunds.data ?? [];
  const live = items.find((r) => r.status !== 'failed');
  const canSend = config.data?.payosPayouts === true && order.status === 'refund_due' && !live;
  if (items.length === 0 && !canSend) return null;
  const refused = send.error instanceof ApiError && send.error.code === 'PAYOUT_REFUSED';
  return (
    <div className="stack" data-testid="payos-refund">
      {items.length > 0 && (
        <ul className="order-lines">
          {items.map((r) => (
            <li key={r.id} data-testid="payos-refund-item" data-status={r.status}>
              {t(`orders.payosRefund.${r.status}`, {
                amount: formatVnd(r.amountVnd),
                reference: r.bankReference ?? '',
                code: r.errorCode ?? '',
                time: formatDateTime(r.settledAt ?? r.createdAt, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
      {send.isError && (
        <p className="error" role="alert">
          {refused ? t('orders.payosRefund.refused') : errorMessage(send.error)}
        </p>
      )}
      {canSend && (
        <>
          <p className="small muted">{t('orders.payosRefund.hint', { amount: formatVnd(order.totalVnd) })}</p>
          <button
            type="button"
            className="btn secondary block"
            data-testid="payos-refund-send"
            disabled={send.isPending}
            onClick={() => send.mutate()}
          >
            {t('orders.payosRefund.send')}
          </button>
        </>
      )}
    </div>
  );
}
