import { useState, type CSSProperties } from 'react';
import {
  fallbackColours,
  hasCandidates,
  initialsOf,
  type ImageView,
  type PictureKind,
} from './picture-sources';
import './picture.css';

export type { ImageView, PictureKind } from './picture-sources';

interface PictureProps {
  /** The api's image, or null/undefined when there is none: the designed fallback is shown instead. */
  image: ImageView | null | undefined;
  /** Alternative text; '' for a decorative image whose meaning the text beside it already gives. */
  alt: string;
  /** How wide the image is drawn at each viewport, e.g. "(min-width: 900px) 240px, 45vw": the browser picks the width. */
  sizes: string;
  /** Name the fallback shows initials of and takes its colour from. */
  name: string;
  kind: PictureKind;
  /** The first screen's main image: fetched at once with high priority instead of lazily. */
  priority?: boolean;
  /** Box shape, e.g. "1 / 1" or "16 / 9"; the image covers it. */
  aspect?: string;
  className?: string;
  testId?: string;
}

/**
 * Every image of the app: AVIF, then WebP, then JPEG through srcset/sizes (a 390 px phone downloads about its width,
 * not the original), lazy below the fold, the tiny placeholder painted until the image arrives, and a designed
 * fallback (colours and initials, never a broken-image icon) when there is no image or it fails to load.
 */
export function Picture({
  image,
  alt,
  sizes,
  name,
  kind,
  priority = false,
  aspect,
  className,
  testId,
}: PictureProps) {
  const [failedId, setFailedId] = useState<string | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const box: CSSProperties = aspect ? { aspectRatio: aspect } : {};
  const classes = ['picture', className].filter(Boolean).join(' ');
  if (!image || failedId === image.id) {
    return (
      <PictureFallback name={name} kind={kind} alt={alt} className={classes} style={box} testId={testId} />
    );
  }
  const loaded = loadedId === image.id;
  return (
    <picture
      className={loaded ? `${classes} loaded` : classes}
      style={loaded ? box : { ...box, backgroundImage: `url("${image.placeholder}")` }}
      data-testid={testId}
    >
      {hasCandidates(image.srcset.avif) && (
        <source type="image/avif" srcSet={image.srcset.avif} sizes={sizes} />
      )}
      {hasCandidates(image.srcset.webp) && (
        <source type="image/webp" srcSet={image.srcset.webp} sizes={sizes} />
      )}
      <img
        src={image.src}
        srcSet={hasCandidates(image.srcset.jpeg) ? image.srcset.jpeg : undefined}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : 'auto'}
        decoding="async"
        onLoad={() => setLoadedId(image.id)}
        onError={() => setFailedId(image.id)}
      />
    </picture>
  );
}

/** A still frame served by the media app (a live thumbnail or a replay poster): one JPEG, same fallback. */
export function FrameImage({
  url,
  alt,
  name,
  priority = false,
  className,
  testId,
}: {
  url: string | null | undefined;
  alt: string;
  name: string;
  priority?: boolean;
  className?: string;
  testId?: string;
}) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const classes = ['picture', className].filter(Boolean).join(' ');
  if (!url || failedUrl === url) {
    return <PictureFallback name={name} kind="session" alt={alt} className={classes} testId={testId} />;
  }
  return (
    <span className={`${classes} loaded`} data-testid={testId}>
      <img
        src={url}
        alt={alt}
        width={480}
        height={270}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : 'auto'}
        decoding="async"
        onError={() => setFailedUrl(url)}
      />
    </span>
  );
}

/** Colours from the name, the kind's symbol and the name's initials: what a card shows when there is no image. */
export function PictureFallback({
  name,
  kind,
  alt,
  className,
  style,
  testId,
}: {
  name: string;
  kind: PictureKind;
  alt: string;
  className?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const [from, to] = fallbackColours(name);
  return (
    <span
      className={['picture-fallback', className].filter(Boolean).join(' ')}
      style={{ ...style, backgroundImage: `linear-gradient(135deg, ${from}, ${to})` }}
      role={alt ? 'img' : undefined}
      aria-label={alt || undefined}
      aria-hidden={alt ? undefined : true}
      data-testid={testId}
      data-fallback={kind}
    >
      <KindSymbol kind={kind} />
      <span className="picture-initials" aria-hidden="true">
        {initialsOf(name)}
      </span>
    </span>
  );
}

/** A line drawing of the kind: a basket, a farmhouse, a play button, a sealed document. */
function KindSymbol({ kind }: { kind: PictureKind }) {
  const common = {
    className: 'picture-symbol',
    viewBox: '0 0 48 48',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2.5,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
    'aria-hidden': true,
    focusable: false,
  };
  switch (kind) {
    case 'product':
      return (
        <svg {...common}>
          <path d="M8 20h32l-4 20H12z" />
          <path d="M16 20l6-10M32 20l-6-10" />
          <path d="M18 27v7M24 27v7M30 27v7" />
        </svg>
      );
    case 'producer':
      return (
        <svg {...common}>
          <path d="M6 22L24 8l18 14" />
          <path d="M11 19v21h26V19" />
          <path d="M20 40V29h8v11" />
        </svg>
      );
    case 'session':
      return (
        <svg {...common}>
          <rect x="6" y="11" width="36" height="26" rx="4" />
          <path d="M20 18l10 6-10 6z" />
        </svg>
      );
    case 'document':
      return (
        <svg {...common}>
          <path d="M12 6h17l9 9v27H12z" />
          <path d="M29 6v9h9" />
          <circle cx="25" cy="29" r="5" />
          <path d="M22 33l-2 6 5-2 5 2-2-6" />
        </svg>
      );
  }
}
