import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@ocop/assets';
import { IdentityModule } from '@ocop/identity';
import { CatalogueFacade } from './application/catalogue.facade';
import { CatalogueCalendar } from './application/catalogue-clock';
import { CatalogueMedia } from './application/catalogue-media';
import { ProductMediaService } from './application/product-media.service';
import { CertificateExpiryService } from './application/certificate-expiry.service';
import { ProductBrowseService } from './application/product-browse.service';
import { ProductReviewService } from './application/product-review.service';
import { ProducersService } from './application/producers.service';
import { ProductsService } from './application/products.service';
import { StockService } from './application/stock.service';
import { StockReconciliation } from './application/stock-reconciliation.service';
import { NotificationsRepository } from './infrastructure/notifications.repository';
import { ProducerNotificationEntity } from './infrastructure/producer-notification.entity';
import { ProducerEntity } from './infrastructure/producer.entity';
import { ProducersRepository } from './infrastructure/producers.repository';
import { ProductStatusChangeEntity } from './infrastructure/product-status-change.entity';
import { ProductEntity } from './infrastructure/product.entity';
import { ProductsRepository } from './infrastructure/products.repository';
import { StockMovementEntity } from './infrastructure/stock-movement.entity';
import { StockMovementsRepository } from './infrastructure/stock-movements.repository';
import { StockReconciliationRepository } from './infrastructure/stock-reconciliation.repository';

export const CATALOGUE_ENTITIES = [
  ProducerEntity,
  ProductEntity,
  StockMovementEntity,
  ProductStatusChangeEntity,
  ProducerNotificationEntity,
];

const SERVICES = [
  CatalogueFacade,
  CatalogueCalendar,
  ProducersService,
  ProductsService,
  ProductReviewService,
  ProductBrowseService,
  StockService,
  StockReconciliation,
  CertificateExpiryService,
  CatalogueMedia,
  ProductMediaService,
];

/** Producers, products, OCOP certificates and stock, without HTTP: other contexts, the worker and the CLI import this. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES), IdentityModule, AssetsModule],
  providers: [
    ...SERVICES,
    ProducersRepository,
    ProductsRepository,
    StockMovementsRepository,
    StockReconciliationRepository,
    NotificationsRepository,
  ],
  exports: SERVICES,
})
export class CatalogueModule {}
