import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxModule } from '@ocop/db';
import { AssetAccess } from './application/asset-access';
import { AssetProcessingService } from './application/asset-processing.service';
import { AssetSweepService } from './application/asset-sweep.service';
import { AssetViews } from './application/asset-views';
import { AssetsService } from './application/assets.service';
import { UploadsService } from './application/uploads.service';
import { AssetEntity } from './infrastructure/asset.entity';
import { AssetsRepository } from './infrastructure/assets.repository';
import { UploadEntity } from './infrastructure/upload.entity';
import { UploadsRepository } from './infrastructure/uploads.repository';
import { ASSET_STORAGE } from './storage/asset-storage';
import { AssetUrls } from './storage/asset-urls';
import { storageProvider } from './storage/storage.provider';

export const ASSETS_ENTITIES = [AssetEntity, UploadEntity];

const EXPORTED = [
  AssetsService,
  UploadsService,
  AssetProcessingService,
  AssetSweepService,
  AssetUrls,
  AssetViews,
];

/**
 * Uploaded photos and documents without HTTP: the facade other contexts call, processing and the sweep. One
 * AssetAccess registry per application (the module is a singleton), filled by the contexts at boot.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ASSETS_ENTITIES), OutboxModule],
  providers: [...EXPORTED, AssetAccess, AssetsRepository, UploadsRepository, storageProvider],
  // The repository for the worker's jobs module of this lib only (the lib's index does not export it).
  exports: [...EXPORTED, ASSET_STORAGE, AssetsRepository],
})
export class AssetsModule {}
