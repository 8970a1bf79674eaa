import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { StockDrift, StockReconciliationRepository } from '../infrastructure/stock-reconciliation.repository';
import { StockService } from './stock.service';

/** What the stock check found, and what it put right. */
export interface StockCheck {
  found: StockDrift[];
  repaired: number;
}

/** At most this many drifted products are reported and repaired per run (the next run takes the rest). */
const MAX_PER_RUN = 1_000;

/**
 * "Stock equals its ledger": a product's stock column is the sum of its append-only movements. The ledger is the
 * record (it is never edited); a column that differs from it was written around the ledger, and is set back to the
 * ledger's sum, the change announced to the rooms showing the product.
 */
@Injectable()
export class StockReconciliation {
  private readonly log = new Logger(StockReconciliation.name);

  constructor(
    private readonly rows: StockReconciliationRepository,
    private readonly tx: TransactionRunner,
    private readonly stock: StockService,
  ) {}

  async check(options: { repair: boolean }): Promise<StockCheck> {
    const found = await this.rows.drifted(MAX_PER_RUN);
    let repaired = 0;
    if (!options.repair) return { found, repaired };
    for (const drift of found) {
      const fixed = await this.tx.run((em) => this.rows.resetToLedger(em, drift.productId));
      if (!fixed) continue;
      repaired++;
      this.log.warn({ reconciliation: 'stock', ...fixed }, 'Stock set back to its ledger');
      this.stock.changed({ productId: fixed.productId, stock: fixed.ledger });
    }
    return { found, repaired };
  }
}
