import { Injectable } from '@nestjs/common';
import { AssetsService, AssetView, ImageView } from '@ocop/assets';
import { ProducerEntity } from '../infrastructure/producer.entity';
import { ProductEntity } from '../infrastructure/product.entity';
import { ProductsRepository } from '../infrastructure/products.repository';

/** The pictures a batch of product and producer views shows, fetched in one query. */
export interface MediaLookup {
  images: Map<string, ImageView>;
  /** Certificate documents, for the owner's and admins' views only (null in public views). */
  documents: Map<string, AssetView> | null;
}

export const NO_MEDIA: MediaLookup = { images: new Map(), documents: null };

@Injectable()
export class CatalogueMedia {
  constructor(
    private readonly assets: AssetsService,
    private readonly products: ProductsRepository,
  ) {}

  /** Each product's cover photo (its first processed photo), by product id: order lines and other small cards. */
  async covers(productIds: readonly string[]): Promise<Map<string, ImageView>> {
    const covers = await this.products.coverAssetIds(productIds);
    const images = await this.assets.views([...covers.values()]);
    const out = new Map<string, ImageView>();
    for (const [productId, assetId] of covers) {
      const image = images.get(assetId);
      if (image) out.set(productId, image);
    }
    return out;
  }

  async lookup(
    products: readonly ProductEntity[],
    producers: readonly (ProducerEntity | null | undefined)[],
    withDocuments = false,
  ): Promise<MediaLookup> {
    const imageIds = [
      ...products.flatMap((p) => p.photoAssetIds),
      ...producers.flatMap((p) => (p?.logoAssetId ? [p.logoAssetId] : [])),
    ];
    const documentIds = withDocuments
      ? products.flatMap((p) => (p.certificateDocumentAssetId ? [p.certificateDocumentAssetId] : []))
      : [];
    const [images, documents] = await Promise.all([
      this.assets.views(imageIds),
      withDocuments ? this.assets.assetViews(documentIds) : Promise.resolve(null),
    ]);
    return { images, documents };
  }
}
