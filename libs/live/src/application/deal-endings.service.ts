import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CatalogueFacade } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, isUuid } from '@ocop/kernel';
import { EndedDeal, FlashDealsRepository } from '../infrastructure/flash-deals.repository';
import { DealAnnouncer } from './deal-announcer';
import { DealJobs } from './deal-jobs';
import { PinsService } from './pins.service';

export const DEAL_SWEEP_BATCH = 200;
/** A delayed job may fire a moment before the deal's end by this process's clock: it waits that long, no longer. */
const EARLY_JOB_WAIT_MS = 2_000;

export interface DealEnding extends EndedDeal {
  /** The product's stock after the unsold units went back (null when none did). */
  stock: number | null;
}

/**
 * The end of flash deals, from the delayed job at the end time, the sweeper, the host, or the end of the session.
 * Each ending is one conditional UPDATE (ended_at IS NULL) followed, in the same transaction, by the return of the
 * unsold units to the product's stock: whoever comes first ends the deal, the others find nothing to do.
 */
@Injectable()
export class DealEndings {
  private readonly log = new Logger(DealEndings.name);

  constructor(
    private readonly deals: FlashDealsRepository,
    private readonly catalogue: CatalogueFacade,
    private readonly jobs: DealJobs,
    private readonly announcer: DealAnnouncer,
    private readonly pins: PinsService,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Ends the deal now (or, with `dueOnly`, only if its end time has come), then tells the room and the rooms
   * pinning the product. Null when it had already ended, or is not due.
   */
  async end(dealId: string, options: { dueOnly: boolean; early?: boolean }): Promise<DealEnding | null> {
    if (!isUuid(dealId)) return null;
    const ending = await this.tx.run((em) => this.endWithin(em, dealId, this.clock.now(), options.dueOnly));
    if (!ending) return null;
    this.log.log({ dealId, returned: ending.returned }, 'Flash deal ended');
    if (options.early) await this.jobs.cancel(dealId);
    await this.announcer.now(dealId);
    if (ending.stock !== null) await this.pushStock(ending.productId, ending.stock);
    return ending;
  }

  /** The deal's own transaction step, also used by a start that finds an overdue deal of the same product. */
  async endWithin(
    em: EntityManager,
    dealId: string,
    now: Date,
    dueOnly: boolean,
  ): Promise<DealEnding | null> {
    const ended = await this.deals.markEnded(em, dealId, now, dueOnly);
    if (!ended) return null;
    if (ended.returned === 0) return { ...ended, stock: null };
    const released = await this.catalogue.releaseStock(ended.productId, ended.returned, {
      manager: em,
      reference: dealId,
    });
    return { ...ended, stock: released.stock };
  }

  /** The `deal-end` job: ends the deal at its end time; a job that fires a moment early waits for it. */
  async endOnTime(dealId: string): Promise<boolean> {
    if (!isUuid(dealId)) return false;
    const deal = await this.deals.findById(dealId);
    if (!deal || deal.endedAt) return false;
    const early = deal.endsAt.getTime() - this.clock.now().getTime();
    if (early > 0 && early <= EARLY_JOB_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, early));
    return (await this.end(dealId, { dueOnly: true })) !== null;
  }

  /** The `deal-open` job: the countdown is over, the room hears the deal open. */
  async opened(dealId: string): Promise<void> {
    if (!isUuid(dealId)) return;
    const deal = await this.deals.findById(dealId);
    if (!deal || deal.endedAt) return;
    const early = deal.opensAt.getTime() - this.clock.now().getTime();
    if (early > 0 && early <= EARLY_JOB_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, early));
    await this.announcer.now(dealId);
  }

  /** Safety net (every 10 s and at worker boot): ends deals past their end time or whose session is over. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const due = await this.deals.dueForEnd(this.clock.now(), DEAL_SWEEP_BATCH);
      let ended = 0;
      for (const id of due) if (await this.end(id, { dueOnly: false })) ended++;
      total += ended;
      if (due.length < DEAL_SWEEP_BATCH || ended === 0) return total;
    }
  }

  /** The session has ended: so have its deals. Failures are left to the sweeper. */
  async endForSession(sessionId: string): Promise<number> {
    let ended = 0;
    try {
      for (const id of await this.deals.runningOfSession(sessionId)) {
        if (await this.end(id, { dueOnly: false, early: true })) ended++;
      }
    } catch (error) {
      this.log.warn(
        { err: error, sessionId },
        'Could not end the deals of an ended session; the sweeper will',
      );
    }
    return ended;
  }

  /** Rooms pinning the product hear its new stock (a deal carved units out of it, or gave them back). */
  async pushStock(productId: string, stock: number): Promise<void> {
    try {
      await this.pins.stockChanged(productId, stock);
    } catch (error) {
      this.log.warn({ err: error, productId }, 'Could not push a stock change to live rooms');
    }
  }
}
