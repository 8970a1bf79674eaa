import { Inject, Injectable } from '@nestjs/common';
import type { ImageView } from '@ocop/assets';
import { CatalogueFacade } from '@ocop/catalogue';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { isUuid } from '@ocop/kernel';
import { LiveFacade } from '@ocop/live';
import { clip, formatVietnamTime, formatVnd, ShareCard, ShareCardImage } from './open-graph';

export type SharedPage = 'sessions' | 'products' | 'producers';

const DESCRIPTION_MAX = 200;
/** Link previews draw about 1200 px wide: the largest JPEG rendition up to that, else the smallest above it. */
const PREVIEW_WIDTH = 1200;

const PRODUCER_KINDS: Record<string, string> = {
  household: 'Hộ sản xuất',
  cooperative: 'Hợp tác xã',
  enterprise: 'Doanh nghiệp',
};

/** The JPEG rendition closest to a preview's width, as an absolute URL, with its size. */
export function previewImage(image: ImageView, origin: string, alt: string): ShareCardImage {
  const candidates = image.srcset.jpeg
    .split(',')
    .map((entry) => entry.trim().split(/\s+/))
    .flatMap(([url, w]) => {
      const width = Number.parseInt(w ?? '', 10);
      return url && Number.isFinite(width) ? [{ url, width }] : [];
    })
    .sort((a, b) => a.width - b.width);
  const fitting = candidates.filter((c) => c.width <= PREVIEW_WIDTH).at(-1);
  const chosen = fitting ?? candidates[0];
  const url = new URL(chosen?.url ?? image.src, `${origin}/`).toString();
  if (!chosen || image.width <= 0) return { url, alt };
  const width = Math.min(chosen.width, image.width);
  return { url, alt, width, height: Math.round((width * image.height) / image.width) };
}

/**
 * What a shared link's preview shows, read through the live and catalogue facades with the public rules: a
 * session (not a cancelled one) with its host and time, a product on sale with its price, a producer. Null when
 * the page's subject is unknown or not public.
 */
@Injectable()
export class ShareCardsService {
  constructor(
    private readonly live: LiveFacade,
    private readonly catalogue: CatalogueFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** PUBLIC_URL when set (the address people share), else the address this request came to. */
  origin(requestOrigin: string): string {
    return (this.config.PUBLIC_URL ?? requestOrigin).replace(/\/+$/, '');
  }

  async card(page: SharedPage, id: string, origin: string): Promise<ShareCard | null> {
    if (!isUuid(id)) return null;
    const url = `${origin}/${page}/${id}`;
    switch (page) {
      case 'sessions':
        return this.sessionCard(id, url, origin);
      case 'products':
        return this.productCard(id, url, origin);
      case 'producers':
        return this.producerCard(id, url, origin);
    }
  }

  private async sessionCard(id: string, url: string, origin: string): Promise<ShareCard | null> {
    const session = await this.live.findSession(id);
    if (!session || session.status === 'cancelled') return null;
    const when =
      session.status === 'live'
        ? 'Đang phát trực tiếp'
        : session.status === 'ended'
          ? `Xem lại phiên live ${formatVietnamTime(session.startedAt ?? session.scheduledStartAt)}`
          : `Phát trực tiếp lúc ${formatVietnamTime(session.scheduledStartAt)}`;
    const about = clip(session.description, 120);
    const description = clip(
      [`${when} · Dẫn bởi ${session.hostName}`, about].filter(Boolean).join(' · '),
      DESCRIPTION_MAX,
    );
    let image: ShareCardImage | null = session.cover
      ? previewImage(session.cover, origin, session.title)
      : null;
    if (!image) {
      const frame = session.status === 'ended' ? session.poster : session.thumbnail;
      if (frame) image = { url: new URL(frame.url, `${origin}/`).toString(), alt: session.title };
    }
    if (!image && session.lineup[0]) {
      const first = (await this.catalogue.coverImages([session.lineup[0]])).get(session.lineup[0]);
      if (first) image = previewImage(first, origin, session.title);
    }
    const extra: [string, string][] = [];
    if (session.status === 'scheduled') extra.push(['video:release_date', session.scheduledStartAt]);
    return { title: session.title, description, url, type: 'video.other', image, extra };
  }

  private async productCard(id: string, url: string, origin: string): Promise<ShareCard | null> {
    const product = await this.catalogue.getSellableProduct(id);
    if (!product) return null;
    const facts = [
      formatVnd(product.priceVnd),
      `OCOP ${product.certificate.stars} sao`,
      `${product.producer.name}, ${product.producer.province.name}`,
    ].join(' · ');
    const about = clip(product.description, 120);
    const cover = product.photos[0];
    return {
      title: product.name,
      description: clip([facts, about].filter(Boolean).join(' · '), DESCRIPTION_MAX),
      url,
      type: 'product',
      image: cover ? previewImage(cover, origin, product.name) : null,
      extra: [
        ['product:price:amount', String(product.priceVnd)],
        ['product:price:currency', 'VND'],
        ['product:availability', product.stock > 0 ? 'in stock' : 'out of stock'],
      ],
    };
  }

  private async producerCard(id: string, url: string, origin: string): Promise<ShareCard | null> {
    const producer = await this.catalogue.findProducer(id);
    if (!producer) return null;
    const where = [producer.location.commune, producer.location.province.name].filter(Boolean).join(', ');
    const facts = [PRODUCER_KINDS[producer.kind] ?? '', where, 'Sản phẩm OCOP'].filter(Boolean).join(' · ');
    return {
      title: producer.name,
      description: clip(
        [facts, clip(producer.description, 120)].filter(Boolean).join(' · '),
        DESCRIPTION_MAX,
      ),
      url,
      type: 'profile',
      image: producer.logo ? previewImage(producer.logo, origin, producer.name) : null,
    };
  }
}
