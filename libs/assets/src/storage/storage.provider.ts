import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import { ASSET_STORAGE, AssetStorage } from './asset-storage';
import { LocalAssetStorage } from './local-storage';
import { S3AssetStorage } from './s3-storage';

/** The storage driver ASSETS_STORAGE names, configured from the environment. */
export function storageFor(config: AppConfig): AssetStorage {
  if (config.ASSETS_STORAGE === 's3') {
    return new S3AssetStorage({
      bucket: config.ASSETS_S3_BUCKET as string,
      region: config.ASSETS_S3_REGION,
      endpoint: config.ASSETS_S3_ENDPOINT,
      forcePathStyle: config.ASSETS_S3_FORCE_PATH_STYLE,
      accessKeyId: config.ASSETS_S3_ACCESS_KEY_ID,
      secretAccessKey: config.ASSETS_S3_SECRET_ACCESS_KEY,
      prefix: config.ASSETS_S3_PREFIX,
    });
  }
  return new LocalAssetStorage(config.ASSETS_DIR);
}

export const storageProvider: Provider = {
  provide: ASSET_STORAGE,
  inject: [APP_CONFIG],
  useFactory: storageFor,
};
