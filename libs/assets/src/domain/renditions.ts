import { BOMB_MIN_PIXELS, BOMB_RATIO, MAX_PIXELS } from './purposes';

/** The widths every photo is made in (only those not wider than the original). */
export const RENDITION_WIDTHS = [160, 480, 960, 1440] as const;
export const RENDITION_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type RenditionFormat = (typeof RENDITION_FORMATS)[number];
export const EXTENSIONS: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };
/** The width `src` points at: right for a phone's card or half a product page. */
export const SRC_WIDTH = 480;

export interface Rendition {
  format: RenditionFormat;
  width: number;
  height: number;
  bytes: number;
  key: string;
}

/** The widths to make for an original `width` px wide: the standard ones that fit, or the original's own. */
export function renditionWidths(width: number): number[] {
  const fitting = RENDITION_WIDTHS.filter((w) => w <= width);
  return fitting.length > 0 ? [...fitting] : [width];
}

/** `URL 160w, URL 480w, ...` for one format, smallest first. */
export function srcsetOf(
  renditions: readonly Rendition[],
  format: RenditionFormat,
  url: (r: Rendition) => string,
): string {
  return renditions
    .filter((r) => r.format === format)
    .sort((a, b) => a.width - b.width)
    .map((r) => `${url(r)} ${r.width}w`)
    .join(', ');
}

/** The JPEG for `src`: the 480 px one, or the widest below it, or the narrowest there is. */
export function srcRendition(renditions: readonly Rendition[]): Rendition | undefined {
  const jpegs = renditions.filter((r) => r.format === 'jpeg').sort((a, b) => a.width - b.width);
  const notWider = jpegs.filter((r) => r.width <= SRC_WIDTH);
  return notWider[notWider.length - 1] ?? jpegs[0];
}

export type PixelVerdict =
  | { ok: true }
  | { ok: false; code: 'ASSET_TOO_MANY_PIXELS' | 'ASSET_DECOMPRESSION_BOMB' };

/**
 * Whether an image of these dimensions (read from its header, before decoding) may be decoded: too many pixels, or
 * a file tiny for its pixel count (a decompression bomb), is refused without decoding a pixel.
 */
export function checkPixels(width: number, height: number, fileBytes: number, channels = 3): PixelVerdict {
  const pixels = width * height;
  if (!(width > 0 && height > 0)) return { ok: false, code: 'ASSET_DECOMPRESSION_BOMB' };
  if (pixels > MAX_PIXELS) return { ok: false, code: 'ASSET_TOO_MANY_PIXELS' };
  if (pixels >= BOMB_MIN_PIXELS && (pixels * channels) / Math.max(fileBytes, 1) > BOMB_RATIO) {
    return { ok: false, code: 'ASSET_DECOMPRESSION_BOMB' };
  }
  return { ok: true };
}
