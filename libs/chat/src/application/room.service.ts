import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@ocop/auth';
import { LiveFacade, PresenceService } from '@ocop/live';
import { rooms } from '@ocop/realtime';
import { ChatError, historyQuery, isStaff, JOIN_HISTORY } from '../domain';
import { MessagesRepository } from '../infrastructure/messages.repository';
import { RoomStateCache } from '../infrastructure/room-state.cache';
import { RoomConnection, viewerKeyOf } from './connection';
import { ReactionsService } from './reactions.service';
import { SessionDirectory } from './session-directory';
import { ChatMessageView, HistoryView, JoinView, messageView } from './views';

/** Entering and leaving a session's room, and reading its history. */
@Injectable()
export class RoomService {
  private readonly log = new Logger(RoomService.name);

  constructor(
    private readonly directory: SessionDirectory,
    private readonly live: LiveFacade,
    private readonly presence: PresenceService,
    private readonly messages: MessagesRepository,
    private readonly state: RoomStateCache,
    private readonly reactions: ReactionsService,
  ) {}

  /**
   * Joins the room, then reads the state: a message committed while the state is read is both in the answer and
   * delivered as `chat:message`, never in neither (clients drop a seq they already have).
   */
  async join(
    connection: RoomConnection,
    user: AuthUser | null,
    input: { sessionId: string; sinceSeq?: number },
  ): Promise<JoinView> {
    const { sessionId } = input;
    const session = await this.directory.requireSession(sessionId);
    const [userState, role] = await Promise.all([
      this.state.read(sessionId, user?.id ?? null, new Date()),
      user ? this.directory.freshRole(sessionId, user.id) : Promise.resolve('viewer' as const),
    ]);
    if (userState.banned) throw new ChatError('BANNED', 'You were banned from this session');

    const joined = [rooms.session(sessionId)];
    if (user) joined.push(rooms.sessionUser(sessionId, user.id));
    if (isStaff(role)) joined.push(rooms.sessionStaff(sessionId));
    await connection.join(joined);

    let viewers: number;
    if (connection.data.sessions.has(sessionId)) {
      viewers = await this.presence.count(sessionId);
    } else {
      const viewerKey = viewerKeyOf(connection);
      connection.data.sessions.set(sessionId, viewerKey);
      viewers = (await this.presence.join(sessionId, viewerKey)).viewers;
    }

    const query =
      input.sinceSeq === undefined
        ? historyQuery({ limit: JOIN_HISTORY })
        : historyQuery({ sinceSeq: input.sinceSeq });
    const [pins, rows, room, reactions] = await Promise.all([
      this.live.pins(sessionId),
      this.messages.history(sessionId, query!),
      this.messages.room(sessionId),
      this.reactions.totals(sessionId),
    ]);
    const pinned = room?.pinnedMessageId
      ? await this.messages.findVisible(sessionId, room.pinnedMessageId)
      : null;
    return {
      session,
      pins,
      viewers,
      messages: rows.map(messageView),
      pinnedMessage: pinned ? messageView(pinned) : null,
      slowModeSeconds: room?.slowModeSeconds ?? 0,
      reactions,
      role,
      mutedUntil: userState.mutedUntil === null ? null : new Date(userState.mutedUntil).toISOString(),
    };
  }

  async leave(connection: RoomConnection, input: { sessionId: string }): Promise<{ left: boolean }> {
    const { sessionId } = input;
    const viewerKey = connection.data.sessions.get(sessionId);
    const user = connection.data.user;
    await Promise.all([
      connection.leave(rooms.session(sessionId)),
      connection.leave(rooms.sessionStaff(sessionId)),
      user ? connection.leave(rooms.sessionUser(sessionId, user.id)) : undefined,
    ]);
    if (viewerKey === undefined) return { left: false };
    connection.data.sessions.delete(sessionId);
    await this.presence.leave(sessionId, viewerKey);
    return { left: true };
  }

  /** A socket went away: it leaves the presence of every session it had joined. */
  async disconnected(connection: Pick<RoomConnection, 'data'>): Promise<void> {
    const sessions = connection.data.sessions ?? new Map<string, string>();
    await Promise.all(
      [...sessions].map(([sessionId, viewerKey]) =>
        this.presence.leave(sessionId, viewerKey).catch((error: unknown) => {
          this.log.warn({ err: error, sessionId }, 'Could not leave presence on disconnect');
        }),
      ),
    );
    sessions.clear();
  }

  /** Visible messages of a session: the latest, those after a seq (catch-up) or before one (scrolling back). */
  async history(input: {
    sessionId: string;
    sinceSeq?: number;
    beforeSeq?: number;
    limit?: number;
  }): Promise<HistoryView> {
    const query = historyQuery(input);
    if (!query) throw new ChatError('INVALID_HISTORY_QUERY', 'Give sinceSeq or beforeSeq, not both');
    await this.directory.cachedSession(input.sessionId);
    const rows = await this.messages.history(input.sessionId, { ...query, limit: query.limit + 1 });
    const hasMore = rows.length > query.limit;
    let page: typeof rows;
    if (!hasMore) page = rows;
    else page = query.kind === 'since' ? rows.slice(0, query.limit) : rows.slice(1);
    return { messages: page.map(messageView) as ChatMessageView[], hasMore };
  }
}
