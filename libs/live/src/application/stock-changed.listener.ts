import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PinsService } from './pins.service';

/** Catalogue's in-process event after a stock change commits (StockService emits it). */
export const STOCK_CHANGED_EVENT = 'catalogue.stock-changed';
export interface StockChanged {
  productId: string;
  stock: number;
}

/** Stock changes of one product within this window go to the rooms as one message (the latest stock). */
export const STOCK_PUSH_WINDOW_MS = 200;

/**
 * Pushes committed stock changes of pinned products to the rooms pinning them. During a flash sale a product's
 * stock changes a hundred times a second: the changes of each product are coalesced over STOCK_PUSH_WINDOW_MS and
 * the latest one is pushed, so the rooms still see it within a second at a fraction of the cost.
 */
@Injectable()
export class StockChangedListener implements OnModuleDestroy {
  private readonly log = new Logger(StockChangedListener.name);
  private readonly pending = new Map<string, { stock: number; timer: NodeJS.Timeout }>();

  constructor(private readonly pins: PinsService) {}

  @OnEvent(STOCK_CHANGED_EVENT)
  onStockChanged(event: StockChanged): void {
    const waiting = this.pending.get(event.productId);
    if (waiting) {
      waiting.stock = event.stock;
      return;
    }
    const timer = setTimeout(() => void this.flush(event.productId), STOCK_PUSH_WINDOW_MS);
    timer.unref();
    this.pending.set(event.productId, { stock: event.stock, timer });
  }

  onModuleDestroy(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async flush(productId: string): Promise<void> {
    const change = this.pending.get(productId);
    this.pending.delete(productId);
    if (!change) return;
    try {
      await this.pins.stockChanged(productId, change.stock);
    } catch (error) {
      this.log.warn({ err: error, productId }, 'Could not push a stock change to live rooms');
    }
  }
}
