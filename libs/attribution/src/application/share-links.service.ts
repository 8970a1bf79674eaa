import { Inject, Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { IdentityFacade } from '@ocop/identity';
import { Clock, CLOCK, isUuid, Page, PageRequest, pageOffset } from '@ocop/kernel';
import { LiveFacade } from '@ocop/live';
import { ShareLinkRow, SharingRepository } from '../infrastructure/sharing.repository';
import { SharingError } from './sharing.errors';
import { givenName, newShareCode, SHARE_CODE_RE, shareLinkPath } from './sharing-rules';
import { SharedLinkView, ShareLinkView } from './views';

const MAX_DRAWS = 5;

export interface ShareLinkInput {
  sessionId?: string;
  productId?: string;
}

const view = (link: ShareLinkRow): ShareLinkView => ({
  code: link.code,
  url: shareLinkPath(link.code),
  sessionId: link.sessionId,
  productId: link.productId,
  createdAt: link.createdAt.toISOString(),
});

/**
 * Streamers' share links to a session, a product, or a product inside a session. Whoever opens one while signed in
 * is remembered with the time of their first visit: a purchase within 7 days of it credits the streamer.
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly repo: SharingRepository,
    private readonly live: LiveFacade,
    private readonly catalogue: CatalogueFacade,
    private readonly identity: IdentityFacade,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(streamerUserId: string, input: ShareLinkInput): Promise<ShareLinkView> {
    const { sessionId, productId } = input;
    if (!sessionId && !productId) {
      throw new SharingError(
        'SHARE_LINK_TARGET_REQUIRED',
        'A share link points at a session, a product, or both',
      );
    }
    const [session, product] = await Promise.all([
      sessionId ? this.live.findSession(sessionId) : null,
      productId && isUuid(productId) ? this.catalogue.findProduct(productId) : null,
    ]);
    if (sessionId && !session) {
      throw new SharingError('SHARE_LINK_SESSION_NOT_FOUND', 'No such session', { sessionId });
    }
    if (productId && !product) {
      throw new SharingError('SHARE_LINK_PRODUCT_NOT_FOUND', 'No such product', { productId });
    }
    if (session && productId && !session.lineup.includes(productId)) {
      throw new SharingError(
        'SHARE_LINK_PRODUCT_NOT_IN_LINEUP',
        'This product is not in the session lineup',
        {
          sessionId,
          productId,
        },
      );
    }
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const link: ShareLinkRow = {
        code: newShareCode(),
        streamerUserId,
        sessionId: sessionId ?? null,
        productId: productId ?? null,
        createdAt: this.clock.now(),
      };
      if (await this.repo.insertShareLink(link)) return view(link);
    }
    throw new SharingError('SHARING_CODE_UNAVAILABLE', 'No free share code could be drawn; try again');
  }

  async listOwn(streamerUserId: string, page: PageRequest): Promise<Page<ShareLinkView>> {
    const { items, total } = await this.repo.shareLinksOf(streamerUserId, page.pageSize, pageOffset(page));
    return { items: items.map(view), page: page.page, pageSize: page.pageSize, total };
  }

  /** What the link points at; a signed-in visitor's visit is recorded (the first one is kept). */
  async open(code: string, visitorUserId: string | undefined): Promise<SharedLinkView> {
    const link = SHARE_CODE_RE.test(code) ? await this.repo.findShareLink(code) : null;
    if (!link) throw new SharingError('SHARE_LINK_NOT_FOUND', 'No such share link', { code });
    const streamer = await this.identity.findUser(link.streamerUserId);
    if (visitorUserId) await this.repo.recordVisit(link.code, visitorUserId, this.clock.now());
    return {
      code: link.code,
      streamerFirstName: streamer ? givenName(streamer.displayName) : '',
      sessionId: link.sessionId,
      productId: link.productId,
    };
  }
}
