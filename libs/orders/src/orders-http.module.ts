import { Module } from '@nestjs/common';
import { OrdersController } from './http/orders.controller';
import { OrdersModule } from './orders.module';

@Module({
  imports: [OrdersModule],
  controllers: [OrdersController],
})
export class OrdersHttpModule {}
