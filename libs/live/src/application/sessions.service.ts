import { Inject, Injectable, Logger } from '@nestjs/common';
import { AssetsService } from '@ocop/assets';
import { CatalogueFacade } from '@ocop/catalogue';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { IdentityFacade } from '@ocop/identity';
import { Clock, CLOCK, Page } from '@ocop/kernel';
import { RealtimeEmitter, rooms } from '@ocop/realtime';
import {
  assertLineup,
  assertListingLimits,
  assertStartTime,
  isEditable,
  LiveError,
  nextSessionStatus,
  parseExternalStream,
  SessionAction,
} from '../domain';
import { ExclusionsRepository } from '../infrastructure/exclusions.repository';
import { PinEventsRepository } from '../infrastructure/pin-events.repository';
import { LineupItem, SessionsRepository } from '../infrastructure/sessions.repository';
import { SessionEntity } from '../infrastructure/session.entity';
import { DealEndings } from './deal-endings.service';
import { SessionInput, SessionListQuery, SessionPatch } from './inputs';
import { PresenceService } from './presence.service';
import { ReminderJobs } from './reminder-jobs';
import { SessionRoles } from './session-roles.service';
import { sessionNotFound, SessionViews } from './session-views';
import type { SessionChangedPayload } from '../live.events';
import { SessionDetail, SessionListItem, SessionView } from './views';

/** What each lifecycle action announces as the session's change. */
const CHANGE_OF: Readonly<Record<SessionAction, SessionChangedPayload['change']>> = {
  go_live: 'live',
  end: 'ended',
  cancel: 'cancelled',
};

