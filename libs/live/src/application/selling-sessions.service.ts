import { Inject, Injectable } from '@nestjs/common';
import { CatalogueError, CatalogueFacade } from '@ocop/catalogue';
import { Clock, CLOCK } from '@ocop/kernel';
import { SellingSessionsRepository } from '../infrastructure/selling-sessions.repository';
import { SessionViews } from './session-views';
import { SessionView } from './views';

/** A replay sells for 7 days after its session ended (PRODUCT.md, attribution; the checkout applies the same). */
export const REPLAY_SELLS_FOR_MS = 7 * 24 * 3600 * 1000;
/** The most sessions of each kind a product or producer page lists. */
const PAGE_LIMIT = 12;

/** A session that sells the product: for a live one, whether its host shows the product right now. */
export interface SellingSessionView extends SessionView {
  /** Pinned in the room right now ("being shown"); false for upcoming sessions and replays. */
  pinnedNow: boolean;
  /** Until when a purchase from the replay is credited to it (ended sessions only). */
  replaySellsUntil: string | null;
}

/** Where a product can be bought: the live rooms selling it now, the next session, and the replays still open. */
export interface ProductSessionsView {
  productId: string;
  /** Live sessions whose lineup has the product, those pinning it first, then the latest started. */
  liveNow: SellingSessionView[];
  /** The next scheduled session whose lineup has it, or null. */
  nextSession: SellingSessionView | null;
  /** Ended sessions whose replay still sells it (within 7 days of their end), latest first. */
  replays: SellingSessionView[];
}

/** A producer's sessions: those whose lineup holds any of the producer's products. */
export interface ProducerSessionsView {
  producerId: string;
  live: SessionView[];
  upcoming: SessionView[];
  /** Recent replays (the latest first), whether or not they still sell. */
  replays: SessionView[];
}

/** Public reads for the product and producer pages: which sessions sell what, now and next. */
@Injectable()
export class SellingSessionsService {
  constructor(
    private readonly repo: SellingSessionsRepository,
    private readonly views: SessionViews,
    private readonly catalogue: CatalogueFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async forProduct(productId: string): Promise<ProductSessionsView> {
    const product = await this.catalogue.getSellableProduct(productId);
    if (!product) throw new CatalogueError('PRODUCT_NOT_FOUND', 'No such product', { productId });
    const now = this.clock.now();
    const ids = [productId];
    const [live, upcoming, ended] = await Promise.all([
      this.repo.withProducts(ids, 'live', PAGE_LIMIT),
      this.repo.withProducts(ids, 'scheduled', 1),
      this.repo.withProducts(ids, 'ended', PAGE_LIMIT, new Date(now.getTime() - REPLAY_SELLS_FOR_MS)),
    ]);
    const [pinning, liveViews, upcomingViews, endedViews] = await Promise.all([
      this.repo.pinning(
        live.map((s) => s.id),
        productId,
      ),
      this.views.views(live),
      this.views.views(upcoming),
      this.views.views(ended),
    ]);
    const selling = (view: SessionView): SellingSessionView => ({
      ...view,
      pinnedNow: view.status === 'live' && pinning.has(view.id),
      replaySellsUntil:
        view.status === 'ended' && view.endedAt
          ? new Date(Date.parse(view.endedAt) + REPLAY_SELLS_FOR_MS).toISOString()
          : null,
    });
    const liveNow = liveViews.map(selling);
    // Stable: a room showing the product now comes before rooms that only have it in their lineup.
    liveNow.sort((a, b) => Number(b.pinnedNow) - Number(a.pinnedNow));
    return {
      productId,
      liveNow,
      nextSession: upcomingViews[0] ? selling(upcomingViews[0]) : null,
      replays: endedViews.map(selling),
    };
  }

  async forProducer(producerId: string): Promise<ProducerSessionsView> {
    const producer = await this.catalogue.findProducer(producerId);
    if (!producer) throw new CatalogueError('PRODUCER_NOT_FOUND', 'No such producer', { producerId });
    const ids = await this.catalogue.productIdsOfProducer(producerId);
    const [live, upcoming, ended] = await Promise.all([
      this.repo.withProducts(ids, 'live', PAGE_LIMIT),
      this.repo.withProducts(ids, 'scheduled', PAGE_LIMIT),
      this.repo.withProducts(ids, 'ended', PAGE_LIMIT),
    ]);
    const [liveViews, upcomingViews, endedViews] = await Promise.all([
      this.views.views(live),
      this.views.views(upcoming),
      this.views.views(ended),
    ]);
    return { producerId, live: liveViews, upcoming: upcomingViews, replays: endedViews };
  }
}
