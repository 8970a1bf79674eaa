import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { Empty, ErrorBox, Spinner } from '../../ui/components';
import { ClockIcon, LiveIcon, OrderIcon } from './icons';
import { InboxItem, itemLink, notifyKeys, orderRef } from './notify-data';
import './notify.css';

const PAGE = 20;

/** The inbox: followed hosts going live, reminders and order updates, newest first; each opens its session or order. */
export function NotificationsPage() {
  const { t } = useTranslation('notify');
  const queryClient = useQueryClient();
  const [pageSize, setPageSize] = useState(PAGE);
  const inbox = useQuery({
    queryKey: notifyKeys.inbox(pageSize),
    queryFn: async () =>
      unwrap(await api.GET('/api/me/notifications', { params: { query: { page: 1, pageSize } } })),
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notifyKeys.all });
  const markAll = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/me/notifications/read-all')),
    onSuccess: refresh,
  });
  const markOne = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  return (
    <section className="notify-page stack" aria-labelledby="notify-title">
      <div className="notify-head">
        <h1 id="notify-title">{t('inbox.title')}</h1>
        {(inbox.data?.unread ?? 0) > 0 && (
          <button
            type="button"
            className="btn secondary small"
            onClick={() => markAll.mutate()}
            disabled={markAll.isPending}
            data-testid="mark-all-read"
          >
            {t('inbox.markAll')}
          </button>
        )}
      </div>
      {inbox.isPending ? (
        <Spinner />
      ) : inbox.isError ? (
        <ErrorBox error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <Empty>{t('inbox.empty')}</Empty>
      ) : (
        <>
          <ul className="notify-list" data-testid="inbox">
            {inbox.data.items.map((item) => (
              <li key={item.id}>
                <InboxRow item={item} onOpen={() => item.readAt === null && markOne.mutate(item.id)} />
              </li>
            ))}
          </ul>
          {inbox.data.total > inbox.data.items.length && (
            <button
              type="button"
              className="btn secondary block"
              onClick={() => setPageSize((n) => n + PAGE)}
            >
              {t('inbox.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function InboxRow({ item, onOpen }: { item: InboxItem; onOpen: () => void }) {
  const { t, i18n } = useTranslation('notify');
  const unread = item.readAt === null;
  const { title, body, tag, icon } = wording(item, t);
  return (
    <Link
      to={itemLink(item)}
      className="notify-item"
      data-unread={unread}
      data-kind={item.kind}
      onClick={onOpen}
    >
      <span className={`notify-icon notify-icon-${item.kind}`} aria-hidden="true">
        {icon}
      </span>
      <span className="notify-text">
        <span className="notify-tag">{tag}</span>
        <strong className="notify-title">{title}</strong>
        <span className="notify-body">{body}</span>
        <time className="notify-time" dateTime={item.createdAt}>
          {formatDateTime(item.createdAt, i18n.language)}
        </time>
      </span>
      {unread && (
        <span className="notify-dot">
          <span className="visually-hidden">{t('inbox.unreadBadge')}</span>
        </span>
      )}
    </Link>
  );
}

function wording(
  item: InboxItem,
  t: ReturnType<typeof useTranslation<'notify'>>['t'],
): { title: string; body: string; tag: string; icon: ReactElement } {
  switch (item.kind) {
    case 'host_live':
      return {
        title: item.hostName ? t('item.hostLive', { host: item.hostName }) : item.title,
        body: item.sessionTitle ? t('item.hostLiveBody', { title: item.sessionTitle }) : item.body,
        tag: t('inbox.live'),
        icon: <LiveIcon />,
      };
    case 'session_reminder':
      return {
        title: item.sessionTitle ? t('item.reminder', { title: item.sessionTitle }) : item.title,
        body: t('item.reminderBody'),
        tag: t('inbox.reminder'),
        icon: <ClockIcon />,
      };
    case 'order_status':
      return {
        title:
          item.orderId && item.orderStatus
            ? t('item.order', {
                ref: orderRef(item.orderId),
                status: t(`orderStatus.${item.orderStatus}`, { defaultValue: item.orderStatus }),
              })
            : item.title,
        body: t('item.orderBody'),
        tag: t('inbox.order'),
        icon: <OrderIcon />,
      };
    case 'campaign_at_risk':
      return {
        title: t('item.campaignAtRisk'),
        body: t('item.campaignAtRiskBody'),
        tag: t('inbox.campaign'),
        icon: <ClockIcon />,
      };
    case 'transfer_held':
      return {
        title: t('item.transferHeld'),
        body: t('item.transferHeldBody'),
        tag: t('inbox.transfer'),
        icon: <OrderIcon />,
      };
  }
}
