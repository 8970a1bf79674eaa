import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@ocop/auth';
import { BannedWordsService } from './banned-words.service';
import { ModerationService } from './moderation.service';
import { BannedWordView } from './views';

/** A session's own banned words: its staff read them, its host and cohosts change them (logged). */
@Injectable()
export class SessionBannedWordsService {
  constructor(
    private readonly moderation: ModerationService,
    private readonly words: BannedWordsService,
  ) {}

  async list(actor: AuthUser, sessionId: string): Promise<BannedWordView[]> {
    await this.moderation.authorize(sessionId, actor.id, 'delete');
    return this.words.list(sessionId);
  }

  async add(actor: AuthUser, sessionId: string, word: string): Promise<BannedWordView> {
    await this.moderation.authorize(sessionId, actor.id, 'banned_word_add');
    return this.words.add(sessionId, actor.id, word, (em, added) =>
      this.moderation
        .log(em, actor, sessionId, 'banned_word_add', { details: { word: added.word, wordId: added.id } })
        .then(() => undefined),
    );
  }

  async remove(actor: AuthUser, sessionId: string, wordId: string): Promise<BannedWordView> {
    await this.moderation.authorize(sessionId, actor.id, 'banned_word_remove');
    return this.words.remove(sessionId, wordId, (em, removed) =>
      this.moderation
        .log(em, actor, sessionId, 'banned_word_remove', { details: { word: removed.word, wordId } })
        .then(() => undefined),
    );
  }
}
