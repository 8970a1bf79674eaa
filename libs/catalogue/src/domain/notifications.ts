import { daysBetween, IsoDate } from '@ocop/kernel';

export const NOTIFICATION_KINDS = ['certificate_expiring', 'certificate_expired'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationText {
  vi: string;
  en: string;
}

function vnDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The bilingual message a producer reads about a product's certificate. */
export function certificateMessage(
  kind: NotificationKind,
  productName: string,
  expiresOn: IsoDate,
  days: number,
): NotificationText {
  switch (kind) {
    case 'certificate_expiring':
      return {
        vi: `Chứng nhận OCOP của sản phẩm "${productName}" sẽ hết hạn vào ngày ${vnDate(expiresOn)} (còn ${days} ngày). Vui lòng gia hạn để tiếp tục bán.`,
        en: `The OCOP certificate of "${productName}" expires on ${expiresOn} (in ${days} days). Renew it to keep selling.`,
      };
    case 'certificate_expired':
      return {
        vi: `Chứng nhận OCOP của sản phẩm "${productName}" đã hết hạn vào ngày ${vnDate(expiresOn)}. Sản phẩm tạm ngừng bán cho đến khi có chứng nhận mới.`,
        en: `The OCOP certificate of "${productName}" expired on ${expiresOn}. The product cannot be sold until it has a new certificate.`,
      };
  }
}

/** Which warning, if any, a scan on `today` owes a product whose certificate expires on `expiresOn`. */
export function dueCertificateWarning(
  expiresOn: IsoDate,
  today: IsoDate,
  warningDays: number,
  already: { expiringWarned: boolean; expiredWarned: boolean },
): NotificationKind | null {
  if (today > expiresOn) return already.expiredWarned ? null : 'certificate_expired';
  const days = daysBetween(today, expiresOn);
  if (days <= warningDays && !already.expiringWarned) return 'certificate_expiring';
  return null;
}
