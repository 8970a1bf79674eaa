import { Module } from '@nestjs/common';
import { AdminSettlementController, FarmerSettlementController } from './http/settlement.controller';
import {
  AdminRefundPayoutsController,
  FarmerRefundPayoutsController,
} from './http/refund-payouts.controller';
import { SettlementModule } from './settlement.module';

/** /api/farmer/settlement, /api/admin/settlement/producers and the refunds through payOS of orders. */
@Module({
  imports: [SettlementModule],
  controllers: [
    FarmerSettlementController,
    AdminSettlementController,
    FarmerRefundPayoutsController,
    AdminRefundPayoutsController,
  ],
})
export class SettlementHttpModule {}
