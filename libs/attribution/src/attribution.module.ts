import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { OutboxModule } from '@ocop/db';
import { IdentityModule } from '@ocop/identity';
import { LiveModule } from '@ocop/live';
import { AttributionRecorder } from './application/attribution-recorder.service';
import { ReferralCodesService } from './application/referral-codes.service';
import { SaleContextResolver } from './application/sale-context.service';
import { ShareLinksService } from './application/share-links.service';
import { AttributionRecordsRepository } from './infrastructure/attribution-records.repository';
import { LedgerRepository } from './infrastructure/ledger.repository';
import { SharingRepository } from './infrastructure/sharing.repository';
import { AttributionSubscribers } from './jobs/attribution.subscribers';

const SERVICES = [AttributionRecorder, ReferralCodesService, ShareLinksService];

/**
 * Attribution without HTTP: the recorder that hears orders through the outbox (records, ledger, roll-ups), referral
 * codes and share links. The worker imports it; AttributionHttpModule adds the controllers for the api.
 */
@Module({
  imports: [OutboxModule, IdentityModule, CatalogueModule, LiveModule],
  providers: [
    ...SERVICES,
    SaleContextResolver,
    AttributionSubscribers,
    AttributionRecordsRepository,
    LedgerRepository,
    SharingRepository,
  ],
  exports: SERVICES,
})
export class AttributionModule {}
