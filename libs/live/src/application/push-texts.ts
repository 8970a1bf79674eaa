import type { NotificationKind } from '../infrastructure/notification.entity';

/** What a push says, in the subscription's language (the in-app inbox words items on the client). */
export interface PushMessage {
  title: string;
  body: string;
  /** The app path the notification opens. */
  url: string;
  /** Replaces an earlier push about the same thing on the device. */
  tag: string;
}

const ORDER_STATUS_TEXT: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    pending_payment: 'đang chờ thanh toán',
    confirmed: 'đã được xác nhận',
    shipped: 'đang được giao',
    delivered: 'đã giao thành công',
    cancelled: 'đã bị huỷ',
    expired: 'đã hết hạn thanh toán',
    refund_due: 'đang chờ hoàn tiền',
    refunded: 'đã được hoàn tiền',
  },
  en: {
    pending_payment: 'is waiting for payment',
    confirmed: 'is confirmed',
    shipped: 'is on its way',
    delivered: 'was delivered',
    cancelled: 'was cancelled',
    expired: 'expired unpaid',
    refund_due: 'is due a refund',
    refunded: 'was refunded',
  },
};

export function orderStatusText(locale: 'vi' | 'en', status: string): string {
  return ORDER_STATUS_TEXT[locale][status] ?? status;
}

/** The short reference of an order shown to people (the first 8 characters of its id, upper-cased). */
export function orderRef(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}

export function pushMessage(
  locale: 'vi' | 'en',
  n: {
    id: string;
    kind: NotificationKind;
    sessionId: string | null;
    orderId: string | null;
    orderStatus: string | null;
    dedupeKey?: string | null;
  },
  subject: { sessionTitle: string; hostName: string } | null,
): PushMessage {
  const title = subject?.sessionTitle ?? '';
  const host = subject?.hostName ?? '';
  switch (n.kind) {
    case 'host_live':
      return {
        title: (locale === 'vi' ? `${host} đang phát trực tiếp` : `${host} is live now`).slice(0, 120),
        body: (locale === 'vi' ? `${title}. Vào xem và mua ngay!` : `${title}. Tap to watch and shop.`).slice(0, 240),
        url: `/sessions/${n.sessionId ?? ''}`,
        tag: `session-${n.sessionId ?? n.id}`,
      };
    case 'session_reminder':
      return {
        title: (locale === 'vi' ? `Sắp phát trực tiếp: ${title}` : `Starting now: ${title}`).slice(0, 120),
        body:
          locale === 'vi'
            ? 'Phiên live bạn đăng ký nhắc đang bắt đầu. Vào xem ngay!'
            : 'The live session you asked to be reminded of is starting. Watch now!',
        url: `/sessions/${n.sessionId ?? ''}`,
        tag: `session-${n.sessionId ?? n.id}`,
      };
    case 'campaign_at_risk':
      return {
        title: locale === 'vi' ? 'Sản phẩm chiến dịch chưa có lịch live' : 'Campaign products not yet scheduled',
        body:
          locale === 'vi'
            ? 'Một số sản phẩm của chi đoàn bạn chưa được xếp vào phiên live nào. Chạm để phân công.'
            : 'Some of your branch\'s campaign products are in no session yet. Tap to assign them.',
        url: '/admin/campaigns',
        tag: `campaign-${n.dedupeKey ?? n.id}`,
      };
    case 'transfer_held':
      return {
        title: locale === 'vi' ? 'Có chuyển khoản cần xử lý' : 'A transfer needs your decision',
        body:
          locale === 'vi'
            ? 'Một khoản chuyển khoản không tự xác nhận được đơn hàng. Chạm để hoàn tiền hoặc chấp nhận.'
            : 'A bank transfer could not confirm its order. Tap to refund or accept it.',
        url: '/admin/transfers',
        tag: `transfer-${n.dedupeKey ?? n.id}`,
      };
    case 'order_status': {
      const ref = orderRef(n.orderId ?? n.id);
      const status = orderStatusText(locale, n.orderStatus ?? '');
      return {
        title: locale === 'vi' ? `Đơn hàng ${ref} ${status}` : `Order ${ref} ${status}`,
        body: locale === 'vi' ? 'Chạm để xem chi tiết đơn hàng.' : 'Tap to see the order.',
        url: `/orders/${n.orderId ?? ''}`,
        tag: `order-${n.orderId ?? n.id}`,
      };
    }
  }
}
