import { Module } from '@nestjs/common';
import { IdentityModule } from '@ocop/identity';
import { CatalogueModule } from './catalogue.module';
import { AdminProductsController } from './http/admin-products.controller';
import { FarmerMediaController } from './http/farmer-media.controller';
import { ProducersController } from './http/producers.controller';
import { ProductsController } from './http/products.controller';
import { ProvincesController } from './http/provinces.controller';

@Module({
  imports: [CatalogueModule, IdentityModule],
  controllers: [
    ProducersController,
    ProductsController,
    AdminProductsController,
    ProvincesController,
    FarmerMediaController,
  ],
})
export class CatalogueHttpModule {}
