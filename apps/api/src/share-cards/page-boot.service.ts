import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CatalogueFacade } from '@ocop/catalogue';
import { ChatFacade, JOIN_HISTORY } from '@ocop/chat';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isUuid } from '@ocop/kernel';
import { SessionDetail, SessionsService } from '@ocop/live';
import path from 'node:path';
import { PageBoot, roomView, WebManifest } from './page-boot';

/** Home's sections as the web app asks for them (apps/web/src/pages/shop/HomePage.tsx). */
export const HOME_SESSION_LISTS = [
  { status: 'live', pageSize: 24 },
  { status: 'upcoming', pageSize: 24 },
  { status: 'past', pageSize: 12 },
] as const;
export const HOME_FEATURED_PAGE_SIZE = 6;

/** The web app's source modules each page needs at once (Vite manifest keys, relative to apps/web). */
const HOME_MODULES = ['src/pages/shop/HomePage.tsx', 'src/i18n/messages/vi/room.json'];
const SESSION_MODULES = [
  'src/pages/shop/SessionPage.tsx',
  ...['room', 'player', 'notify', 'share', 'moderation'].map((ns) => `src/i18n/messages/vi/${ns}.json`),
];

/** What the poster of the session's video is, as the player picks it (apps/web/src/pages/shop/Player.tsx). */
export function posterOf(session: SessionDetail): string | undefined {
  const playback = session.playback;
  const video = playback?.kind === 'hls' || (playback?.kind === 'external' && playback.provider === 'hls');
  if (!video) return undefined;
  return session.poster?.url ?? session.thumbnail?.url ?? session.cover?.src ?? undefined;
}

/**
 * The first answers of home and of a session page, read through the facades with a signed-out visitor's rights
 * (see page-boot.ts). The chat comes from the chat context when the api has it (ModuleRef, not an import: the link
 * previews run without chat in their own tests).
 */
@Injectable()
export class PageBootService {
  readonly manifest: WebManifest;

  constructor(
    private readonly sessions: SessionsService,
    private readonly catalogue: CatalogueFacade,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.manifest = new WebManifest(
      path.resolve(config?.WEB_DIST_DIR ?? path.join(process.cwd(), 'dist', 'web')),
    );
  }

  private chat(): ChatFacade | undefined {
    try {
      return this.moduleRef.get(ChatFacade, { strict: false });
    } catch {
      return undefined;
    }
  }

  async home(): Promise<PageBoot> {
    const [lists, featured] = await Promise.all([
      Promise.all(HOME_SESSION_LISTS.map((q) => this.sessions.list({ ...q, page: 1 }))),
      this.catalogue.browseProducts({ page: 1, pageSize: HOME_FEATURED_PAGE_SIZE }),
    ]);
    const answers: Record<string, unknown> = {};
    HOME_SESSION_LISTS.forEach((q, index) => {
      answers[`/api/sessions?status=${q.status}&pageSize=${q.pageSize}`] = lists[index];
    });
    answers[`/api/products?pageSize=${HOME_FEATURED_PAGE_SIZE}`] = featured;
    return { answers, modules: HOME_MODULES };
  }

  /** Null for an unknown session: the page then boots as it always did (and says so). */
  async session(id: string): Promise<PageBoot | null> {
    if (!isUuid(id)) return null;
    const chat = this.chat();
    const [detail, history] = await Promise.all([
      this.sessions.get(id, null).catch(() => null),
      chat ? chat.history(id, { limit: JOIN_HISTORY }).catch(() => null) : Promise.resolve(null),
    ]);
    if (!detail) return null;
    const answers: Record<string, unknown> = { [`/api/sessions/${id}`]: detail };
    if (history) answers[`/api/sessions/${id}/messages`] = history;
    const image = posterOf(detail);
    // A live room paints its video's frame and its chat from the HTML (a replay's chat follows its video instead).
    const view =
      detail.status === 'live' && history
        ? roomView({ poster: image, title: detail.title, lines: history.messages })
        : undefined;
    return { answers, modules: SESSION_MODULES, image, ...(view ? { view } : {}) };
  }
}
