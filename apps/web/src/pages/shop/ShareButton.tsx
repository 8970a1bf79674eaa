import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './share.css';

// The sheet (and what it needs) loads on the first tap, not with the page.
const ShareSheet = lazy(async () => ({ default: (await import('./ShareSheet')).ShareSheet }));

/** What is shared: a session, a product (in a session, when both), or a producer. */
export interface ShareTarget {
  sessionId?: string;
  productId?: string;
  producerId?: string;
  /** The title the share carries (the session's, the product's name, the producer's name). */
  title: string;
}

export function ShareIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="18" cy="5" r="3" fill="currentColor" />
      <circle cx="6" cy="12" r="3" fill="currentColor" />
      <circle cx="18" cy="19" r="3" fill="currentColor" />
      <path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4" stroke="currentColor" strokeWidth="2" fill="none" />
    </svg>
  );
}

/**
 * "Share": a 44 px button that opens the share sheet (Zalo, Facebook, copy link, the phone's own share menu). A
 * signed-in streamer shares a link with their share code, so purchases through it credit them; anyone else a plain
 * link. `compact` shows the icon only (the live room's top bar), with the same accessible name.
 */
export function ShareButton({
  compact = false,
  className,
  ...target
}: ShareTarget & { compact?: boolean; className?: string }) {
  const { t } = useTranslation('share');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={['share-button', compact ? 'compact' : 'btn secondary', className]
          .filter(Boolean)
          .join(' ')}
        aria-label={compact ? t('button') : undefined}
        aria-haspopup="dialog"
        data-testid="share-button"
        onClick={() => setOpen(true)}
      >
        <ShareIcon />
        {!compact && <span>{t('button')}</span>}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareSheet target={target} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
