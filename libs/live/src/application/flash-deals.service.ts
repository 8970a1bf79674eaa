import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, newId } from '@ocop/kernel';
import { LiveError, planDeal, SessionStatus } from '../domain';
import { FlashDeal, FlashDealsRepository } from '../infrastructure/flash-deals.repository';
import { SessionEntity } from '../infrastructure/session.entity';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { DealAnnouncer } from './deal-announcer';
import { DealEnding, DealEndings } from './deal-endings.service';
import { DealJobs } from './deal-jobs';
import { DealInput } from './inputs';
import { SessionRoles } from './session-roles.service';
import { sessionNotFound } from './session-views';
import { dealView, DealView } from './views';

/** A session's deals in its listing, newest first. */
export const DEALS_LISTED = 200;

/**
 * Flash deals as the host runs them: start (carving the quantity out of the product's stock in the same transaction
 * as the deal), end early, and the public list of a session's deals.
 */
@Injectable()
export class FlashDealsService {
  private readonly log = new Logger(FlashDealsService.name);

  constructor(
    private readonly deals: FlashDealsRepository,
    private readonly sessions: SessionsRepository,
    private readonly roles: SessionRoles,
    private readonly catalogue: CatalogueFacade,
    private readonly endings: DealEndings,
    private readonly jobs: DealJobs,
    private readonly announcer: DealAnnouncer,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The host or a co-host starts a deal on a sellable lineup product of a live session. A deal of the product still
   * running answers 409 DEAL_ALREADY_RUNNING; one past its end that no job has ended yet is ended first.
   */
  async start(userId: string, sessionId: string, input: DealInput): Promise<DealView> {
    const session = await this.requireSession(sessionId);
    await this.roles.assertRunsShow(session, userId);
    assertLive(session.id, session.status);
    if (!(await this.sessions.lineup(sessionId)).includes(input.productId)) {
      throw new LiveError('PRODUCT_NOT_IN_LINEUP', 'Deals are only for products in the session lineup', {
        productId: input.productId,
      });
    }
    const product = await this.catalogue.getSellableProduct(input.productId);
    if (!product) {
      throw new LiveError('LINEUP_PRODUCT_UNAVAILABLE', 'This product is not on sale right now', {
        productId: input.productId,
      });
    }
    const now = this.clock.now();
    const plan = planDeal(
      {
        listPriceVnd: product.priceVnd,
        stock: product.stock,
        priceVnd: input.priceVnd,
        quantity: input.quantity,
        perBuyerLimit: input.perBuyerLimit,
        durationSeconds: input.durationSeconds,
        countdownSeconds: input.countdownSeconds,
      },
      now,
    );
    const id = newId();
    const started = await this.tx.run(async (em) => {
      const status = await this.sessions.statusForShare(em, sessionId);
      if (!status) throw sessionNotFound(sessionId);
      assertLive(sessionId, status);
      let overdue: DealEnding | null = null;
      const running = await this.deals.findRunning(sessionId, product.id, em);
      if (running && running.endsAt.getTime() <= now.getTime()) {
        overdue = await this.endings.endWithin(em, running.id, now, true);
      }
      const deal = await this.deals.insert(em, {
        id,
        sessionId,
        productId: product.id,
        productName: product.name,
        createdBy: userId,
        ...plan,
      });
      if (!deal) {
        const current = await this.deals.findRunning(sessionId, product.id, em);
        throw new LiveError('DEAL_ALREADY_RUNNING', 'A flash deal of this product is already running', {
          productId: product.id,
          dealId: current?.id ?? null,
        });
      }
      // Refused with 409 INSUFFICIENT_STOCK when buyers took the stock since it was read: the deal rolls back.
      const reserved = await this.catalogue.reserveStock(product.id, plan.quantity, {
        manager: em,
        reference: id,
        actorUserId: userId,
      });
      return { deal, overdue, stock: reserved.stock };
    });
    this.log.log(
      { dealId: id, sessionId, productId: product.id, quantity: plan.quantity },
      'Flash deal started',
    );
    if (started.overdue) await this.announcer.now(started.overdue.id);
    await this.jobs.schedule(started.deal);
    await this.announcer.now(id);
    await this.endings.pushStock(product.id, started.stock);
    return dealView(started.deal, this.clock.now());
  }

  /** The host or a co-host ends a deal early; its unsold units go back to the product at once. */
  async end(userId: string, sessionId: string, dealId: string): Promise<DealView> {
    await this.roles.assertRunsShow(await this.requireSession(sessionId), userId);
    const deal = await this.requireDeal(sessionId, dealId);
    if (!(await this.endings.end(dealId, { dueOnly: false, early: true }))) {
      const ended = await this.deals.findById(dealId);
      throw new LiveError('DEAL_ENDED', 'This flash deal has already ended', {
        dealId,
        endedAt: ended?.endedAt?.toISOString() ?? null,
      });
    }
    return dealView((await this.deals.findById(dealId)) ?? deal, this.clock.now());
  }

  /** The session's deals, running and past, newest first. */
  async list(sessionId: string): Promise<DealView[]> {
    await this.requireSession(sessionId);
    const now = this.clock.now();
    return (await this.deals.listBySession(sessionId, DEALS_LISTED)).map((d) => dealView(d, now));
  }

  private async requireSession(sessionId: string): Promise<SessionEntity> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw sessionNotFound(sessionId);
    return session;
  }

  private async requireDeal(sessionId: string, dealId: string): Promise<FlashDeal> {
    const deal = await this.deals.findById(dealId);
    if (!deal || deal.sessionId !== sessionId) {
      throw new LiveError('DEAL_NOT_FOUND', 'No such flash deal in this session', { sessionId, dealId });
    }
    return deal;
  }
}

function assertLive(sessionId: string, status: SessionStatus): void {
  if (status !== 'live') {
    throw new LiveError(
      'SESSION_NOT_LIVE',
      `Flash deals run only while the session is live (it is ${status})`,
      {
        sessionId,
        status,
      },
    );
  }
}
