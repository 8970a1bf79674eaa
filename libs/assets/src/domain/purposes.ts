/** What an upload is for: it decides the byte limit, the types taken and whether the files are public. */
export const ASSET_PURPOSES = ['product-photo', 'certificate', 'producer-logo', 'session-cover'] as const;
export type AssetPurpose = (typeof ASSET_PURPOSES)[number];

/** Kinds of content we recognise from the bytes (never from the name). */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'avif';
export type ContentKind = ImageKind | 'pdf';

export const CONTENT_TYPES: Record<ContentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  pdf: 'application/pdf',
};

const MB = 1024 * 1024;

export interface PurposeRules {
  /** The most bytes an original may have. */
  maxBytes: number;
  /** The kinds of content taken. */
  kinds: readonly ContentKind[];
  /** Public renditions (content-hashed, immutable URLs) or private ones (short-lived signed URLs only). */
  visibility: 'public' | 'private';
}

const PHOTO_KINDS: readonly ContentKind[] = ['jpeg', 'png', 'webp', 'avif'];

export const PURPOSE_RULES: Record<AssetPurpose, PurposeRules> = {
  // A phone's 12-48 MP JPEG is 3-15 MB.
  'product-photo': { maxBytes: 20 * MB, kinds: PHOTO_KINDS, visibility: 'public' },
  // The OCOP recognition decision: a photo of the paper, or the PDF the People's Committee sent. Private: only the
  // farmer and the admins who verify it see it.
  certificate: { maxBytes: 20 * MB, kinds: [...PHOTO_KINDS, 'pdf'], visibility: 'private' },
  'producer-logo': { maxBytes: 5 * MB, kinds: PHOTO_KINDS, visibility: 'public' },
  'session-cover': { maxBytes: 20 * MB, kinds: PHOTO_KINDS, visibility: 'public' },
};

/** Decoding limits: a phone photo is at most ~50 MP; more is a poster scan or a decompression bomb. */
export const MAX_PIXELS = 50_000_000;
/**
 * A large image whose pixels take this many times more memory than its file is a decompression bomb (a real photo
 * compresses maybe 10-30 times; a flat graphic a few hundred times, but flat graphics are small).
 */
export const BOMB_RATIO = 400;
export const BOMB_MIN_PIXELS = 8_000_000;

export function isPurpose(value: unknown): value is AssetPurpose {
  return typeof value === 'string' && (ASSET_PURPOSES as readonly string[]).includes(value);
}
