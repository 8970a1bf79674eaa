import './assets.events';

export * from './assets.module';
export * from './assets-http.module';
export * from './assets-jobs.module';
export { AssetsService } from './application/assets.service';
export { UploadsService } from './application/uploads.service';
export { AssetProcessingService } from './application/asset-processing.service';
export { AssetSweepService } from './application/asset-sweep.service';
export type { SweepResult } from './application/asset-sweep.service';
export type { AssetReader } from './application/asset-access';
export type { AssetView, DocumentView, ImageView, UploadView } from './application/views';
export {
  AssetResponse,
  DocumentResponse,
  ImageView as ImageViewResponse,
  UploadResponse,
} from './http/dto/assets.response';
export { ASSET_STORAGE } from './storage/asset-storage';
export type { AssetStorage } from './storage/asset-storage';
export { AssetUrls, FILES_ROUTE } from './storage/asset-urls';
export { LocalAssetStorage } from './storage/local-storage';
export { S3AssetStorage } from './storage/s3-storage';
export type { AssetUploadedPayload } from './assets.events';
export { ASSET_SWEEP_SCHEDULER_ID, StalledProcessingWatch } from './jobs/assets.processor';
export * from './domain';
