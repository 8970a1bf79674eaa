import { createHash } from 'node:crypto';
import sharp, { Metadata, OutputInfo } from 'sharp';
import {
  AssetError,
  checkPixels,
  EXTENSIONS,
  MAX_PIXELS,
  Rendition,
  RENDITION_FORMATS,
  RenditionFormat,
  renditionWidths,
} from '../domain';

/** One file to store. */
export interface MadeFile {
  key: string;
  bytes: Buffer;
  contentType: string;
}

export interface ProcessedImage {
  width: number;
  height: number;
  placeholder: string;
  renditions: Rendition[];
  files: MadeFile[];
}

const CONTENT_TYPE: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

// No operation cache: every image is new, and a worker should not hold decoded photos in memory.
sharp.cache(false);

/**
 * Reads an image's header only (no pixel decoded) and refuses it when it is too large or a decompression bomb.
 * Returns the header's dimensions, already swapped for EXIF orientations that turn the picture by 90 degrees.
 */
export async function inspectImage(bytes: Buffer): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch {
    throw new AssetError('ASSET_UNREADABLE', 'The image cannot be read');
  }
  const { width, height } = meta;
  if (!width || !height) throw new AssetError('ASSET_UNREADABLE', 'The image has no dimensions');
  const verdict = checkPixels(width, height, bytes.length, meta.channels ?? 3);
  if (!verdict.ok) {
    throw new AssetError(
      verdict.code,
      verdict.code === 'ASSET_TOO_MANY_PIXELS'
        ? `The image has ${width}×${height} pixels; at most ${MAX_PIXELS / 1_000_000} megapixels are taken`
        : 'The image decompresses to far more than its size: refused as a decompression bomb',
      { width, height },
    );
  }
  const turned = (meta.orientation ?? 1) >= 5;
  return turned ? { width: height, height: width } : { width, height };
}

const QUALITY: Record<RenditionFormat, number> = { avif: 50, webp: 72, jpeg: 78 };

/**
 * Makes the renditions of one image: auto-oriented from EXIF, every metadata block (EXIF with GPS, XMP, IPTC)
 * dropped, in sRGB, at each standard width in AVIF, WebP and JPEG, plus a blurred preview of a few hundred bytes.
 * `keyOf` names each rendition's storage key from its bytes (content-hashed for public files).
 */
export async function processImage(
  bytes: Buffer,
  keyOf: (format: RenditionFormat, width: number, bytes: Buffer) => string,
): Promise<ProcessedImage> {
  const { width, height } = await inspectImage(bytes);
  const widths = renditionWidths(width);
  const largest = widths[widths.length - 1] as number;
  let base: { data: Buffer; info: OutputInfo };
  try {
    // Decode once, straight to the largest width (a JPEG decodes at 1/2, 1/4 or 1/8 scale when that is enough):
    // oriented, flattened onto white (transparent PNG logos on a card), sRGB, no metadata kept.
    base = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: largest, withoutEnlargement: true, kernel: 'lanczos3' })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AssetError('ASSET_UNREADABLE', 'The image is damaged or cannot be decoded');
  }
  const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } };
  const sizes = await Promise.all(
    widths.map(async (w) =>
      w === base.info.width
        ? { width: w, height: base.info.height, data: base.data }
        : sharp(base.data, raw)
            .resize({ width: w, kernel: 'lanczos3' })
            .raw()
            .toBuffer({ resolveWithObject: true })
            .then((r) => ({ width: w, height: r.info.height, data: r.data })),
    ),
  );
  // Every encode at once: libvips spreads them over the cores (AVIF is the slowest; it is started first).
  const encoded = await Promise.all(
    RENDITION_FORMATS.flatMap((format) =>
      sizes.map(async (size) => {
        const pipeline = sharp(size.data, {
          raw: { width: size.width, height: size.height, channels: raw.raw.channels },
        });
        const data =
          format === 'avif'
            ? await pipeline.avif({ quality: QUALITY.avif, effort: 0 }).toBuffer()
            : format === 'webp'
              ? await pipeline.webp({ quality: QUALITY.webp, effort: 2 }).toBuffer()
              : await pipeline.jpeg({ quality: QUALITY.jpeg, mozjpeg: true, progressive: true }).toBuffer();
        return { format, size, data };
      }),
    ),
  );
  const renditions: Rendition[] = [];
  const files: MadeFile[] = [];
  for (const { format, size, data } of encoded) {
    const key = keyOf(format, size.width, data);
    renditions.push({ format, width: size.width, height: size.height, bytes: data.length, key });
    files.push({ key, bytes: data, contentType: CONTENT_TYPE[format] });
  }
  const tiny = await sharp(base.data, raw)
    .resize({ width: 16, height: 16, fit: 'inside' })
    .blur(1.2)
    .webp({ quality: 40 })
    .toBuffer();
  return {
    width,
    height,
    placeholder: `data:image/webp;base64,${tiny.toString('base64')}`,
    renditions,
    files,
  };
}

/**
 * The short content hash that names a public rendition: of its bytes, salted with the asset's id so that two assets
 * never share a file (deleting one never takes the other's).
 */
export function contentHash(bytes: Buffer, assetId: string): string {
  return createHash('sha256').update(assetId).update(bytes).digest('hex').slice(0, 24);
}

export function renditionName(slug: string, format: RenditionFormat, width: number): string {
  return `${slug}-${width}.${EXTENSIONS[format]}`;
}
