import { Injectable } from '@nestjs/common';
import { CatalogueFacade, ProductView } from '@ocop/catalogue';
import { IdentityFacade } from '@ocop/identity';
import { LiveError } from '../domain';
import { PinsRepository } from '../infrastructure/pins.repository';
import { SessionEntity } from '../infrastructure/session.entity';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { lineupCard, LineupCard, pinnedCard, PinnedProductCard, sessionView, SessionView } from './views';

export function sessionNotFound(sessionId: string): LiveError {
  return new LiveError('SESSION_NOT_FOUND', 'No such session', { sessionId });
}

/** Builds the views of sessions, lineups and pins from rows, the host's name (identity) and products (catalogue). */
@Injectable()
export class SessionViews {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly pinRows: PinsRepository,
    private readonly identity: IdentityFacade,
    private readonly catalogue: CatalogueFacade,
  ) {}

  async require(sessionId: string): Promise<SessionEntity> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw sessionNotFound(sessionId);
    return session;
  }

  async view(session: SessionEntity): Promise<SessionView> {
    const [host, lineup] = await Promise.all([
      this.identity.findUser(session.hostUserId),
      this.sessions.lineup(session.id),
    ]);
    return sessionView(session, host?.displayName ?? '', lineup);
  }

  async views(sessions: SessionEntity[]): Promise<SessionView[]> {
    const lineups = await this.sessions.lineups(sessions.map((s) => s.id));
    const hostIds = [...new Set(sessions.map((s) => s.hostUserId))];
    const hosts = new Map(
      await Promise.all(
        hostIds.map(async (id) => [id, (await this.identity.findUser(id))?.displayName ?? ''] as const),
      ),
    );
    return sessions.map((s) => sessionView(s, hosts.get(s.hostUserId) ?? '', lineups.get(s.id) ?? []));
  }

  async pins(sessionId: string): Promise<PinnedProductCard[]> {
    const rows = await this.pinRows.list(sessionId);
    const products = await this.products(rows.map((r) => r.productId));
    return rows.flatMap((r) => {
      const product = products.get(r.productId);
      return product ? [pinnedCard(product, r.pinnedAt)] : [];
    });
  }

  async lineupCards(sessionId: string, lineup: string[], pinned: PinnedProductCard[]): Promise<LineupCard[]> {
    const [products, limits] = await Promise.all([
      this.products(lineup),
      this.sessions.listingLimits(sessionId),
    ]);
    const pinnedIds = new Set(pinned.map((p) => p.productId));
    return lineup.flatMap((id) => {
      const product = products.get(id);
      return product ? [lineupCard(product, pinnedIds.has(id), limits.get(id) ?? null)] : [];
    });
  }

  private async products(ids: string[]): Promise<Map<string, ProductView>> {
    const found = await Promise.all(ids.map((id) => this.catalogue.findProduct(id)));
    return new Map(found.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  }
}
