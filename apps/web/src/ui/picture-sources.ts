import type { Schema } from '../api/client';
/**
 * The api's image shape (OpenAPI `ImageView`): every product photo, producer logo, session cover and certificate
 * preview comes with responsive renditions in three formats and a tiny placeholder for the first paint.
 */
export type ImageView = Schema<'ImageView'>;

/** What kind of thing is pictured: the designed fallback shows its symbol when there is no image. */
export type PictureKind = 'product' | 'producer' | 'session' | 'document';

/**
 * Backgrounds of the fallback: the app's greens and earth tones (a shop's shelf, not grey boxes), each dark enough
 * for white text to meet WCAG AA.
 */
export const FALLBACK_PALETTE: readonly (readonly [string, string])[] = [
  ['#0b6e4f', '#07503a'],
  ['#8a4b14', '#5c300b'],
  ['#1f5f8b', '#123d5c'],
  ['#7a2e4d', '#521e33'],
  ['#55652a', '#394419'],
  ['#9a3412', '#6b230b'],
  ['#3f4f8f', '#28335e'],
  ['#0f6a73', '#09474d'],
];

/** A stable colour pair for a name or id, so the same product always gets the same fallback. */
export function fallbackColours(seed: string): readonly [string, string] {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return FALLBACK_PALETTE[hash % FALLBACK_PALETTE.length] ?? FALLBACK_PALETTE[0]!;
}

/** One or two capital letters of a name ("Gốm Bát Tràng" -> "GB"), for the fallback. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  return letters.join('').toLocaleUpperCase('vi');
}

/** Whether a srcset string names at least one candidate. */
export function hasCandidates(srcset: string | undefined): srcset is string {
  return typeof srcset === 'string' && /\S+\s+\d+w/.test(srcset);
}
