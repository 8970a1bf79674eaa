import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK, DomainError } from '@ocop/kernel';
import { AssetError, PURPOSE_RULES, RenditionFormat, slugOf } from '../domain';
import { AssetEntity, DocumentInfo } from '../infrastructure/asset.entity';
import { AssetsRepository } from '../infrastructure/assets.repository';
import { ASSET_STORAGE, AssetStorage } from '../storage/asset-storage';
import { contentHash, MadeFile, processImage, renditionName } from './image-pipeline';
import { pdfFirstPage } from './pdf-preview';

/**
 * Turns a stored original into renditions (in the worker, or inline for the seed): a photo is oriented, stripped
 * and resized; a PDF's first page is rendered, then treated the same. Idempotent: an asset no longer processing is
 * left alone, and the renditions' keys are derived from their content or the asset's id, so a second run writes
 * the same files.
 */
@Injectable()
export class AssetProcessingService {
  private readonly log = new Logger(AssetProcessingService.name);

  constructor(
    private readonly assets: AssetsRepository,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async process(assetId: string): Promise<AssetEntity | null> {
    const asset = await this.assets.findById(assetId);
    if (!asset || asset.status !== 'processing') return asset;
    const original = asset.originalKey ? await this.storage.read(asset.originalKey) : null;
    if (!original) {
      await this.fail(asset, new AssetError('ASSET_UNREADABLE', 'The uploaded file is gone'));
      return this.assets.findById(assetId);
    }
    let files: MadeFile[] = [];
    try {
      const isPdf = asset.contentType === 'application/pdf';
      const page = isPdf ? await pdfFirstPage(original, this.config.ASSETS_PDFTOPPM_PATH) : null;
      const image = await processImage(page ? page.png : original, (format, width, bytes) =>
        this.keyOf(asset, format, width, bytes),
      );
      files = image.files;
      await this.putAll(files);
      const document: DocumentInfo | null =
        asset.purpose === 'certificate'
          ? {
              contentType: asset.contentType ?? 'application/octet-stream',
              pageCount: page ? page.pageCount : null,
            }
          : null;
      // A PDF original is the document itself and stays (private). A photo's original may carry GPS in its EXIF:
      // it is deleted once the stripped renditions exist (a certificate photo's document is its largest rendition).
      const keepOriginal = isPdf;
      const moved = await this.assets.markReady(
        asset.id,
        {
          width: image.width,
          height: image.height,
          placeholder: image.placeholder,
          renditions: image.renditions,
          document,
          originalKey: keepOriginal ? asset.originalKey : null,
        },
        this.clock.now(),
      );
      if (!moved) {
        // Swept or finished by another run meanwhile: keep nothing of this run that the row does not point at.
        const now = await this.assets.findById(asset.id);
        const kept = new Set((now?.renditions ?? []).map((r) => r.key));
        await this.storage.deleteMany(files.map((f) => f.key).filter((k) => !kept.has(k)));
      } else if (!keepOriginal && asset.originalKey) {
        await this.storage.deleteMany([asset.originalKey]);
      }
    } catch (error) {
      if (error instanceof DomainError) {
        await this.storage.deleteMany(files.map((f) => f.key));
        await this.fail(asset, error);
      } else {
        throw error;
      }
    }
    return this.assets.findById(assetId);
  }

  private keyOf(asset: AssetEntity, format: RenditionFormat, width: number, bytes: Buffer): string {
    const name = renditionName(slugOf(asset.fileName), format, width);
    return PURPOSE_RULES[asset.purpose].visibility === 'public'
      ? `public/${contentHash(bytes, asset.id)}/${name}`
      : `private/${asset.id}/${name}`;
  }

  private async putAll(files: MadeFile[]): Promise<void> {
    for (let i = 0; i < files.length; i += 4) {
      await Promise.all(files.slice(i, i + 4).map((f) => this.storage.put(f.key, f.bytes, f.contentType)));
    }
  }

  /** Bad content: the asset fails with a stable code and nothing of it is kept. */
  private async fail(asset: AssetEntity, error: DomainError): Promise<void> {
    this.log.warn(`Asset ${asset.id} refused: ${error.code}`);
    await this.assets.markFailed(asset.id, error.code, this.clock.now());
    if (asset.originalKey) await this.storage.deleteMany([asset.originalKey]);
  }
}
