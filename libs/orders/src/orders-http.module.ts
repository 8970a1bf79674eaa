import { Module } from '@nestjs/common';
import { FarmerOrdersController } from './http/farmer-orders.controller';
import { OrdersController } from './http/orders.controller';
import { SavedAddressesController } from './http/saved-addresses.controller';
import { OrdersModule } from './orders.module';

@Module({
  imports: [OrdersModule],
  controllers: [OrdersController, FarmerOrdersController, SavedAddressesController],
})
export class OrdersHttpModule {}
