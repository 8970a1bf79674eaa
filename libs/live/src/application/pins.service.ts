import { Inject, Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK } from '@ocop/kernel';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import { checkPin, isOpen, LiveError } from '../domain';
import { PinEventsRepository } from '../infrastructure/pin-events.repository';
import { PinsRepository } from '../infrastructure/pins.repository';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { SessionRoles } from './session-roles.service';
import { sessionNotFound, SessionViews } from './session-views';
import { PinEvent, PinnedProductCard } from './views';

/**
 * Pinned products (at most 3 at a time), pushed to the session room on every change. The limit is checked under
 * the session's row lock, so two co-hosts pinning at once cannot both take the third slot.
 */
@Injectable()
export class PinsService {
  constructor(
    private readonly pinRows: PinsRepository,
    private readonly pinEvents: PinEventsRepository,
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly catalogue: CatalogueFacade,
    private readonly emitter: RealtimeEmitter,
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async pin(userId: string, sessionId: string, productId: string): Promise<PinnedProductCard[]> {
    await this.roles.assertRunsShow(await this.views.require(sessionId), userId);
    const changed = await this.tx.run(async (em) => {
      const session = await this.sessions.lock(em, sessionId);
      if (!session) throw sessionNotFound(sessionId);
      assertPinnable(session.id, session.status);
      const lineup = await this.sessions.lineup(sessionId, em);
      const pinned = (await this.pinRows.list(sessionId, em)).map((p) => p.productId);
      if (checkPin(productId, lineup, pinned) === 'already_pinned') return false;
      if (!(await this.catalogue.getSellableProduct(productId))) {
        throw new LiveError('LINEUP_PRODUCT_UNAVAILABLE', 'This product is not on sale right now', {
          productId,
        });
      }
      const now = this.clock.now();
      await this.pinRows.insert(em, { sessionId, productId, pinnedBy: userId, pinnedAt: now });
      await this.pinEvents.append(em, { sessionId, productId, kind: 'pin', byUserId: userId, at: now });
      return true;
    });
    return this.publish(sessionId, changed);
  }

  async unpin(userId: string, sessionId: string, productId: string): Promise<PinnedProductCard[]> {
    await this.roles.assertRunsShow(await this.views.require(sessionId), userId);
    const changed = await this.tx.run(async (em) => {
      const session = await this.sessions.lock(em, sessionId);
      if (!session) throw sessionNotFound(sessionId);
      assertPinnable(session.id, session.status);
      const removed = await this.pinRows.remove(em, sessionId, productId);
      if (removed) {
        await this.pinEvents.append(em, {
          sessionId,
          productId,
          kind: 'unpin',
          byUserId: userId,
          at: this.clock.now(),
        });
      }
      return removed;
    });
    return this.publish(sessionId, changed);
  }

  async list(sessionId: string): Promise<PinnedProductCard[]> {
    await this.views.require(sessionId);
    return this.views.pins(sessionId);
  }

  /** Every pin and unpin of the session in time, for a replay to show the pins as they were. */
  async history(sessionId: string): Promise<PinEvent[]> {
    await this.views.require(sessionId);
    return (await this.pinEvents.list(sessionId)).map((e) => ({
      productId: e.productId,
      kind: e.kind,
      at: e.at.toISOString(),
    }));
  }

  /** A committed stock change: every open session pinning the product hears the new stock. */
  async stockChanged(productId: string, stock: number): Promise<number> {
    const sessionIds = await this.pinRows.openSessionsPinning(productId);
    for (const sessionId of sessionIds) {
      this.emitter.emit(rooms.session(sessionId), 'pins:stock', { sessionId, productId, stock });
    }
    return sessionIds.length;
  }

  private async publish(sessionId: string, changed: boolean): Promise<PinnedProductCard[]> {
    const pins = await this.views.pins(sessionId);
    if (changed) this.emitter.emit(rooms.session(sessionId), 'pins:update', { sessionId, pins });
    return pins;
  }
}

function assertPinnable(sessionId: string, status: Parameters<typeof isOpen>[0]): void {
  if (!isOpen(status)) {
    throw new LiveError(
      'SESSION_CLOSED',
      `Products can be pinned only before or during the session (it is ${status})`,
      {
        sessionId,
        status,
      },
    );
  }
}
