import { api, unwrap, type Schema } from '../../api/client';

export type InboxItem = Schema<'NotificationResponse'>;

/** Query keys of the inbox: invalidating ['notify'] refreshes the bell and the page together. */
export const notifyKeys = {
  all: ['notify'] as const,
  unread: ['notify', 'unread'] as const,
  inbox: (pageSize: number) => ['notify', 'inbox', pageSize] as const,
  follow: (hostUserId: string) => ['notify', 'follow', hostUserId] as const,
};

export async function fetchUnread(): Promise<number> {
  return unwrap(await api.GET('/api/me/notifications/unread')).unread;
}

/** Where an item leads: its session (live room or replay) or its order. */
export function itemLink(item: InboxItem): string {
  if (item.kind === 'order_status' && item.orderId) return `/orders/${item.orderId}`;
  if (item.kind === 'campaign_at_risk') return '/campaigns';
  if (item.kind === 'transfer_held') return '/admin/transfers';
  return item.sessionId ? `/sessions/${item.sessionId}` : '/';
}

/** The short reference of an order shown to people (as the api words it). */
export function orderRef(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}
