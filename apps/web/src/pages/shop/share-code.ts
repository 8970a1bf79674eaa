// The streamer's share link a shopper followed (/s/<code>): remembered in this browser for the attribution window, so
// a purchase made within 7 days of following it carries the code (PRODUCT.md: a share link credits its streamer
// within 7 days, after a referral code, the live room and the replay).

const STORAGE_KEY = 'ocop.shareLink';
export const SHARE_WINDOW_MS = 7 * 24 * 3600 * 1000;
const CODE_RE = /^[A-Za-z0-9_-]{6,32}$/;

interface Followed {
  code: string;
  /** When this browser first followed the link (a later visit does not restart the window). */
  at: number;
}

function read(): Followed | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Followed>;
    return typeof value.code === 'string' && CODE_RE.test(value.code) && typeof value.at === 'number'
      ? { code: value.code, at: value.at }
      : null;
  } catch {
    return null;
  }
}

/** Remembers a followed link; following the same link again keeps the first time. */
export function rememberShareCode(code: string, now = Date.now()): void {
  if (!CODE_RE.test(code)) return;
  const current = read();
  const at = current?.code === code && now - current.at <= SHARE_WINDOW_MS ? current.at : now;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ code, at }));
  } catch {
    // private mode: the link counts for this page only
  }
}

/** The code a checkout carries now: the last link followed within 7 days, else none. */
export function activeShareCode(now = Date.now()): string | undefined {
  const followed = read();
  return followed && now - followed.at <= SHARE_WINDOW_MS ? followed.code : undefined;
}
