import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { Clock, CLOCK } from '@ocop/kernel';
import { AssetsRepository } from '../infrastructure/assets.repository';
import { UploadsRepository } from '../infrastructure/uploads.repository';
import { ASSET_STORAGE, AssetStorage } from '../storage/asset-storage';
import { UploadsService } from './uploads.service';

export interface SweepResult {
  uploads: number;
  assets: number;
}

/**
 * Leaves no orphan files: uploads never completed within ASSETS_UPLOAD_TTL_HOURS lose their chunks (and an original
 * a crashed completion may have left), and assets nothing took within ASSETS_UNATTACHED_TTL_HOURS lose every file.
 */
@Injectable()
export class AssetSweepService {
  private readonly log = new Logger(AssetSweepService.name);

  constructor(
    private readonly uploadRows: UploadsRepository,
    private readonly assetRows: AssetsRepository,
    private readonly uploads: UploadsService,
    @Inject(ASSET_STORAGE) private readonly storage: AssetStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    let uploads = 0;
    for (;;) {
      const expired = await this.uploadRows.expiredBefore(now, 100);
      for (const upload of expired) await this.uploads.discard(upload);
      uploads += expired.length;
      if (expired.length < 100) break;
    }
    let assets = 0;
    const before = new Date(now.getTime() - this.config.ASSETS_UNATTACHED_TTL_HOURS * 3_600_000);
    for (;;) {
      const unused = await this.assetRows.unattachedBefore(before, 100);
      for (const asset of unused) {
        const keys = asset.renditions.map((r) => r.key);
        if (asset.originalKey) keys.push(asset.originalKey);
        await this.storage.deleteMany(keys);
      }
      await this.uploadRows.deleteOfAssets(unused.map((a) => a.id));
      await this.assetRows.delete(unused.map((a) => a.id));
      assets += unused.length;
      if (unused.length < 100) break;
    }
    if (uploads + assets > 0) this.log.log(`Swept ${uploads} abandoned uploads and ${assets} unused assets`);
    return { uploads, assets };
  }
}
