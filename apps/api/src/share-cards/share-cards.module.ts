import { Injectable, Logger, Module } from '@nestjs/common';
import { CatalogueModule } from '@ocop/catalogue';
import { WEB_SHELL_RENDERER, WebShellPage, WebShellRenderer, WebShellRequest } from '@ocop/http';
import { LiveModule } from '@ocop/live';
import { injectCard } from './open-graph';
import { injectBoot, PageBoot } from './page-boot';
import { PageBootService } from './page-boot.service';
import { SharedPage, ShareCardsService } from './share-cards.service';
import { sharedPageOf } from './shared-pages';

/**
 * The shell of shared pages (/sessions/:id, /products/:id, /producers/:id) with the page's Open Graph and Twitter
 * tags in its head, for browsers and crawlers alike (Zalo and Facebook read no JavaScript): the api's web module
 * asks this renderer for every page it serves (and compresses the answer). An unknown or non-public subject, or a
 * failure to read it, gets the plain shell (200, like any path of the app: the app then says the page does not
 * exist). Home and the session page also get their first answers and preloads (page-boot.ts), so that their
 * first render needs no round trip to the api. Other pages are served as built.
 */
@Injectable()
export class ShareShellRenderer implements WebShellRenderer {
  private readonly log = new Logger('ShareCards');

  constructor(
    private readonly cards: ShareCardsService,
    private readonly boots: PageBootService,
  ) {}

  async render(request: WebShellRequest, shell: string): Promise<WebShellPage | undefined> {
    if (request.path === '/') {
      const boot = await this.boot('home', () => this.boots.home());
      return boot ? { html: injectBoot(shell, boot, this.boots.manifest) } : undefined;
    }
    const shared = sharedPageOf(request.path);
    if (!shared) return undefined;
    const [card, boot] = await Promise.all([
      this.cards
        .card(shared.page, shared.id, this.cards.origin(requestOrigin(request)))
        .catch((error: unknown) => {
          // The page still opens; only its preview is lost.
          this.log.warn({ err: error, page: shared.page }, 'Link preview failed; serving the plain shell');
          return null;
        }),
      shared.page === 'sessions' ? this.boot('session', () => this.boots.session(shared.id)) : null,
    ]);
    if (!card && !boot) return undefined;
    let html = card ? injectCard(shell, card) : shell;
    if (boot) html = injectBoot(html, boot, this.boots.manifest);
    return { html };
  }

  /** A page's first answers; on a failure the page boots as before, asking the api itself. */
  private async boot(page: string, read: () => Promise<PageBoot | null>): Promise<PageBoot | null> {
    try {
      return await read();
    } catch (error) {
      this.log.warn({ err: error, page }, "A page's first answers failed; serving the shell without them");
      return null;
    }
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The address the request came to, when PUBLIC_URL is not set (see ShareCardsService.origin). */
function requestOrigin(request: WebShellRequest): string {
  return `http://${first(request.headers['host']) ?? 'localhost'}`;
}

export type { SharedPage };

@Module({
  imports: [LiveModule, CatalogueModule],
  providers: [
    ShareCardsService,
    PageBootService,
    { provide: WEB_SHELL_RENDERER, useClass: ShareShellRenderer },
  ],
  exports: [WEB_SHELL_RENDERER],
})
export class ShareCardsModule {}
