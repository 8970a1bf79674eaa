import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ocop/db';
import { assertListingLimits, isOpen, LiveError } from '../domain';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { SessionRoles } from './session-roles.service';
import { sessionNotFound, SessionViews } from './session-views';
import { LineupCard } from './views';

/** Changes to one lineup product while the session is upcoming or on air: its per-buyer limit. */
@Injectable()
export class LineupService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly tx: TransactionRunner,
  ) {}

  /** The host or a co-host sets (1..99) or lifts (null) how many units one buyer may take in the session. */
  async setPerBuyerLimit(
    userId: string,
    sessionId: string,
    productId: string,
    perBuyerLimit: number | null,
  ): Promise<LineupCard> {
    await this.roles.assertRunsShow(await this.views.require(sessionId), userId);
    await this.tx.run(async (em) => {
      const session = await this.sessions.lock(em, sessionId);
      if (!session) throw sessionNotFound(sessionId);
      if (!isOpen(session.status)) {
        throw new LiveError(
          'SESSION_CLOSED',
          `Limits change only before or during the session (it is ${session.status})`,
          { sessionId, status: session.status },
        );
      }
      const lineup = await this.sessions.lineup(sessionId, em);
      if (!lineup.includes(productId)) {
        throw new LiveError('PRODUCT_NOT_IN_LINEUP', 'This product is not in the session lineup', {
          productId,
        });
      }
      const limit = { productId, perBuyerLimit };
      assertListingLimits(lineup, [limit]);
      await this.sessions.setListingLimits(em, sessionId, [limit]);
    });
    const cards = await this.views.lineupCards(sessionId, [productId], await this.views.pins(sessionId));
    const card = cards[0];
    if (!card)
      throw new LiveError('PRODUCT_NOT_IN_LINEUP', 'This product is not in the session lineup', {
        productId,
      });
    return card;
  }
}
