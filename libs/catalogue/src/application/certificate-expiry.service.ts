import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { addDays, daysBetween, IsoDate } from '@ocop/kernel';
import { certificateMessage, dueCertificateWarning } from '../domain';
import { NotificationsRepository } from '../infrastructure/notifications.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueCalendar } from './catalogue-clock';

export interface ExpiryScanResult {
  asOf: IsoDate;
  expiring: number;
  expired: number;
}

const BATCH = 500;

/**
 * Warns producers of active products whose certificate expires within the warning window (once per certificate),
 * and once more when it has expired. Idempotent: the warning marker is claimed by a conditional UPDATE in the
 * same transaction as the notification, so scans that run twice or at once warn once.
 */
@Injectable()
export class CertificateExpiryService {
  private readonly log = new Logger(CertificateExpiryService.name);

  constructor(
    private readonly products: ProductsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly calendar: CatalogueCalendar,
    private readonly tx: TransactionRunner,
  ) {}

  async scan(asOf: IsoDate = this.calendar.today()): Promise<ExpiryScanResult> {
    const warningDays = this.calendar.warningDays;
    const until = addDays(asOf, warningDays);
    const result: ExpiryScanResult = { asOf, expiring: 0, expired: 0 };
    let after: { expiresOn: IsoDate; id: string } | null = null;
    for (;;) {
      const due = await this.products.findDueForWarning(asOf, until, after, BATCH);
      if (due.length === 0) break;
      for (const product of due) {
        after = { expiresOn: product.certificateExpiresOn, id: product.id };
        const kind = dueCertificateWarning(product.certificateExpiresOn, asOf, warningDays, {
          expiringWarned: product.expiringWarnedAt !== null,
          expiredWarned: product.expiredWarnedAt !== null,
        });
        if (!kind) continue;
        const warned = await this.tx.run(async (em) => {
          const claimed = await this.products.claimWarning(
            em,
            product.id,
            kind === 'certificate_expiring' ? 'expiring' : 'expired',
            product.certificateExpiresOn,
            this.calendar.now(),
          );
          if (!claimed) return false;
          const text = certificateMessage(
            kind,
            product.name,
            product.certificateExpiresOn,
            daysBetween(asOf, product.certificateExpiresOn),
          );
          return this.notifications.insertOnce(em, {
            producerId: product.producerId,
            kind,
            productId: product.id,
            certificateExpiresOn: product.certificateExpiresOn,
            messageVi: text.vi,
            messageEn: text.en,
          });
        });
        if (warned && kind === 'certificate_expiring') result.expiring++;
        if (warned && kind === 'certificate_expired') result.expired++;
      }
    }
    this.log.log(
      `Certificate expiry scan as of ${asOf}: ${result.expiring} expiring, ${result.expired} expired`,
    );
    return result;
  }
}
