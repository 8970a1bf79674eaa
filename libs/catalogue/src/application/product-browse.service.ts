import { Injectable } from '@nestjs/common';
import { findProvince, Page } from '@ocop/kernel';
import { buildTsQuery, CatalogueError, isSellable, OcopStars } from '../domain';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProducersRepository } from '../infrastructure/producers.repository';
import { ProductsRepository } from '../infrastructure/products.repository';
import { CatalogueCalendar } from './catalogue-clock';
import { CatalogueMedia } from './catalogue-media';
import { BrowseQuery } from './inputs';
import { notFound } from './products.service';
import { productView, ProductView } from './views';

/** What shoppers see: only sellable products (verified, certificate not expired). */
@Injectable()
export class ProductBrowseService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly producers: ProducersRepository,
    private readonly calendar: CatalogueCalendar,
    private readonly media: CatalogueMedia,
  ) {}

  async browse(query: BrowseQuery): Promise<Page<ProductView>> {
    let provinceCode: string | undefined;
    if (query.province !== undefined) {
      provinceCode = findProvince(query.province)?.code;
      if (!provinceCode) {
        throw new CatalogueError('UNKNOWN_PROVINCE', `Unknown province "${query.province}"`, {
          field: 'province',
        });
      }
    }
    const page = { page: query.page, pageSize: query.pageSize };
    const today = this.calendar.today();
    const [rows, total] = await this.products.browse(
      {
        tsQuery: query.q !== undefined ? buildTsQuery(query.q) : null,
        group: query.group,
        stars: query.stars as OcopStars | undefined,
        provinceCode,
        producerId: query.producerId,
      },
      today,
      page,
    );
    const producers = await this.producers.findManyById(rows.map((r) => r.producerId));
    const ctx = this.calendar.viewContext();
    const media = await this.media.lookup(rows, [...producers.values()]);
    return {
      items: rows.map((p) => productView(p, producers.get(p.producerId) as ProducerEntity, ctx, media)),
      page: page.page,
      pageSize: page.pageSize,
      total,
    };
  }

  /**
   * A sellable product, or 404 for anything else (drafts, pending, suspended, expired) unless the caller is the
   * farmer who owns it.
   */
  async get(productId: string, callerUserId?: string): Promise<ProductView> {
    const product = await this.products.findById(productId);
    if (!product) throw notFound(productId);
    const producer = await this.producers.findById(product.producerId);
    if (!producer) throw notFound(productId);
    const owner = callerUserId !== undefined && producer.ownerUserId === callerUserId;
    if (!owner && !isSellable(product.status, product.certificateExpiresOn, this.calendar.today())) {
      throw notFound(productId);
    }
    const media = await this.media.lookup([product], [producer], owner);
    return productView(product, producer, this.calendar.viewContext(), media);
  }
}
