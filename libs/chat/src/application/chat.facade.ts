import { Injectable } from '@nestjs/common';
import { MessagesRepository } from '../infrastructure/messages.repository';
import { BannedWordsService } from './banned-words.service';
import { ReactionsService } from './reactions.service';
import { RoomService } from './room.service';
import { ChatSessionStats, HistoryView } from './views';

/** What other contexts (the session summary, attribution, the seed) may ask of chat. */
@Injectable()
export class ChatFacade {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly reactions: ReactionsService,
    private readonly rooms: RoomService,
    private readonly bannedWords: BannedWordsService,
  ) {}

  /** Messages still visible, distinct chatters and reaction totals of a session. */
  async sessionStats(sessionId: string): Promise<ChatSessionStats> {
    const [counts, reactions] = await Promise.all([
      this.messages.countVisible(sessionId),
      this.reactions.totals(sessionId),
    ]);
    return { ...counts, reactions };
  }

  /** Visible messages (latest, after or before a seq). SESSION_NOT_FOUND for an unknown session. */
  history(
    sessionId: string,
    query: { sinceSeq?: number; beforeSeq?: number; limit?: number } = {},
  ): Promise<HistoryView> {
    return this.rooms.history({ sessionId, ...query });
  }

  /** The banned entry (global or the session's) a text contains, or null. */
  findBannedWord(sessionId: string, text: string): Promise<string | null> {
    return this.bannedWords.check(sessionId, text);
  }
}
