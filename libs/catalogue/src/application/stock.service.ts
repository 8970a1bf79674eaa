import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import { IsoDate } from '@ocop/kernel';
import { CatalogueError, isQuantity, isSellable, isStockDelta, MAX_STOCK } from '../domain';
import { ProductsRepository } from '../infrastructure/products.repository';
import { StockMovementKind } from '../infrastructure/stock-movement.entity';
import { CatalogueCalendar } from './catalogue-clock';
import { notFound } from './products.service';
import { ProducersService } from './producers.service';

export interface StockResult {
  productId: string;
  stock: number;
  movementId: string;
}

/** In-process event emitted after a stock change has committed (live pushes it to rooms pinning the product). */
export const STOCK_CHANGED_EVENT = 'catalogue.stock-changed';
export interface StockChangedEvent {
  productId: string;
  stock: number;
}

export interface StockOptions {
  /** Joins the caller's transaction (orders reserve stock in the same transaction as the order). */
  manager?: EntityManager;
  /** What the movement is for (an order id, a session id…), kept in the ledger. */
  reference?: string;
  actorUserId?: string;
}

interface Movement {
  productId: string;
  delta: number;
  kind: StockMovementKind;
  reason: string;
  reference: string | null;
  actorUserId: string | null;
  sellableOn?: IsoDate;
}

/**
 * Stock changes: one conditional UPDATE decides (never read-then-write), and each change appends its ledger row in
 * the same statement (ProductsRepository.changeStockRecorded): one round trip, the shortest hold of a hot row.
 */
@Injectable()
export class StockService {
  private readonly log = new Logger(StockService.name);

  constructor(
    private readonly products: ProductsRepository,
    private readonly producers: ProducersService,
    private readonly calendar: CatalogueCalendar,
    private readonly tx: TransactionRunner,
    private readonly events: EventEmitter2,
  ) {}

  /** A farmer's manual adjustment of their own product (a delivery in, a breakage out). */
  async adjust(ownerUserId: string, productId: string, delta: number, reason: string): Promise<StockResult> {
    if (!isStockDelta(delta))
      throw new CatalogueError('INVALID_QUANTITY', 'delta must be a non-zero whole number');
    const producer = await this.producers.requireOwn(ownerUserId);
    const product = await this.products.findById(productId);
    if (!product || product.producerId !== producer.id) throw notFound(productId);
    const result = await this.tx.run((em) =>
      this.apply(em, {
        productId,
        delta,
        kind: 'adjustment',
        reason: reason.trim(),
        reference: null,
        actorUserId: ownerUserId,
      }),
    );
    this.changed(result);
    return result;
  }

  /** Takes `quantity` units of a sellable product; 409 INSUFFICIENT_STOCK when fewer are left. */
  async reserve(productId: string, quantity: number, options: StockOptions = {}): Promise<StockResult> {
    if (!isQuantity(quantity))
      throw new CatalogueError('INVALID_QUANTITY', 'quantity must be a positive whole number');
    return this.within(options.manager, (em) =>
      this.apply(em, {
        productId,
        delta: -quantity,
        kind: 'reservation',
        reason: 'reserved',
        reference: options.reference ?? null,
        actorUserId: options.actorUserId ?? null,
        sellableOn: this.calendar.today(),
      }),
    );
  }

  /** Gives back `quantity` units (a cancelled or expired reservation), whatever the product's status. */
  async release(productId: string, quantity: number, options: StockOptions = {}): Promise<StockResult> {
    if (!isQuantity(quantity))
      throw new CatalogueError('INVALID_QUANTITY', 'quantity must be a positive whole number');
    return this.within(options.manager, (em) =>
      this.apply(em, {
        productId,
        delta: quantity,
        kind: 'release',
        reason: 'released',
        reference: options.reference ?? null,
        actorUserId: options.actorUserId ?? null,
      }),
    );
  }

  /**
   * Runs in the caller's transaction when given one, else in a transaction of its own. The stock-changed event
   * leaves only after a commit this service can see: for a joined transaction the caller owns the commit, so it
   * is the caller's to announce (never from inside a transaction that may still roll back).
   */
  private async within(
    manager: EntityManager | undefined,
    work: (em: EntityManager) => Promise<StockResult>,
  ): Promise<StockResult> {
    if (manager) return work(manager);
    const result = await this.tx.run(work);
    this.changed(result);
    return result;
  }

  /** Announces a committed change in process; a listener's failure never fails the stock change. */
  changed(result: Pick<StockResult, 'productId' | 'stock'>): void {
    const event: StockChangedEvent = { productId: result.productId, stock: result.stock };
    try {
      this.events.emit(STOCK_CHANGED_EVENT, event);
    } catch (error) {
      this.log.error({ err: error, productId: result.productId }, 'A stock-changed listener failed');
    }
  }

  private async apply(em: EntityManager, m: Movement): Promise<StockResult> {
    const changed = await this.products.changeStockRecorded(
      em,
      { productId: m.productId, delta: m.delta, maxStock: MAX_STOCK, sellableOn: m.sellableOn },
      { kind: m.kind, reason: m.reason, reference: m.reference, actorUserId: m.actorUserId },
    );
    if (changed === null) throw await this.whyNot(em, m);
    return { productId: m.productId, stock: changed.stock, movementId: changed.movementId };
  }

  /** The UPDATE refused: say why (reading now is only for the message; the decision was the database's). */
  private async whyNot(em: EntityManager, m: Movement): Promise<CatalogueError> {
    const product = await this.products.findById(m.productId, em);
    if (!product) return notFound(m.productId);
    if (m.sellableOn && !isSellable(product.status, product.certificateExpiresOn, m.sellableOn)) {
      return new CatalogueError('PRODUCT_NOT_SELLABLE', 'This product is not on sale', {
        productId: m.productId,
      });
    }
    if (m.delta > 0) {
      return new CatalogueError('STOCK_LIMIT_EXCEEDED', `Stock cannot exceed ${MAX_STOCK}`, {
        productId: m.productId,
      });
    }
    return new CatalogueError('INSUFFICIENT_STOCK', 'Not enough stock left', {
      productId: m.productId,
      requested: -m.delta,
      available: product.stock,
    });
  }
}
