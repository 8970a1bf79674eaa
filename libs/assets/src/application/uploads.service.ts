import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { OutboxWriter, TransactionRunner } from '@ocop/db';
import { Clock, CLOCK } from '@ocop/kernel';
import {
  AssetError,
  AssetPurpose,
  chunkOffsets,
  CONTENT_TYPES,
  ContentKind,
  decideChunk,
  fileNameProblem,
  PURPOSE_RULES,
  sniff,
} from '../domain';
import { AssetEntity } from '../infrastructure/asset.entity';
import { AssetsRepository } from '../infrastructure/assets.repository';
import { UploadEntity } from '../infrastructure/upload.entity';
import { UploadsRepository } from '../infrastructure/uploads.repository';
import { ASSET_STORAGE, AssetStorage } from '../storage/asset-storage';
import { AssetViews } from './asset-views';
import { inspectImage } from './image-pipeline';
import { AssetView, UploadView } from './views';

export interface NewUpload {
  purpose: AssetPurpose;
  fileName: string;
  byteLength: number;
}

const EXTENSION: Record<ContentKind, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  pdf: 'pdf',
};

export function chunkKey(uploadId: string, offset: number): string {
  return `uploads/${uploadId}/${String(offset).padStart(12, '0')}`;
}

/** Where an upload's original goes once complete (under the upload's id, so the upload sweep finds it too). */
export function originalKey(uploadId: string, kind: ContentKind): string {
  return `originals/${uploadId}/original.${EXTENSION[kind]}`;
}

/**
 * Resumable uploads: announced with their size, sent in chunks (each stored as its own file, so any api replica
 * takes any chunk and a retried chunk changes nothing), then completed: the file is checked by its content (type,
 * pixel count, decompression bombs) before anything is kept, and its asset is handed to the worker.
 */
@Injectable()
export class UploadsService {
  private readonly log = new Logger(UploadsService.name);

