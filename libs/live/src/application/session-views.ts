import { Inject, Injectable } from '@nestjs/common';
import { AssetsService } from '@ocop/assets';
import { CatalogueFacade, ProductView } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { IdentityFacade } from '@ocop/identity';
import { framesOf, LiveError, Playback, playbackOf, StreamFrame } from '../domain';
import { SessionStreamEntity } from '../infrastructure/session-stream.entity';
import { StreamsRepository } from '../infrastructure/streams.repository';
import { PinsRepository } from '../infrastructure/pins.repository';
import { SessionEntity } from '../infrastructure/session.entity';
import { SessionsRepository } from '../infrastructure/sessions.repository';
import { StaffRepository } from '../infrastructure/staff.repository';
import {
  lineupCard,
  LineupCard,
  pinnedCard,
  PinnedProductCard,
  sessionView,
  SessionView,
  ShowingProduct,
  StaffView,
} from './views';

export function sessionNotFound(sessionId: string): LiveError {
  return new LiveError('SESSION_NOT_FOUND', 'No such session', { sessionId });
}

/** Builds the views of sessions, lineups and pins from rows, the host's name (identity) and products (catalogue). */
@Injectable()
export class SessionViews {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly pinRows: PinsRepository,
    private readonly staffRows: StaffRepository,
    private readonly identity: IdentityFacade,
    private readonly catalogue: CatalogueFacade,
    private readonly streams: StreamsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetsService,
  ) {}

  async require(sessionId: string): Promise<SessionEntity> {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw sessionNotFound(sessionId);
    return session;
  }

  async view(session: SessionEntity): Promise<SessionView> {
    const [host, lineup, stream, covers, branchNames] = await Promise.all([
      this.identity.findUser(session.hostUserId),
      this.sessions.lineup(session.id),
      this.streams.find(session.id),
      this.covers([session]),
      this.branchNames([session]),
    ]);
    return sessionView(
      session,
      host?.displayName ?? '',
      lineup,
      this.playback(session, stream),
      covers.get(session.coverAssetId ?? '') ?? null,
      this.frames(session, stream),
      branchNames.get(session.branchId) ?? '',
    );
  }

  async views(sessions: SessionEntity[]): Promise<SessionView[]> {
    const ids = sessions.map((s) => s.id);
    const [lineups, streams, covers, branchNames] = await Promise.all([
      this.sessions.lineups(ids),
      this.streams.findMany(ids),
      this.covers(sessions),
      this.branchNames(sessions),
    ]);
    const hostIds = [...new Set(sessions.map((s) => s.hostUserId))];
    const hosts = new Map(
      await Promise.all(
        hostIds.map(async (id) => [id, (await this.identity.findUser(id))?.displayName ?? ''] as const),
      ),
    );
    return sessions.map((s) =>
      sessionView(
        s,
        hosts.get(s.hostUserId) ?? '',
        lineups.get(s.id) ?? [],
        this.playback(s, streams.get(s.id) ?? null),
        covers.get(s.coverAssetId ?? '') ?? null,
        this.frames(s, streams.get(s.id) ?? null),
        branchNames.get(s.branchId) ?? '',
      ),
    );
  }

  /** The product each session's card shows: the latest pin of a live session, else the lineup's first product. */
  async showing(views: SessionView[]): Promise<Map<string, ShowingProduct>> {
    const picks = await Promise.all(
      views.map(async (v) => {
        const pins = v.status === 'live' ? await this.pinRows.list(v.id) : [];
        const latest = pins.reduce<(typeof pins)[number] | undefined>(
          (best, pin) => (!best || pin.pinnedAt > best.pinnedAt ? pin : best),
          undefined,
        );
        const productId = latest?.productId ?? v.lineup[0];
        return productId ? ([v.id, productId, latest !== undefined] as const) : null;
      }),
    );
    const chosen = picks.flatMap((p) => (p ? [p] : []));
    const products = await this.products([...new Set(chosen.map(([, productId]) => productId))]);
    return new Map(
      chosen.flatMap(([sessionId, productId, pinned]) => {
        const p = products.get(productId);
        return p
          ? [
              [
                sessionId,
                { productId, name: p.name, priceVnd: p.priceVnd, image: p.photos[0] ?? null, pinned },
              ] as const,
            ]
          : [];
      }),
    );
  }

  private async branchNames(sessions: SessionEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(sessions.map((s) => s.branchId))];
    const found = await Promise.all(ids.map((id) => this.identity.findBranch(id)));
    return new Map(found.flatMap((b) => (b ? [[b.id, b.name] as const] : [])));
  }

  private covers(sessions: SessionEntity[]) {
    return this.assets.views(sessions.flatMap((s) => (s.coverAssetId ? [s.coverAssetId] : [])));
  }

  /** What the web player is told (never the stream key). */
  playback(session: SessionEntity, stream: SessionStreamEntity | null): Playback | null {
    return playbackOf(
      session,
      stream && { startedAt: stream.recordingStartedAt, deletedAt: stream.recordingDeletedAt },
      this.config.MEDIA_PUBLIC_URL,
    );
  }

  /** The live thumbnail and the replay's poster the media app grabbed. */
  frames(
    session: SessionEntity,
    stream: SessionStreamEntity | null,
  ): { thumbnail: StreamFrame | null; poster: StreamFrame | null } {
    return framesOf(
      session,
      stream && {
        thumbnailCapturedAt: stream.thumbnailCapturedAt,
        posterCapturedAt: stream.posterCapturedAt,
        deletedAt: stream.recordingDeletedAt,
      },
      this.config.MEDIA_PUBLIC_URL,
    );
  }

  async pins(sessionId: string): Promise<PinnedProductCard[]> {
    const rows = await this.pinRows.list(sessionId);
    const products = await this.products(rows.map((r) => r.productId));
    return rows.flatMap((r) => {
      const product = products.get(r.productId);
      return product ? [pinnedCard(product, r.pinnedAt)] : [];
    });
  }

  /** Co-hosts and moderators with their display names, in the order they were appointed. */
  async staff(sessionId: string): Promise<StaffView[]> {
    const rows = await this.staffRows.list(sessionId);
    return Promise.all(
      rows.map(async (r) => ({
        userId: r.userId,
        displayName: (await this.identity.findUser(r.userId))?.displayName ?? '',
        role: r.role,
        appointedAt: r.createdAt.toISOString(),
      })),
    );
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

  /** Products by id (those the catalogue still has). */
  async products(ids: string[]): Promise<Map<string, ProductView>> {
    const found = await Promise.all(ids.map((id) => this.catalogue.findProduct(id)));
    return new Map(found.flatMap((p) => (p ? [[p.id, p] as const] : [])));
  }
}
