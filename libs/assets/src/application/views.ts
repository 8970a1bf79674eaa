import type { AssetPurpose } from '../domain';
import type { AssetStatus } from '../infrastructure/asset.entity';
import type { UploadStatus } from '../infrastructure/upload.entity';

/** Every image in every view of the api. */
export interface ImageView {
  id: string;
  width: number;
  height: number;
  /** A data: URI of a tiny blurred preview (a few hundred bytes), shown until the image loads. */
  placeholder: string;
  /** A JPEG about 480 px wide. */
  src: string;
  /** `URL 160w, URL 480w, URL 960w, URL 1440w` per format (only widths not larger than the original). */
  srcset: { avif: string; webp: string; jpeg: string };
}

export interface DocumentView {
  contentType: string;
  pageCount: number | null;
}

export interface AssetView {
  id: string;
  purpose: AssetPurpose;
  status: AssetStatus;
  errorCode: string | null;
  contentType: string | null;
  /** The photo, or a certificate PDF's first page; null until processed. */
  image: ImageView | null;
  /** Certificates only: the original document (a PDF or a scan), read through `GET /api/assets/:id/document-url`. */
  document: DocumentView | null;
}

export interface UploadView {
  id: string;
  purpose: AssetPurpose;
  byteLength: number;
  receivedBytes: number;
  chunkBytes: number;
  status: UploadStatus;
  expiresAt: string;
}