/** Scheduling, editing, the lifecycle (go live, end, cancel) and public reads of sessions. */
@Injectable()
export class SessionsService {
  private readonly log = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly views: SessionViews,
    private readonly roles: SessionRoles,
    private readonly identity: IdentityFacade,
    private readonly catalogue: CatalogueFacade,
    private readonly jobs: ReminderJobs,
    private readonly presence: PresenceService,
    private readonly dealEndings: DealEndings,
    private readonly emitter: RealtimeEmitter,
    private readonly tx: TransactionRunner,
    private readonly pinEvents: PinEventsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly assets: AssetsService,
    private readonly outbox: OutboxWriter,
    private readonly exclusions: ExclusionsRepository,
  ) {}

  /** A streamer (a member of a branch now) schedules a session; the host's branch and its path are snapshotted. */
  async schedule(hostUserId: string, input: SessionInput): Promise<SessionView> {
    const now = this.clock.now();
    const startAt = new Date(input.scheduledStartAt);
    assertStartTime(startAt, now);
    assertLineup(input.lineup);
    assertListingLimits(input.lineup, input.perBuyerLimits ?? []);
    const membership = await this.identity.membershipAt(hostUserId, now);
    if (!membership) {
      throw new LiveError(
        'STREAMER_MEMBERSHIP_REQUIRED',
        'Only approved streamers (members of a Youth Union branch) can schedule sessions',
      );
    }
    const externalStreamUrl =
      input.externalStreamUrl !== undefined ? parseExternalStream(input.externalStreamUrl).url : null;
    const items = await this.lineupItems(input.lineup);
    const path =
      membership.path.at(-1) === membership.branchId
        ? membership.path
        : [...membership.path, membership.branchId];
    const session = await this.tx.run(async (em) => {
      if (input.coverAssetId) await this.assets.claim(em, hostUserId, 'session-cover', [input.coverAssetId]);
      const created = await this.sessions.insert(em, {
        hostUserId,
        branchId: membership.branchId,
        branchPath: path,
        title: input.title,
        description: input.description ?? '',
        scheduledStartAt: startAt,
        coverAssetId: input.coverAssetId ?? null,
        externalStreamUrl,
      });
      await this.sessions.replaceLineup(em, created.id, items);
      await this.sessions.setListingLimits(em, created.id, input.perBuyerLimits ?? []);
      await this.announceChange(em, created, 'scheduled');
      return created;
    });
    await this.jobs.schedule(session.id, startAt);
    return this.views.view(session);
  }

  /** The host edits a session that has not started. */
  async update(userId: string, sessionId: string, patch: SessionPatch): Promise<SessionView> {
    const current = await this.views.require(sessionId);
    this.roles.assertHost(current, userId);
    const startAt = patch.scheduledStartAt !== undefined ? new Date(patch.scheduledStartAt) : undefined;
    if (startAt) assertStartTime(startAt, this.clock.now());
    const externalStreamUrl =
      typeof patch.externalStreamUrl === 'string'
        ? parseExternalStream(patch.externalStreamUrl).url
        : patch.externalStreamUrl;
    let items: LineupItem[] | undefined;
    if (patch.lineup !== undefined) {
      assertLineup(patch.lineup);
      items = await this.lineupItems(patch.lineup);
    }
    const session = await this.tx.run(async (em) => {
      const locked = await this.lockOrThrow(em, sessionId);
      if (!isEditable(locked.status)) {
        throw new LiveError(
          'SESSION_NOT_EDITABLE',
          `A session that is ${locked.status} can no longer be edited`,
          {
            sessionId,
            status: locked.status,
          },
        );
      }
      if (patch.title !== undefined) locked.title = patch.title;
      if (patch.description !== undefined) locked.description = patch.description;
      if (patch.coverAssetId !== undefined) {
        if (patch.coverAssetId)
          await this.assets.claim(em, locked.hostUserId, 'session-cover', [patch.coverAssetId]);
        locked.coverAssetId = patch.coverAssetId;
      }
      if (externalStreamUrl !== undefined) locked.externalStreamUrl = externalStreamUrl;
      if (startAt) locked.scheduledStartAt = startAt;
      if (items) {
        const kept = items.map((i) => i.productId);
        await this.pinEvents.appendUnpinsOutside(em, sessionId, kept, userId, this.clock.now());
        await this.sessions.replaceLineup(em, sessionId, items);
      }
      if (patch.perBuyerLimits !== undefined) {
        assertListingLimits(
          patch.lineup ?? (await this.sessions.lineup(sessionId, em)),
          patch.perBuyerLimits,
        );
        await this.sessions.setListingLimits(em, sessionId, patch.perBuyerLimits);
      }
      await this.announceChange(em, locked, 'edited');
      return this.sessions.save(em, locked);
    });
    if (startAt && startAt.getTime() !== current.scheduledStartAt.getTime()) {
      await this.jobs.schedule(sessionId, startAt);
    }
    const view = await this.views.view(session);
    this.emitter.emit(rooms.session(sessionId), 'session:state', view);
    if (items) {
      this.emitter.emit(rooms.session(sessionId), 'pins:update', {
        sessionId,
        pins: await this.views.pins(sessionId),
      });
    }
    return view;
  }

  /** The host cancels a session that has not started; its reminder job goes. */
  async cancel(userId: string, sessionId: string): Promise<SessionView> {
    const current = await this.views.require(sessionId);
    this.roles.assertHost(current, userId);
    const view = await this.transition(sessionId, 'cancel', (s, now) => {
      s.cancelledAt = now;
    });
    await this.jobs.cancel(sessionId);
    return view;
  }

  /** The host or a co-host goes live; reminded viewers are told now rather than at the planned time. */
  async goLive(userId: string, sessionId: string): Promise<SessionView> {
    await this.roles.assertRunsShow(await this.views.require(sessionId), userId);
    return this.startShow(sessionId);
  }

  /**
   * The host's stream arrived (their key or their signed-in camera proved it): the session goes live exactly as
   * through the REST go-live.
   */
  goLiveByStream(sessionId: string): Promise<SessionView> {
    return this.startShow(sessionId);
  }

  /** The host's stream stayed away for the whole grace period: the show ends as through the REST end. */
  endByStream(sessionId: string): Promise<SessionView> {
    return this.endShow(sessionId);
  }

  private async startShow(sessionId: string): Promise<SessionView> {
    const view = await this.transition(sessionId, 'go_live', (s, now) => {
      s.startedAt = now;
    });
    await this.jobs.schedule(sessionId, this.clock.now());
    return view;
  }

  /**
   * The host or a co-host ends the show; peak and unique viewers are kept for the summary. Its running flash deals
   * end with it and give their unsold units back (the sweeper catches any this misses).
   */
  async end(userId: string, sessionId: string): Promise<SessionView> {
    await this.roles.assertRunsShow(await this.views.require(sessionId), userId);
    return this.endShow(sessionId);
  }

  private async endShow(sessionId: string): Promise<SessionView> {
    const stats = await this.presence.stats(sessionId);
    const view = await this.transition(sessionId, 'end', (s, now) => {
      s.endedAt = now;
      s.peakViewers = stats.peak;
      s.uniqueViewers = stats.unique;
    });
    await this.dealEndings.endForSession(sessionId);
    return view;
  }

  /**
   * The session page's data, video URL included. A viewer removed (banned) from the session gets
   * BANNED_FROM_SESSION instead: no video, no deal, no lineup to buy from.
   */
  async get(sessionId: string, viewerUserId: string | null = null): Promise<SessionDetail> {
    const session = await this.views.require(sessionId);
    if (viewerUserId !== null && (await this.exclusions.isExcluded(session.id, viewerUserId))) {
      throw new LiveError('BANNED_FROM_SESSION', 'You were removed from this session', { sessionId });
    }
    const [view, pins, viewers, staff, hostLive] = await Promise.all([
      this.views.view(session),
      this.views.pins(sessionId),
      session.status === 'live' ? this.presence.count(sessionId) : Promise.resolve(0),
      this.views.staff(sessionId),
      this.sessions.liveOfHost(session.hostUserId, session.id),
    ]);
    return {
      ...view,
      lineupProducts: await this.views.lineupCards(session.id, view.lineup, pins),
      pins,
      viewers,
      peakViewers: session.peakViewers,
      uniqueViewers: session.uniqueViewers,
      staff,
      hostLiveSessionId: hostLive,
    };
  }

  /** With a viewer, the sessions of the hosts they follow come first (then the usual order). */
  async list(query: SessionListQuery, viewerUserId?: string): Promise<Page<SessionListItem>> {
    const page = { page: query.page, pageSize: query.pageSize };
    const [rows, total] = await this.sessions.list(
      {
        status: query.status,
        branchId: query.branchId,
        group: query.group,
        q: query.q,
        followerUserId: viewerUserId,
      },
      page,
    );
    const views = await this.views.views(rows);
    const [showing, viewers] = await Promise.all([
      this.views.showing(views),
      Promise.all(views.map((v) => (v.status === 'live' ? this.presence.count(v.id) : Promise.resolve(0)))),
    ]);
    const items = views.map((v, i) => ({ ...v, viewers: viewers[i] ?? 0, showing: showing.get(v.id) ?? null }));
    return { items, ...page, total };
  }

  private async transition(
    sessionId: string,
    action: SessionAction,
    stamp: (s: SessionEntity, now: Date) => void,
  ): Promise<SessionView> {
    const session = await this.tx.run(async (em) => {
      const locked = await this.lockOrThrow(em, sessionId);
      locked.status = nextSessionStatus(locked.status, action);
      stamp(locked, this.clock.now());
      const saved = await this.sessions.save(em, locked);
      await this.announceChange(em, locked, CHANGE_OF[action]);
      if (action === 'go_live') {
        // Followers hear of it through the outbox: the worker fans out, nothing per follower on this request.
        await this.outbox.write(em, {
          topic: 'live.session-started',
          key: sessionId,
          payload: {
            sessionId,
            hostUserId: locked.hostUserId,
            startedAt: (locked.startedAt ?? this.clock.now()).toISOString(),
          },
        });
      }
      return saved;
    });
    const view = await this.views.view(session);
    this.emitter.emit(rooms.session(sessionId), 'session:state', view);
    this.log.log({ sessionId, action, status: view.status }, 'Session state changed');
    return view;
  }

  /** The session's change, through the outbox in the same transaction (see SessionChangedPayload). */
  private async announceChange(
    em: Parameters<OutboxWriter['write']>[0],
    session: SessionEntity,
    change: SessionChangedPayload['change'],
  ): Promise<void> {
    await this.outbox.write(em, {
      topic: 'live.session-changed',
      key: session.id,
      payload: { sessionId: session.id, change, status: session.status },
    });
  }

  private async lockOrThrow(
    em: Parameters<SessionsRepository['lock']>[0],
    sessionId: string,
  ): Promise<SessionEntity> {
    const locked = await this.sessions.lock(em, sessionId);
    if (!locked) throw sessionNotFound(sessionId);
    return locked;
  }

  /** Every lineup product must be active and certified today (from any producer); the group is copied. */
  private async lineupItems(productIds: readonly string[]): Promise<LineupItem[]> {
    const products = await Promise.all(productIds.map((id) => this.catalogue.getSellableProduct(id)));
    return productIds.map((productId, i) => {
      const product = products[i];
      if (!product) {
        throw new LiveError(
          'LINEUP_PRODUCT_UNAVAILABLE',
          'Every lineup product must be active with a valid OCOP certificate',
          {
            productId,
          },
        );
      }
      return { productId, ocopGroup: product.group };
    });
  }
}
