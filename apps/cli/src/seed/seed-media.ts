import type { AssetPurpose, AssetsService } from '@ocop/assets';
import type { ProductMediaService, ProducerView, ProductView } from '@ocop/catalogue';
import type { SeedProducer, SeedProduct } from './hanoi-catalogue';
import { SEED_SESSIONS } from './hanoi-sessions';
import type { SeedPicture } from './pictures/render';
import { certificateScan, producerLogo, productPhotos } from './pictures/render';

/** Products a seeded session shows: they get a second photo (a closer look) for the session's gallery. */
const SHOWN_LIVE = new Set(SEED_SESSIONS.flatMap((s) => s.lineup));

/**
 * The demo's pictures go through the real pipeline: each drawn JPEG is ingested by the assets context (checked,
 * stripped, renditions in AVIF/WebP/JPEG, placeholder) as its farmer's upload, then attached by the catalogue's own
 * rules. Idempotent: a product that already has photos, a certificate document or a producer that has a logo is
 * left as it is, so a second seed ingests nothing.
 */
export class SeedMedia {
  ingested = 0;

  constructor(
    private readonly assets: AssetsService,
    private readonly media: ProductMediaService,
  ) {}

  private async ingest(owner: string, purpose: AssetPurpose, picture: SeedPicture): Promise<string> {
    const asset = await this.assets.ingest(owner, purpose, picture.bytes, picture.fileName);
    if (asset.status !== 'ready') {
      throw new Error(
        `seed picture ${picture.fileName} was not processed: ${asset.errorCode ?? asset.status}`,
      );
    }
    this.ingested++;
    return asset.id;
  }

  /** The producer's logo, unless it has one. */
  async logo(farmerId: string, producer: ProducerView, spec: SeedProducer): Promise<void> {
    if (producer.logo) return;
    await this.media.setLogo(
      farmerId,
      await this.ingest(farmerId, 'producer-logo', await producerLogo(spec)),
    );
  }

  /**
   * The product's photos, and for a product awaiting verification the scan of its recognition decision (what the
   * admin looks at), each unless it has them. Call before submitting.
   */
  async product(
    farmerId: string,
    product: ProductView,
    spec: SeedProduct,
    producer: SeedProducer,
  ): Promise<void> {
    if (product.photos.length === 0) {
      const ids: string[] = [];
      for (const photo of await productPhotos(spec, SHOWN_LIVE.has(spec.code)))
        ids.push(await this.ingest(farmerId, 'product-photo', photo));
      await this.media.setPhotos(farmerId, product.id, ids);
    }
    if (spec.listing === 'pending_verification' && !product.certificateDocument) {
      const scan = await certificateScan(spec, producer, product.certificate.signedOn);
      await this.media.setCertificateDocument(
        farmerId,
        product.id,
        await this.ingest(farmerId, 'certificate', scan),
      );
    }
  }

  /** A session cover, ingested as the host's upload; returns its asset id. */
  cover(hostId: string, picture: SeedPicture): Promise<string> {
    return this.ingest(hostId, 'session-cover', picture);
  }
}
