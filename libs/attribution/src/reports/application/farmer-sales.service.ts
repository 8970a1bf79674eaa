import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@ocop/kernel';
import { resolvePeriod } from '../domain';
import { SalesGroup, SalesRepository } from '../infrastructure/sales.repository';
import { PeriodInput } from './branch-totals.service';
import { FarmerSalesView } from './views';

export interface FarmerSalesInput extends PeriodInput {
  groupBy: SalesGroup;
  productId?: string;
  sessionId?: string;
}

/** A farmer's own sales per product, session or branch: only the producers the caller owns, nobody else's. */
@Injectable()
export class FarmerSalesService {
  constructor(
    private readonly repo: SalesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sales(ownerUserId: string, input: FarmerSalesInput): Promise<FarmerSalesView> {
    const period = resolvePeriod(input, this.clock.now());
    const { rows, total } = await this.repo.farmerSales(ownerUserId, input.groupBy, period, {
      productId: input.productId,
      sessionId: input.sessionId,
    });
    return {
      ...period,
      groupBy: input.groupBy,
      total,
      rows: rows.map((r) => ({ id: r.id, name: r.name, ...r.figures })),
    };
  }
}
