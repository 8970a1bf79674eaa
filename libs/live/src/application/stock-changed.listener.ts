import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PinsService } from './pins.service';

/** Catalogue's in-process event after a stock change commits (StockService emits it). */
export const STOCK_CHANGED_EVENT = 'catalogue.stock-changed';
export interface StockChanged {
  productId: string;
  stock: number;
}

/** Pushes committed stock changes of pinned products to the rooms pinning them. */
@Injectable()
export class StockChangedListener {
  private readonly log = new Logger(StockChangedListener.name);

  constructor(private readonly pins: PinsService) {}

  @OnEvent(STOCK_CHANGED_EVENT)
  async onStockChanged(event: StockChanged): Promise<void> {
    try {
      await this.pins.stockChanged(event.productId, event.stock);
    } catch (error) {
      this.log.warn(
        { err: error, productId: event.productId },
        'Could not push a stock change to live rooms',
      );
    }
  }
}
