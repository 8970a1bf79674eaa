import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { useDialog } from '../../ui/useDialog';
import type { ShareTarget } from './ShareButton';

/** The page a plain link opens: the session (a product shared inside a session opens the session), the product, the producer. */
export function plainPath(target: ShareTarget): string {
  if (target.sessionId) return `/sessions/${target.sessionId}`;
  if (target.productId) return `/products/${target.productId}`;
  return `/producers/${target.producerId ?? ''}`;
}

/** Base64 of UTF-8 text (btoa alone takes Latin-1 only). */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Zalo's web share picker (the one its share button opens), for a link; Zalo then reads the page's preview tags. */
export function zaloShareUrl(url: string): string {
  const d = encodeURIComponent(base64Utf8(JSON.stringify({ url })));
  return `https://button-share.zalo.me/share_external?layout=1&color=blue&customize=false&d=${d}&shareType=0`;
}

export function facebookShareUrl(url: string): string {
  return `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
}

function ZaloIcon() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#0068ff" />
      <path
        d="M9 11h9.5l-7.4 9.2H18.6M20.5 11v9.2"
        stroke="#fff"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
        fill="none"
      />
    </svg>
  );
}

function FacebookIcon() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1877f2" />
      <path
        d="M17.6 26v-8.2h2.8l.4-3.2h-3.2v-2c0-.9.3-1.6 1.6-1.6H21V8.2c-.3 0-1.3-.2-2.5-.2-2.5 0-4.2 1.5-4.2 4.3v2.3h-2.8v3.2h2.8V26z"
        fill="#fff"
      />
    </svg>
  );
}

function CopyIcon() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#4a545e" />
      <rect x="12" y="12" width="11" height="12" rx="2" stroke="#fff" strokeWidth="2" fill="none" />
      <path d="M9 19V10a2 2 0 0 1 2-2h8" stroke="#fff" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}

function MoreIcon() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#0b6e4f" />
      <circle cx="10" cy="16" r="2.2" fill="#fff" />
      <circle cx="16" cy="16" r="2.2" fill="#fff" />
      <circle cx="22" cy="16" r="2.2" fill="#fff" />
    </svg>
  );
}

/**
 * The share sheet. A signed-in streamer's link is made once per target (POST /api/share-links) and carries their
 * share code (/s/<code>); for a producer, or for anyone else, the page's own address. Either way the link opens the
 * page with its preview (Open Graph tags served by the api).
 */
export function ShareSheet({ target, onClose }: { target: ShareTarget; onClose: () => void }) {
  const { t } = useTranslation('share');
  const { me, hasRole } = useAuth();
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const linkId = useId();
  useDialog(dialogRef, onClose);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const shareable = Boolean(target.sessionId || target.productId);
  const asStreamer = hasRole('streamer') && shareable;
  const link = useQuery({
    queryKey: ['share-link', me?.id, target.sessionId ?? null, target.productId ?? null],
    enabled: asStreamer,
    staleTime: Infinity,
    retry: false,
    queryFn: async () =>
      unwrap(
        await api.POST('/api/share-links', {
          body: {
            ...(target.sessionId ? { sessionId: target.sessionId } : {}),
            ...(target.productId ? { productId: target.productId } : {}),
          },
        }),
      ),
  });
  const path = asStreamer && link.data ? link.data.url : plainPath(target);
  const url = `${window.location.origin}${path}`;
  const waiting = asStreamer && link.isPending;
  const canNativeShare = typeof navigator.share === 'function';

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard access (an http page, a refused permission): the link is selected for a manual copy.
      const input = document.getElementById(linkId);
      if (input instanceof HTMLInputElement) input.select();
      setCopied('failed');
    }
  }

  async function nativeShare() {
    try {
      await navigator.share({ title: target.title, url });
    } catch {
      // Cancelled by the shopper: nothing to say.
    }
  }

  return (
    <div
      className="sheet-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="sheet stack share-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="share-sheet"
      >
        <div className="spread">
          <h2 id={titleId}>{t('title')}</h2>
          <button type="button" className="btn secondary small" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        <p className="share-subject">{target.title}</p>
        {asStreamer && link.isSuccess && (
          <p className="small share-note" data-testid="share-code-note">
            {t('streamerNote')}
          </p>
        )}
        {asStreamer && link.isError && (
          <p className="small muted" role="status">
            {t('plainLinkNote')}
          </p>
        )}
        <ul className="share-targets" aria-busy={waiting}>
          <li>
            <a
              className="share-target"
              href={waiting ? undefined : zaloShareUrl(url)}
              target="_blank"
              rel="noopener noreferrer"
              aria-disabled={waiting}
              data-testid="share-zalo"
            >
              <ZaloIcon />
              <span>{t('zalo')}</span>
            </a>
          </li>
          <li>
            <a
              className="share-target"
              href={waiting ? undefined : facebookShareUrl(url)}
              target="_blank"
              rel="noopener noreferrer"
              aria-disabled={waiting}
              data-testid="share-facebook"
            >
              <FacebookIcon />
              <span>{t('facebook')}</span>
            </a>
          </li>
          <li>
            <button
              type="button"
              className="share-target"
              disabled={waiting}
              onClick={() => void copy()}
              data-testid="share-copy"
            >
              <CopyIcon />
              <span>{t('copy')}</span>
            </button>
          </li>
          {canNativeShare && (
            <li>
              <button
                type="button"
                className="share-target"
                disabled={waiting}
                onClick={() => void nativeShare()}
                data-testid="share-native"
              >
                <MoreIcon />
                <span>{t('more')}</span>
              </button>
            </li>
          )}
        </ul>
        <label htmlFor={linkId} className="small muted">
          {t('link')}
        </label>
        <input
          id={linkId}
          className="share-link"
          readOnly
          value={waiting ? '' : url}
          placeholder={waiting ? t('making') : undefined}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="share-link"
        />
        <p className="small" role="status" aria-live="polite">
          {copied === 'yes' ? t('copied') : copied === 'failed' ? t('copyFailed') : ''}
        </p>
      </div>
    </div>
  );
}
