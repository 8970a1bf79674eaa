import { Injectable } from '@nestjs/common';
import { AuthUser, RateLimiter } from '@ocop/auth';
import { rooms } from '@ocop/realtime';
import { acceptsMessages, ChatError, slowModeApplies } from '../domain';
import { RoomStateCache } from '../infrastructure/room-state.cache';
import { BannedWordsService } from './banned-words.service';
import { RoomConnection, requireJoined } from './connection';
import { MessageBatcher } from './message-batcher';
import { RoomBroadcaster } from './room-broadcaster';
import { SessionDirectory } from './session-directory';
import { ChatMessageView, messageView } from './views';

/** Per user, shared by every replica through Redis. */
export const MESSAGES_PER_SECOND = 2;

/**
 * Posting a message: every check runs against caches (session, role and name in process; bans, mutes, slow mode
 * and the rate limit in Redis), then the message is stored through the batcher and broadcast after its commit.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly directory: SessionDirectory,
    private readonly state: RoomStateCache,
    private readonly bannedWords: BannedWordsService,
    private readonly limiter: RateLimiter,
    private readonly batcher: MessageBatcher,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  async send(
    connection: Pick<RoomConnection, 'data'>,
    user: AuthUser,
    input: { sessionId: string; text: string; clientId?: string },
  ): Promise<ChatMessageView> {
    const { sessionId, text } = input;
    requireJoined(connection, sessionId);
    const session = await this.directory.cachedSession(sessionId);
    if (!acceptsMessages(session.status))
      throw new ChatError('CHAT_CLOSED', `The session is ${session.status}`);

    const state = await this.state.read(sessionId, user.id, new Date());
    if (state.banned) throw new ChatError('BANNED', 'You were banned from this session');
    if (state.mutedUntil !== null) {
      const until = new Date(state.mutedUntil).toISOString();
      throw new ChatError('MUTED', `You are muted until ${until}`, { until });
    }
    if (await this.bannedWords.check(sessionId, text)) {
      throw new ChatError('BANNED_WORD', 'The message contains a word that is not allowed here');
    }

    // A retry of a send whose answer was lost skips the limits: the batcher returns the message already stored.
    const retry = input.clientId ? await this.state.wasStored(sessionId, user.id, input.clientId) : false;
    if (!retry) {
      const hit = await this.limiter.hit(`chat:send:${user.id}`, MESSAGES_PER_SECOND, 1);
      if (!hit.allowed) {
        throw new ChatError('RATE_LIMITED', 'Too many messages; slow down', {
          retryAfterSeconds: hit.retryAfterSeconds,
        });
      }
      if (state.slowModeSeconds > 0) {
        const role = await this.directory.cachedRole(sessionId, user.id);
        if (slowModeApplies(role, state.slowModeSeconds)) {
          const slot = await this.state.takeSlowModeSlot(sessionId, user.id, state.slowModeSeconds);
          if (!slot.ok) {
            throw new ChatError('SLOW_MODE', `Slow mode: wait ${slot.retryAfterSeconds}s between messages`, {
              retryAfterSeconds: slot.retryAfterSeconds,
              slowModeSeconds: state.slowModeSeconds,
            });
          }
        }
      }
    }

    const displayName = await this.directory.displayName(user.id);
    const stored = await this.batcher.append({
      sessionId,
      userId: user.id,
      displayName,
      text,
      clientId: input.clientId ?? null,
    });
    if (input.clientId && !retry) await this.state.rememberStored(sessionId, user.id, input.clientId);
    const view = messageView(stored.row);
    if (!stored.duplicate) this.broadcaster.emit(rooms.session(sessionId), 'chat:message', view);
    return view;
  }
}
