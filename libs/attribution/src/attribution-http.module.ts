import { Module } from '@nestjs/common';
import { AttributionModule } from './attribution.module';
import { MySharingController } from './http/my-sharing.controller';
import { ShareLinksController } from './http/share-links.controller';

/** The api's half of attribution: referral codes and share links over HTTP. */
@Module({
  imports: [AttributionModule],
  controllers: [MySharingController, ShareLinksController],
})
export class AttributionHttpModule {}
