import { Module } from '@nestjs/common';
import { AdminSettlementController, FarmerSettlementController } from './http/settlement.controller';
import { SettlementModule } from './settlement.module';

/** /api/farmer/settlement and /api/admin/settlement/producers. */
@Module({
  imports: [SettlementModule],
  controllers: [FarmerSettlementController, AdminSettlementController],
})
export class SettlementHttpModule {}
