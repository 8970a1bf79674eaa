import { authStore } from '../auth/auth-store';

/**
 * The first answers the api put in the page's shell (apps/api/src/share-cards/page-boot.ts): home's lists and a
 * session page's detail and chat, as a signed-out visitor gets them, keyed by the api URL the app asks. A page's
 * first render uses them instead of waiting for its own requests; they are read once, from the page's own HTML,
 * and only while the page is young (a later visit to the same page inside the app asks the api).
 */
const ELEMENT_ID = 'ocop-boot';
/** Past this age (since the page's navigation) a boot answer is not used any more. */
const MAX_AGE_MS = 60_000;

let answers: Record<string, unknown> | null | undefined;

function read(): Record<string, unknown> | null {
  if (answers !== undefined) return answers;
  answers = null;
  if (typeof document === 'undefined') return answers;
  const element = document.getElementById(ELEMENT_ID);
  if (!element?.textContent) return answers;
  try {
    const parsed: unknown = JSON.parse(element.textContent);
    if (parsed && typeof parsed === 'object') answers = parsed as Record<string, unknown>;
  } catch {
    // a damaged boot: the page asks the api, as without one
  }
  return answers;
}

/** When the page was opened (the answers are that old), on this browser's clock. */
function bornAt(): number {
  return typeof performance !== 'undefined' && performance.timeOrigin ? performance.timeOrigin : Date.now();
}

/**
 * The shell's answer for an api URL, as TanStack Query's initialData and its time: a signed-out visitor's answer
 * counts as fresh; a signed-in one's (whose answer may differ) is shown at once and asked again straight away.
 */
export function bootAnswer<T>(url: string): { initialData: T; initialDataUpdatedAt: number } | undefined {
  const found = read();
  if (!found || !(url in found)) return undefined;
  const born = bornAt();
  if (Date.now() - born > MAX_AGE_MS) return undefined;
  return { initialData: found[url] as T, initialDataUpdatedAt: authStore.isSignedIn() ? 0 : born };
}

/** For tests: forget what was read, so that the next call reads the document again. */
export function resetBoot(): void {
  answers = undefined;
}
