import { Module } from '@nestjs/common';
import { AdminOrdersController } from './http/admin-orders.controller';
import { AdminTransfersController } from './http/admin-transfers.controller';
import { FarmerOrdersController } from './http/farmer-orders.controller';
import { OrdersController } from './http/orders.controller';
import { SavedAddressesController } from './http/saved-addresses.controller';
import {
  CheckoutQuoteController,
  FarmerShippingController,
  WardsController,
} from './http/shipping.controller';
import { OrdersModule } from './orders.module';

@Module({
  imports: [OrdersModule],
  controllers: [
    CheckoutQuoteController,
    OrdersController,
    FarmerOrdersController,
    AdminOrdersController,
    AdminTransfersController,
    FarmerShippingController,
    SavedAddressesController,
    WardsController,
  ],
})
export class OrdersHttpModule {}
