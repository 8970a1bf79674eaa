import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '@ocop/db';
import {
  AssetError,
  AssetPurpose,
  CONTENT_TYPES,
  fileNameProblem,
  PURPOSE_RULES,
  Rendition,
} from '../domain';
import { AssetEntity } from '../infrastructure/asset.entity';
import { AssetsRepository } from '../infrastructure/assets.repository';
import { ASSET_STORAGE, AssetStorage } from '../storage/asset-storage';
import { AssetUrls, SignedUrl } from '../storage/asset-urls';
import { AssetAccess, AssetReader } from './asset-access';
import { AssetProcessingService } from './asset-processing.service';
import { AssetViews } from './asset-views';
import { inspectImage } from './image-pipeline';
import { originalKey, UploadsService } from './uploads.service';
import { AssetView, ImageView } from './views';

/**
 * The assets facade other contexts call: views of assets by id, attaching checks, the access rule registry, and
 * `ingest` (upload and process in one call, for the seed and tests).
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    private readonly present: AssetViews,
    private readonly access: AssetAccess,
    private readonly processing: AssetProcessingService,
    private readonly uploads: UploadsService,
    private readonly urls: AssetUrls,
    private readonly tx: TransactionRunner,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
  ) {}

  /**
   * Stores and processes a file at once (no chunks, no worker): the seed's pictures and tests. The same checks as
   * an upload apply; the answer is the asset as processing left it (ready, or failed with its code).
   */
  async ingest(
    ownerUserId: string,
    purpose: AssetPurpose,
    bytes: Buffer,
    fileName: string,
  ): Promise<AssetView> {
    const problem = fileNameProblem(fileName);
    if (problem) throw new AssetError('UPLOAD_FILE_NAME_INVALID', `fileName ${problem}`);
    if (bytes.length === 0) throw new AssetError('UPLOAD_EMPTY', 'The file is empty');
    if (bytes.length > PURPOSE_RULES[purpose].maxBytes) {
      throw new AssetError(
        'UPLOAD_TOO_LARGE',
        `A ${purpose} may have at most ${PURPOSE_RULES[purpose].maxBytes} bytes`,
      );
    }
    const kind = this.uploads.checkKind(purpose, bytes);
    if (kind !== 'pdf') await inspectImage(bytes);
    const id = randomUUID();
    const key = originalKey(id, kind);
    await this.storage.put(key, bytes, CONTENT_TYPES[kind]);
    await this.assets.insert(undefined, {
      id,
      ownerUserId,
      purpose,
      status: 'processing',
      errorCode: null,
      fileName,
      contentType: CONTENT_TYPES[kind],
      byteLength: bytes.length,
      originalKey: key,
      renditions: [],
      document: null,
      attachedAt: null,
      processedAt: null,
    });
    const done = await this.processing.process(id);
    return this.present.asset(done as AssetEntity);
  }

  /** Images of processed assets by id (ids of assets not ready are left out): what every view shows. */
  async views(ids: readonly string[]): Promise<Map<string, ImageView>> {
    const rows = await this.assets.findMany(ids);
    const out = new Map<string, ImageView>();
    for (const row of rows) {
      const image = this.present.image(row);
      if (image) out.set(row.id, image);
    }
    return out;
  }

  /** Full views of assets by id (for the owner's and admins' screens; the caller has checked access). */
  async assetViews(ids: readonly string[]): Promise<Map<string, AssetView>> {
    const rows = await this.assets.findMany(ids);
    return new Map(rows.map((row) => [row.id, this.present.asset(row)]));
  }

  /** An asset as its owner, or a reader the owning context allows, sees it; anyone else gets ASSET_NOT_FOUND. */
  async get(userId: string, assetId: string): Promise<AssetView> {
    return this.present.asset(await this.readable(userId, assetId));
  }

  /** A short-lived signed link to a certificate's original document (the PDF, or the scan stripped of metadata). */
  async documentUrl(userId: string, assetId: string): Promise<SignedUrl> {
    const asset = await this.readable(userId, assetId);
    if (asset.purpose !== 'certificate' || asset.status !== 'ready') {
      throw new AssetError('ASSET_NO_DOCUMENT', 'This asset has no document to read', { assetId });
    }
    const key = asset.originalKey ?? largestJpeg(asset.renditions)?.key;
    if (!key) throw new AssetError('ASSET_NO_DOCUMENT', 'This asset has no document to read', { assetId });
    return this.urls.signedUrl(key);
  }

  /**
   * Checks, inside the attaching transaction, that every id is a ready asset of this owner and purpose, and marks
   * them used (the sweep keeps used assets). Throws ASSET_NOT_USABLE naming the ids that are not.
   */
  async claim(
    em: EntityManager,
    ownerUserId: string,
    purpose: AssetPurpose,
    ids: readonly string[],
  ): Promise<void> {
    const rows = await this.assets.claim(em, ownerUserId, purpose, ids);
    const usable = new Set(rows.filter((r) => r.status === 'ready').map((r) => r.id));
    const refused = [...new Set(ids)].filter((id) => !usable.has(id));
    if (refused.length > 0) {
      throw new AssetError('ASSET_NOT_USABLE', `Use processed ${purpose} uploads of your own`, {
        assetIds: refused,
        purpose,
      });
    }
  }

  /** Lets a context say who else may read assets of a purpose (see AssetAccess). */
  allowReaders(purpose: AssetPurpose, reader: AssetReader): void {
    this.access.allow(purpose, reader);
  }

  /** Runs `work` in a transaction (for contexts that attach assets outside one). */
  inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private async readable(userId: string, assetId: string): Promise<AssetEntity> {
    const asset = await this.assets.findById(assetId);
    if (!asset || !(await this.access.mayRead(userId, asset))) {
      throw new AssetError('ASSET_NOT_FOUND', 'No such asset', { assetId });
    }
    return asset;
  }
}

function largestJpeg(renditions: readonly Rendition[]): Rendition | undefined {
  return renditions.filter((r) => r.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
}
