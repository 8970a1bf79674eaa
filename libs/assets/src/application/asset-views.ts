import { Injectable } from '@nestjs/common';
import { PURPOSE_RULES, srcRendition, srcsetOf, Rendition } from '../domain';
import { AssetEntity } from '../infrastructure/asset.entity';
import { UploadEntity } from '../infrastructure/upload.entity';
import { AssetUrls } from '../storage/asset-urls';
import { AssetView, ImageView, UploadView } from './views';

/** Builds the views of assets: public renditions by their immutable URLs, private ones through signed links. */
@Injectable()
export class AssetViews {
  constructor(private readonly urls: AssetUrls) {}

  image(asset: AssetEntity): ImageView | null {
    if (asset.status !== 'ready' || asset.renditions.length === 0 || !asset.width || !asset.height)
      return null;
    const isPublic = PURPOSE_RULES[asset.purpose].visibility === 'public';
    const url = (r: Rendition) => (isPublic ? this.urls.publicUrl(r.key) : this.urls.signedUrl(r.key).url);
    const src = srcRendition(asset.renditions);
    return {
      id: asset.id,
      width: asset.width,
      height: asset.height,
      placeholder: asset.placeholder ?? '',
      src: src ? url(src) : '',
      srcset: {
        avif: srcsetOf(asset.renditions, 'avif', url),
        webp: srcsetOf(asset.renditions, 'webp', url),
        jpeg: srcsetOf(asset.renditions, 'jpeg', url),
      },
    };
  }

  asset(asset: AssetEntity): AssetView {
    return {
      id: asset.id,
      purpose: asset.purpose,
      status: asset.status,
      errorCode: asset.errorCode,
      contentType: asset.contentType,
      image: this.image(asset),
      document: asset.purpose === 'certificate' && asset.status === 'ready' ? asset.document : null,
    };
  }

  upload(upload: UploadEntity): UploadView {
    return {
      id: upload.id,
      purpose: upload.purpose,
      byteLength: upload.byteLength,
      receivedBytes: upload.receivedBytes,
      chunkBytes: upload.chunkBytes,
      status: upload.status,
      expiresAt: upload.expiresAt.toISOString(),
    };
  }
}
