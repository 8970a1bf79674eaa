import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@ocop/auth';
import { TransactionRunner } from '@ocop/db';
import { Clock, CLOCK, Page } from '@ocop/kernel';
import { LiveFacade } from '@ocop/live';
import { rooms } from '@ocop/realtime';
import { canSilence, canTake, ChatError, ModerationAction, muteUntil, RoomRole } from '../domain';
import { MessagesRepository } from '../infrastructure/messages.repository';
import { ModerationRepository, NewModerationAction } from '../infrastructure/moderation.repository';
import { RoomStateCache } from '../infrastructure/room-state.cache';
import { RoomBroadcaster } from './room-broadcaster';
import { SessionDirectory } from './session-directory';
import { ChatMessageView, messageView, ModerationActionView, moderationActionView } from './views';

/**
 * What the host, cohosts and moderators do to a room. Each action checks the actor's role afresh, writes its change
 * and its moderation-log row in one transaction, then updates the hot-path cache and tells the room.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly directory: SessionDirectory,
    private readonly messages: MessagesRepository,
    private readonly moderation: ModerationRepository,
    private readonly tx: TransactionRunner,
    private readonly state: RoomStateCache,
    private readonly broadcaster: RoomBroadcaster,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly live: LiveFacade,
  ) {}

  /** The actor's role, which must allow the action: FORBIDDEN_IN_SESSION otherwise, SESSION_NOT_FOUND. */
  async authorize(sessionId: string, actorUserId: string, action: ModerationAction): Promise<RoomRole> {
    await this.directory.requireSession(sessionId);
    const role = await this.directory.freshRole(sessionId, actorUserId);
    if (!canTake(role, action)) {
      throw new ChatError('FORBIDDEN_IN_SESSION', `A ${role} of this session cannot do that`, {
        role,
        action,
      });
    }
    return role;
  }

  async deleteMessage(
    actor: AuthUser,
    input: { sessionId: string; messageId: string },
  ): Promise<{ messageId: string }> {
    const { sessionId, messageId } = input;
    await this.authorize(sessionId, actor.id, 'delete');
    const unpinned = await this.tx.run(async (em) => {
      const message = await this.messages.findVisible(sessionId, messageId);
      if (!message || !(await this.messages.softDelete(em, sessionId, messageId, actor.id))) {
        throw new ChatError('MESSAGE_NOT_FOUND', 'No such message in this session');
      }
      const room = await this.messages.room(sessionId);
      const wasPinned = room?.pinnedMessageId === messageId;
      if (wasPinned) await this.messages.updateRoom(em, sessionId, { pinnedMessageId: null });
      await this.log(em, actor, sessionId, 'delete', {
        targetUserId: message.userId,
        targetMessageId: messageId,
        details: { text: message.text, seq: message.seq },
      });
      return wasPinned;
    });
    this.broadcaster.emit(rooms.session(sessionId), 'chat:deleted', { sessionId, messageId });
    if (unpinned)
      this.broadcaster.emit(rooms.session(sessionId), 'chat:pinned', { sessionId, message: null });
    return { messageId };
  }

  async mute(actor: AuthUser, input: { sessionId: string; userId: string; seconds: number }) {
    const { sessionId, userId, seconds } = input;
    await this.assertCanSilence(sessionId, actor.id, userId, 'mute');
    const until = muteUntil(this.clock.now(), seconds);
    await this.tx.run(async (em) => {
      await this.moderation.mute(em, { sessionId, userId, until, mutedBy: actor.id });
      await this.log(em, actor, sessionId, 'mute', {
        targetUserId: userId,
        details: { seconds, until: until.toISOString() },
      });
    });
    await this.state.setMutedUntil(sessionId, userId, until);
    this.broadcaster.emit(rooms.sessionUser(sessionId, userId), 'chat:muted', {
      sessionId,
      userId,
      until: until.toISOString(),
    });
    return { userId, until: until.toISOString() };
  }

  async unmute(actor: AuthUser, input: { sessionId: string; userId: string }): Promise<{ userId: string }> {
    const { sessionId, userId } = input;
    await this.authorize(sessionId, actor.id, 'unmute');
    await this.tx.run(async (em) => {
      const removed = await this.moderation.unmute(em, sessionId, userId);
      await this.log(em, actor, sessionId, 'unmute', {
        targetUserId: userId,
        details: { wasMuted: removed },
      });
    });
    await this.state.setMutedUntil(sessionId, userId, null);
    this.broadcaster.emit(rooms.sessionUser(sessionId, userId), 'chat:muted', {
      sessionId,
      userId,
      until: null,
    });
    return { userId };
  }

  /**
   * Stores the ban and removes the user from the session (live refuses them the video and checkout refuses their
   * purchases in it), optionally hides their messages of the last `removeRecentMinutes`, then disconnects their
   * sockets in this session on every replica; rejoining is refused. Every viewer's chat drops the hidden messages.
   */
  async ban(
    actor: AuthUser,
    input: { sessionId: string; userId: string; reason?: string; removeRecentMinutes?: number },
  ): Promise<{ userId: string; removedMessageIds: string[] }> {
    const { sessionId, userId } = input;
    const reason = input.reason ?? null;
    const minutes = input.removeRecentMinutes ?? 0;
    await this.assertCanSilence(sessionId, actor.id, userId, 'ban');
    const since = new Date(this.clock.now().getTime() - minutes * 60_000);
    const { removed, unpinned } = await this.tx.run(async (em) => {
      await this.moderation.ban(em, { sessionId, userId, reason, bannedBy: actor.id });
      await this.live.exclude(em, sessionId, userId);
      const hidden =
        minutes > 0
          ? await this.messages.softDeleteUserSince(em, { sessionId, userId, since, by: actor.id })
          : [];
      const room = hidden.length > 0 ? await this.messages.room(sessionId) : null;
      const wasPinned = hidden.some((m) => m.id === room?.pinnedMessageId);
      if (wasPinned) await this.messages.updateRoom(em, sessionId, { pinnedMessageId: null });
      await this.log(em, actor, sessionId, 'ban', {
        targetUserId: userId,
        details: {
          ...(reason ? { reason } : {}),
          ...(minutes > 0 ? { removeRecentMinutes: minutes, removedMessages: hidden.length } : {}),
        },
      });
      return { removed: hidden.map((m) => m.id), unpinned: wasPinned };
    });
    await this.state.setBanned(sessionId, userId, true);
    const room = rooms.sessionUser(sessionId, userId);
    this.broadcaster.emit(room, 'chat:banned', { sessionId, reason });
    this.broadcaster.disconnect(room);
    for (const messageId of removed) {
      this.broadcaster.emit(rooms.session(sessionId), 'chat:deleted', { sessionId, messageId });
    }
    if (unpinned)
      this.broadcaster.emit(rooms.session(sessionId), 'chat:pinned', { sessionId, message: null });
    return { userId, removedMessageIds: removed };
  }

  async unban(actor: AuthUser, input: { sessionId: string; userId: string }): Promise<{ userId: string }> {
    const { sessionId, userId } = input;
    await this.authorize(sessionId, actor.id, 'unban');
    await this.tx.run(async (em) => {
      const removed = await this.moderation.unban(em, sessionId, userId);
      await this.live.readmit(em, sessionId, userId);
      await this.log(em, actor, sessionId, 'unban', {
        targetUserId: userId,
        details: { wasBanned: removed },
      });
    });
    await this.state.setBanned(sessionId, userId, false);
    return { userId };
  }

  async pin(actor: AuthUser, input: { sessionId: string; messageId: string | null }) {
    const { sessionId, messageId } = input;
    await this.authorize(sessionId, actor.id, messageId ? 'pin' : 'unpin');
    let message: ChatMessageView | null = null;
    if (messageId) {
      const row = await this.messages.findVisible(sessionId, messageId);
      if (!row) throw new ChatError('MESSAGE_NOT_FOUND', 'No such message in this session');
      message = messageView(row);
    }
    await this.tx.run(async (em) => {
      await this.messages.updateRoom(em, sessionId, { pinnedMessageId: messageId });
      await this.log(em, actor, sessionId, messageId ? 'pin' : 'unpin', {
        targetUserId: message?.userId ?? null,
        targetMessageId: messageId,
      });
    });
    this.broadcaster.emit(rooms.session(sessionId), 'chat:pinned', { sessionId, message });
    return { message };
  }

  async slowMode(
    actor: AuthUser,
    input: { sessionId: string; seconds: number },
  ): Promise<{ seconds: number }> {
    const { sessionId, seconds } = input;
    await this.authorize(sessionId, actor.id, 'slow_mode');
    await this.tx.run(async (em) => {
      await this.messages.updateRoom(em, sessionId, { slowModeSeconds: seconds });
      await this.log(em, actor, sessionId, 'slow_mode', { details: { seconds } });
    });
    await this.state.setSlowMode(sessionId, seconds);
    this.broadcaster.emit(rooms.session(sessionId), 'chat:slow-mode', { sessionId, seconds });
    return { seconds };
  }

  /** Newest first; host, cohosts and moderators only. */
  async moderationLog(
    actor: AuthUser,
    sessionId: string,
    page: { page: number; pageSize: number },
  ): Promise<Page<ModerationActionView>> {
    await this.authorize(sessionId, actor.id, 'delete');
    const { items, total } = await this.moderation.moderationLog(sessionId, {
      offset: (page.page - 1) * page.pageSize,
      limit: page.pageSize,
    });
    return { items: items.map(moderationActionView), page: page.page, pageSize: page.pageSize, total };
  }

  /** Records an action in the log (banned-word changes come through here too). */
  log(
    em: EntityManager,
    actor: AuthUser,
    sessionId: string,
    action: ModerationAction,
    extra: Partial<Pick<NewModerationAction, 'targetUserId' | 'targetMessageId' | 'details'>>,
  ): Promise<unknown> {
    return this.moderation.log(em, {
      sessionId,
      actorUserId: actor.id,
      action,
      targetUserId: extra.targetUserId ?? null,
      targetMessageId: extra.targetMessageId ?? null,
      details: extra.details ?? {},
    });
  }

  private async assertCanSilence(
    sessionId: string,
    actorId: string,
    targetId: string,
    action: 'mute' | 'ban',
  ) {
    const actorRole = await this.authorize(sessionId, actorId, action);
    await this.directory.displayName(targetId); // USER_NOT_FOUND for an unknown user
    const targetRole = await this.directory.freshRole(sessionId, targetId);
    if (actorId === targetId || !canSilence(actorRole, targetRole)) {
      throw new ChatError(
        'TARGET_PROTECTED',
        `A ${actorRole} cannot ${action} a ${targetRole} of this session`,
        {
          actorRole,
          targetRole,
        },
      );
    }
  }
}
