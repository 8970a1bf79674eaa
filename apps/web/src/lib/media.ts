import type { Schema } from '../api/client';
import type { ImageView } from '../ui/picture-sources';

/**
 * The images the api's views carry (assets contract, typed by the generated client): a product's `photos` (cover
 * first), one `image` on the cards where one is enough (pinned, lineup, order lines), a producer's `logo`, a
 * session's `cover`, and a session's stream frames. A view without one gets null, and the designed fallback.
 */
export function photosOf(view: { photos?: ImageView[] | null }): ImageView[] {
  return view.photos ?? [];
}

export function imageOf(view: { image?: ImageView | null; photos?: ImageView[] | null }): ImageView | null {
  return view.image ?? photosOf(view)[0] ?? null;
}

export function logoOf(view: { logo?: ImageView | null }): ImageView | null {
  return view.logo ?? null;
}

export function coverOf(view: { cover?: ImageView | null }): ImageView | null {
  return view.cover ?? null;
}

type StreamFrame = Schema<'StreamFrameResponse'>;

/** The still frames of a session's own stream: the live thumbnail and the replay's poster (media app). */
export function framesOf(view: { thumbnail?: StreamFrame | null; poster?: StreamFrame | null }): {
  thumbnail: StreamFrame | null;
  poster: StreamFrame | null;
} {
  return { thumbnail: view.thumbnail ?? null, poster: view.poster ?? null };
}