  constructor(
    private readonly uploads: UploadsRepository,
    private readonly assets: AssetsRepository,
    private readonly views: AssetViews,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxWriter,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(ownerUserId: string, input: NewUpload): Promise<UploadView> {
    const problem = fileNameProblem(input.fileName);
    if (problem) {
      throw new AssetError('UPLOAD_FILE_NAME_INVALID', `fileName ${problem}`, { field: 'fileName' });
    }
    const { maxBytes } = PURPOSE_RULES[input.purpose];
    if (input.byteLength > maxBytes) {
      throw new AssetError('UPLOAD_TOO_LARGE', `A ${input.purpose} may have at most ${maxBytes} bytes`, {
        maxBytes,
        byteLength: input.byteLength,
      });
    }
    const upload = await this.uploads.create({
      ownerUserId,
      purpose: input.purpose,
      fileName: input.fileName,
      byteLength: input.byteLength,
      chunkBytes: this.config.ASSETS_CHUNK_BYTES,
      receivedBytes: 0,
      status: 'receiving',
      expiresAt: new Date(this.clock.now().getTime() + this.config.ASSETS_UPLOAD_TTL_HOURS * 3_600_000),
    });
    return this.views.upload(upload);
  }

  async get(ownerUserId: string, uploadId: string): Promise<UploadView> {
    return this.views.upload(await this.requireOwn(ownerUserId, uploadId));
  }

  /**
   * Stores one chunk. The first chunk is checked by its content at once (an executable, an SVG or a file of another
   * kind than the purpose takes is refused before anything is stored, and the upload is closed).
   */
  async chunk(ownerUserId: string, uploadId: string, offset: number, bytes: Buffer): Promise<UploadView> {
    const upload = await this.requireOwn(ownerUserId, uploadId);
    this.assertReceiving(upload);
    const decision = decideChunk(upload, offset, bytes.length);
    if (decision.action === 'refuse') {
      if (decision.reason === 'offset') {
        throw new AssetError(
          'UPLOAD_OFFSET_MISMATCH',
          `Send the chunk at offset ${decision.expectedOffset}`,
          {
            expectedOffset: decision.expectedOffset,
            receivedBytes: upload.receivedBytes,
          },
        );
      }
      throw new AssetError(
        'UPLOAD_CHUNK_INVALID',
        `The chunk at offset ${offset} must have ${decision.expectedLength} bytes`,
        {
          expectedLength: decision.expectedLength,
          chunkBytes: upload.chunkBytes,
        },
      );
    }
    if (decision.action === 'duplicate') return this.views.upload(upload);
    if (offset === 0) {
      const refused = this.refusedKind(upload.purpose, bytes);
      if (refused) {
        await this.discard(upload);
        throw refused;
      }
    }
    await this.storage.put(chunkKey(upload.id, offset), bytes, 'application/octet-stream');
    const advanced = await this.uploads.advance(upload.id, offset, decision.receivedBytes);
    // Lost a race with the same chunk sent twice at once: the other copy advanced it (same bytes, same key).
    return this.views.upload(advanced ?? (await this.requireOwn(ownerUserId, uploadId)));
  }

  /**
   * Completes a fully received upload: joins its chunks, checks the whole file, stores the original and creates the
   * asset (status processing) with an outbox message for the worker, in one transaction. A retry answers the same
   * asset. Refused content leaves nothing behind: no asset, no original, no chunk.
   */
  async complete(ownerUserId: string, uploadId: string): Promise<AssetView> {
    const upload = await this.requireOwn(ownerUserId, uploadId);
    if (upload.status === 'complete' && upload.assetId) {
      const done = await this.assets.findById(upload.assetId);
      if (done) return this.views.asset(done);
    }
    this.assertReceiving(upload);
    if (upload.receivedBytes < upload.byteLength) {
      throw new AssetError(
        'UPLOAD_INCOMPLETE',
        `Only ${upload.receivedBytes} of ${upload.byteLength} bytes arrived`,
        {
          receivedBytes: upload.receivedBytes,
          byteLength: upload.byteLength,
        },
      );
    }
    const parts: Buffer[] = [];
    for (const offset of chunkOffsets(upload.byteLength, upload.chunkBytes)) {
      const part = await this.storage.read(chunkKey(upload.id, offset));
      if (!part)
        throw new AssetError('UPLOAD_INCOMPLETE', `The chunk at offset ${offset} is missing`, { offset });
      parts.push(part);
    }
    const file = Buffer.concat(parts);
    if (file.length !== upload.byteLength) {
      throw new AssetError('UPLOAD_INCOMPLETE', 'The received size does not match', {
        receivedBytes: file.length,
      });
    }
    let kind: ContentKind;
    try {
      kind = this.checkKind(upload.purpose, file);
      if (kind !== 'pdf') await inspectImage(file);
    } catch (error) {
      await this.discard(upload);
      throw error;
    }
    const assetId = randomUUID();
    const key = originalKey(upload.id, kind);
    await this.storage.put(key, file, CONTENT_TYPES[kind]);
    let asset: AssetEntity;
    try {
      asset = await this.tx.run(async (em) => {
        const created = await this.assets.insert(em, {
          id: assetId,
          ownerUserId,
          purpose: upload.purpose,
          status: 'processing',
          errorCode: null,
          fileName: upload.fileName,
          contentType: CONTENT_TYPES[kind],
          byteLength: upload.byteLength,
          originalKey: key,
          renditions: [],
          document: null,
          attachedAt: null,
          processedAt: null,
        });
        if (!(await this.uploads.complete(em, upload.id, assetId))) {
          throw new AssetError('UPLOAD_CLOSED', 'This upload was completed or removed meanwhile');
        }
        await this.outbox.write(em, { topic: 'assets.uploaded', key: assetId, payload: { assetId } });
        return created;
      });
    } catch (error) {
      const winner = await this.uploads.findById(upload.id);
      if (winner?.status === 'complete' && winner.assetId) {
        // Two completes raced: the other one created the asset (from the same original key).
        const done = await this.assets.findById(winner.assetId);
        if (done) return this.views.asset(done);
      }
      await this.storage.deleteMany([key]);
      throw error;
    }
    await this.storage.deletePrefix(`uploads/${upload.id}/`).catch((error: unknown) => {
      this.log.warn(`Chunks of upload ${upload.id} not deleted now (the sweep will): ${String(error)}`);
    });
    return this.views.asset(asset);
  }

  /** The content kind of a file if its purpose takes it, else the error to answer. */
  checkKind(purpose: AssetPurpose, bytes: Buffer): ContentKind {
    const found = sniff(bytes);
    if (found.kind === 'refused' || !PURPOSE_RULES[purpose].kinds.includes(found.kind)) {
      throw new AssetError(
        'ASSET_TYPE_NOT_ALLOWED',
        `This file is not a ${PURPOSE_RULES[purpose].kinds.map((k) => k.toUpperCase()).join(', ')} file`,
        {
          detected: found.kind === 'refused' ? found.detected : found.kind,
          allowed: PURPOSE_RULES[purpose].kinds,
        },
      );
    }
    return found.kind;
  }

  private refusedKind(purpose: AssetPurpose, firstChunk: Buffer): AssetError | null {
    try {
      this.checkKind(purpose, firstChunk);
      return null;
    } catch (error) {
      if (error instanceof AssetError) return error;
      throw error;
    }
  }

  /** Removes an upload and every byte of it (refused content or the sweep). */
  async discard(upload: UploadEntity): Promise<void> {
    await this.storage.deletePrefix(`uploads/${upload.id}/`);
    await this.storage.deletePrefix(`originals/${upload.id}/`);
    await this.uploads.delete(upload.id);
  }

  private async requireOwn(ownerUserId: string, uploadId: string): Promise<UploadEntity> {
    const upload = await this.uploads.findById(uploadId);
    if (!upload || upload.ownerUserId !== ownerUserId) {
      throw new AssetError('UPLOAD_NOT_FOUND', 'No such upload', { uploadId });
    }
    return upload;
  }

  private assertReceiving(upload: UploadEntity): void {
    if (upload.status !== 'receiving')
      throw new AssetError('UPLOAD_CLOSED', 'This upload is already complete');
    if (upload.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new AssetError('UPLOAD_EXPIRED', 'This upload has expired; start a new one');
    }
  }
}
