import { Module } from '@nestjs/common';
import { FarmerOrdersController } from './http/farmer-orders.controller';
import { OrdersController } from './http/orders.controller';
import { OrdersModule } from './orders.module';

@Module({
  imports: [OrdersModule],
  controllers: [OrdersController, FarmerOrdersController],
})
export class OrdersHttpModule {}
