import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import {
  BANNED_WORD_MAX,
  ChatError,
  CompiledBannedWord,
  compileBannedWord,
  findBannedWord,
  normalizeBannedWord,
} from '../domain';
import { ModerationRepository } from '../infrastructure/moderation.repository';
import { BannedWordView, bannedWordView } from './views';
import { TtlCache } from './ttl-cache';

const GLOBAL = 'global';

/**
 * The global banned-word list (admins) and each session's own list (its host and cohosts). Lists are compiled and
 * cached per process for a few seconds, so checking a message never queries PostgreSQL; a change made on this
 * replica applies at once, on other replicas within CACHE_TTL_MS.
 */
@Injectable()
export class BannedWordsService {
  static readonly CACHE_TTL_MS = 5_000;
  private readonly compiled = new TtlCache<CompiledBannedWord[]>(BannedWordsService.CACHE_TTL_MS, 10_000);

  constructor(
    private readonly moderation: ModerationRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /** The first banned entry (global or the session's) found in the text, or null. */
  async check(sessionId: string, text: string): Promise<string | null> {
    const [global, session] = await Promise.all([this.load(null), this.load(sessionId)]);
    return findBannedWord(text, global) ?? findBannedWord(text, session);
  }

  async list(sessionId: string | null): Promise<BannedWordView[]> {
    return (await this.moderation.bannedWords(sessionId)).map(bannedWordView);
  }

  /**
   * Adds a word to a list; `log` records it in the session's moderation log within the same transaction.
   * BANNED_WORD_EXISTS (409) when the list already has it, INVALID_BANNED_WORD (400) when it has no letters.
   */
  async add(
    sessionId: string | null,
    actorUserId: string,
    raw: string,
    log?: (em: EntityManager, word: BannedWordView) => Promise<void>,
  ): Promise<BannedWordView> {
    const word = normalizeBannedWord(raw);
    if (word.length === 0 || word.length > BANNED_WORD_MAX || compileBannedWord(word) === null) {
      throw new ChatError(
        'INVALID_BANNED_WORD',
        `A banned word needs 1 to ${BANNED_WORD_MAX} characters with letters`,
      );
    }
    const view = await this.tx.run(async (em) => {
      const added = await this.moderation.addBannedWord(em, { sessionId, word, createdBy: actorUserId });
      if (!added) throw new ChatError('BANNED_WORD_EXISTS', 'The list already holds this word', { word });
      const created = bannedWordView(added);
      if (log) await log(em, created);
      return created;
    });
    this.compiled.delete(sessionId ?? GLOBAL);
    return view;
  }

  async remove(
    sessionId: string | null,
    wordId: string,
    log?: (em: EntityManager, word: BannedWordView) => Promise<void>,
  ): Promise<BannedWordView> {
    const view = await this.tx.run(async (em) => {
      const removed = await this.moderation.removeBannedWord(em, sessionId, wordId);
      if (!removed) throw new ChatError('BANNED_WORD_NOT_FOUND', 'No such banned word in this list');
      const gone = bannedWordView(removed);
      if (log) await log(em, gone);
      return gone;
    });
    this.compiled.delete(sessionId ?? GLOBAL);
    return view;
  }

  private load(sessionId: string | null): Promise<CompiledBannedWord[]> {
    return this.compiled.getOrLoad(sessionId ?? GLOBAL, async () =>
      (await this.moderation.bannedWords(sessionId))
        .map((w) => compileBannedWord(w.word))
        .filter((c): c is CompiledBannedWord => c !== null),
    );
  }
}
