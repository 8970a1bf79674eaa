import { defineErrors } from '@ocop/kernel';

export const AssetErrorCode = {
  UploadNotFound: 'UPLOAD_NOT_FOUND',
  UploadTooLarge: 'UPLOAD_TOO_LARGE',
  UploadEmpty: 'UPLOAD_EMPTY',
  UploadFileNameInvalid: 'UPLOAD_FILE_NAME_INVALID',
  UploadOffsetMismatch: 'UPLOAD_OFFSET_MISMATCH',
  UploadChunkInvalid: 'UPLOAD_CHUNK_INVALID',
  UploadIncomplete: 'UPLOAD_INCOMPLETE',
  UploadExpired: 'UPLOAD_EXPIRED',
  UploadClosed: 'UPLOAD_CLOSED',
  TypeNotAllowed: 'ASSET_TYPE_NOT_ALLOWED',
  TooManyPixels: 'ASSET_TOO_MANY_PIXELS',
  DecompressionBomb: 'ASSET_DECOMPRESSION_BOMB',
  Unreadable: 'ASSET_UNREADABLE',
  AssetNotFound: 'ASSET_NOT_FOUND',
  AssetNotUsable: 'ASSET_NOT_USABLE',
  NoDocument: 'ASSET_NO_DOCUMENT',
  LinkInvalid: 'FILE_LINK_INVALID',
} as const;
export type AssetErrorCode = (typeof AssetErrorCode)[keyof typeof AssetErrorCode];

export const AssetError = defineErrors<AssetErrorCode>({
  UPLOAD_NOT_FOUND: 'not_found',
  UPLOAD_TOO_LARGE: 'too_large',
  UPLOAD_EMPTY: 'invalid',
  UPLOAD_FILE_NAME_INVALID: 'invalid',
  UPLOAD_OFFSET_MISMATCH: 'conflict',
  UPLOAD_CHUNK_INVALID: 'invalid',
  UPLOAD_INCOMPLETE: 'conflict',
  UPLOAD_EXPIRED: 'not_found',
  UPLOAD_CLOSED: 'conflict',
  ASSET_TYPE_NOT_ALLOWED: 'unsupported',
  ASSET_TOO_MANY_PIXELS: 'unprocessable',
  ASSET_DECOMPRESSION_BOMB: 'unprocessable',
  ASSET_UNREADABLE: 'unprocessable',
  ASSET_NOT_FOUND: 'not_found',
  ASSET_NOT_USABLE: 'unprocessable',
  ASSET_NO_DOCUMENT: 'not_found',
  FILE_LINK_INVALID: 'forbidden',
});
export type AssetError = InstanceType<typeof AssetError>;
